import Foundation
import GavelCore

/// Lays out a slot's summary, or the whole microconference's, as blocks.
public enum SummaryLayout {
    typealias Inline = SummaryDocument.Inline
    typealias Block = SummaryDocument.Block

    /// A slot's summary on its own (the `SLOT-ID.md` file).
    public static func slot(_ slot: SlotSummary, context: SummaryContext) -> SummaryDocument {
        var blocks: [Block] = []
        appendSlot(slot, context: context, level: 1, standalone: true, to: &blocks)
        return SummaryDocument(blocks: blocks)
    }

    /// The whole microconference: an overview, then each slot's summary in order.
    public static func day(_ day: DaySummary) -> SummaryDocument {
        let context = day.context
        let zone = context.timeZone
        var blocks: [Block] = [.heading(level: 1, [.people(context.title), .plain(": summary")])]
        var about: [Inline] = []
        if let event = context.event { about += [.people(event), .plain(" · ")] }
        if let room = context.room { about += [.plain("room "), .people(room), .plain(" · ")] }
        about.append(.plain("as of " + SummaryTime.day(context.asOf, zone: zone) + " "
                            + SummaryTime.hhmm(context.asOf, zone: zone) + " (" + zone.identifier + ")"))
        blocks.append(.paragraph(about))

        blocks.append(.heading(level: 2, [.plain("Overview")]))
        let listedHeld = day.slots.filter { $0.listed && $0.held }.count
        let listedTotal = listedHeld + day.notHeld.count
        var facts: [[Inline]] = [[.plain("Slots held: \(listedHeld) of \(listedTotal)")]]
        for yet in [false, true] {
            let slots = day.notHeld.filter { $0.yet == yet }
            guard !slots.isEmpty else { continue }
            var names: [Inline] = [.plain("Slots " + (yet ? TopicHolding.notHeldYet : .notHeld).words + ": ")]
            for (i, slot) in slots.enumerated() {
                if i > 0 { names.append(.plain(", ")) }
                names += [.people(slot.title), .plain(" (" + count(slot.topics, "topic") + ")")]
            }
            facts.append(names)
        }
        facts.append([.plain("Topics held: \(day.heldTopics.count) of \(day.agendaTopics)")])
        for holding in [TopicHolding.notHeld, .notHeldYet] {
            let topics = day.topics(holding)
            guard !topics.isEmpty else { continue }
            var names: [Inline] = [.plain("Topics " + holding.words + ": ")]
            for (i, item) in topics.enumerated() {
                if i > 0 { names.append(.plain(", ")) }
                names += [.people(item.topic.title), .plain(" ("), .people(item.slot.title), .plain(")")]
            }
            facts.append(names)
        }
        facts.append([.plain("Time for the topics held: "
                             + SummaryTime.timing(planned: day.plannedHeld, adjust: day.adjustHeld, used: day.used))])
        facts.append([.plain("Whole agenda: " + SummaryTime.duration(day.agendaPlanned) + " planned")])
        facts.append([.plain("Overruns (past " + SummaryTime.grantedName + "): \(day.overruns.count)")])
        let takers = day.noteTakers
        if !takers.isEmpty { facts.append(noteTakers(takers)) }
        blocks.append(.list(facts))

        let overruns = day.overruns
        if !overruns.isEmpty {
            blocks.append(.heading(level: 3, [.plain("Overruns")]))
            blocks.append(.list(overruns.map { slot, topic in
                [.people(topic.title), .plain(" ("), .people(slot.title), .plain("): "
                    + SummaryTime.timing(planned: topic.planned, adjust: topic.adjust, used: topic.used))]
            }))
        }
        let actions = day.actionsByOwner
        if !actions.isEmpty {
            blocks.append(.heading(level: 3, [.plain("Actions by owner")]))
            for group in actions {
                blocks.append(.heading(level: 4, [group.owner.map { .people("@" + $0) } ?? .plain("No owner")]))
                blocks.append(.list(group.actions.map { placed($0) }))
            }
        }
        for (name, notes) in [("Decisions", day.decisions), ("Open questions", day.questions)] where !notes.isEmpty {
            blocks.append(.heading(level: 3, [.plain(name)]))
            blocks.append(.list(notes.map { placed($0) }))
        }
        for slot in day.slots {
            appendSlot(slot, context: context, level: 2, standalone: false, to: &blocks)
        }
        return SummaryDocument(blocks: blocks)
    }

    static func placed(_ item: DaySummary.PlacedNote) -> [Inline] {
        [body(item.note), .plain(" — "), .emphasis([.people(item.slotTitle), .plain(" / "), .people(item.topicTitle)])]
    }

    static func body(_ note: SummaryNote) -> Inline { .typed(note.body, links: note.links) }

    /// `1 topic`, `4 topics`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }

    /// `Notes by: chair (12), ana (2)`: who took the notes, crediting each.
    static func noteTakers(_ takers: [NoteTaker]) -> [Inline] {
        var line: [Inline] = [.plain("Notes by: ")]
        for (i, taker) in takers.enumerated() {
            if i > 0 { line.append(.plain(", ")) }
            line += [.people(taker.name), .plain(" (\(taker.notes))")]
        }
        return line
    }

    static func appendSlot(_ slot: SlotSummary, context: SummaryContext, level: Int, standalone: Bool,
                           to blocks: inout [Block]) {
        let zone = context.timeZone
        blocks.append(.heading(level: level, slot.listed ? [.people(slot.title)]
                                                        : [.plain("Unlisted slot: "), .people(slot.id)]))
        if standalone {
            var about: [Inline] = [.people(context.title)]
            if let event = context.event { about += [.plain(" · "), .people(event)] }
            blocks.append(.paragraph(about))
        }
        if slot.listed {
            var facts: [[Inline]] = []
            if let room = slot.room { facts.append([.plain("Room: "), .people(room)]) }
            if let date = slot.date { facts.append([.plain("Date: " + SummaryTime.day(date, zone: zone))]) }
            if let scheduled = SummaryTime.scheduledSpan(slot, zone: zone) { facts.append([.plain("Scheduled: " + scheduled)]) }
            facts.append([.plain("Actual: " + SummaryTime.actualSpan(slot, context: context))])
            if slot.extended > 0 {
                facts.append([.plain("Length: " + SummaryTime.duration(slot.length) + ", extended by "
                                     + SummaryTime.duration(slot.extended) + " after its time ran out")])
            }
            facts.append([.plain("Times in " + zone.identifier + "; notes are marked with their time into the topic (+mm:ss)")])
            for step in slot.clockSteps {
                let direction = step.seconds < 0 ? "back" : "forward"
                facts.append([.plain("The computer's clock was set \(direction) by \(SummaryTime.duration(Int(abs(step.seconds).rounded()))) at "
                                     + SummaryTime.hhmm(step.at, zone: zone) + "; running times were carried over it")])
            }
            let takers = slot.noteTakers
            if !takers.isEmpty { facts.append(noteTakers(takers)) }
            blocks.append(.list(facts))
        } else {
            var line: [Inline] = [.plain("Notes of a slot no longer on the agenda, marked with their time into the topic (+mm:ss).")]
            let takers = slot.noteTakers
            if !takers.isEmpty { line += [.plain(" ")] + noteTakers(takers) }
            blocks.append(.paragraph(line))
        }
        for topic in slot.topics {
            appendTopic(topic, level: level + 1, to: &blocks)
        }
        if slot.listed, !slot.listedTopics.isEmpty {
            blocks.append(.heading(level: level + 1, [.plain("Timing")]))
            blocks.append(timingTable(slot, zone: zone))
        }
    }

    static func appendTopic(_ topic: TopicSummary, level: Int, to blocks: inout [Block]) {
        blocks.append(.heading(level: level, topic.listed ? [.people(topic.title)]
                                                          : [.plain("Unlisted topic: "), .people(topic.id)]))
        if topic.listed {
            var line: [Inline] = []
            if topic.kind == .lightning { line.append(.plain("Lightning talk · ")) }
            if topic.speakers.isEmpty {
                line.append(.plain("Speaker not known"))
            } else {
                line.append(.plain(topic.speakers.count == 1 ? "Speaker: " : "Speakers: "))
                for (i, speaker) in topic.speakers.enumerated() {
                    if i > 0 { line.append(.plain(", ")) }
                    line.append(.people(speaker))
                }
            }
            line.append(.plain(" · " + SummaryTime.topicTiming(topic)))
            blocks.append(.paragraph(line))
        } else {
            blocks.append(.paragraph([.plain("No longer on the agenda; its notes are kept here.")]))
        }
        let sections: [(NoteKind, String)] = [
            (.decision, "Decisions"), (.action, "Actions"), (.question, "Open questions"), (.discussion, "Discussion"),
        ]
        for (kind, name) in sections {
            let notes = topic.notes(kind)
            guard !notes.isEmpty else { continue }
            blocks.append(.heading(level: level + 1, [.plain(name)]))
            blocks.append(.list(notes.map { note in
                switch kind {
                case .discussion:
                    return [.plain(SummaryTime.offset(note.offset) + " "), body(note)]
                case .action:
                    // Its @names are its owners and are in the text already; only say when there are none.
                    return note.owners.isEmpty ? [body(note), .plain(" — "), .emphasis([.plain("no owner")])] : [body(note)]
                case .decision, .question:
                    return [body(note)]
                }
            }))
        }
    }

    /// Each topic's planned, granted (the chair's `+` and `-`) and used time, and its overrun
    /// against planned+granted and against the plan alone.
    static func timingTable(_ slot: SlotSummary, zone: TimeZone) -> Block {
        let none: [Inline] = [.plain("—")]
        var rows: [[[Inline]]] = slot.listedTopics.map { topic in
            [[.people(topic.title)],
             [.plain(topic.started.map { SummaryTime.hhmm($0, zone: zone) } ?? "—")],
             [.plain(SummaryTime.duration(topic.planned))],
             [.plain(SummaryTime.signedDuration(topic.adjust))],
             topic.held ? [.plain(SummaryTime.duration(topic.used))] : [.plain(topic.holding.words)],
             topic.held ? [.plain(SummaryTime.signedDuration(topic.overGranted))] : none,
             topic.held ? [.plain(SummaryTime.signedDuration(topic.overPlan))] : none]
        }
        let held = slot.listedTopics.filter(\.held)
        let heldPlanned = held.reduce(0) { $0 + $1.planned }
        let heldGranted = held.reduce(0) { $0 + $1.granted }
        let heldUsed = held.reduce(0) { $0 + $1.used }
        rows.append([[.plain("Total")],
                     [.plain(slot.actualStart.map { SummaryTime.hhmm($0, zone: zone) } ?? "—")],
                     [.plain(SummaryTime.duration(slot.planned))],
                     [.plain(SummaryTime.signedDuration(slot.listedTopics.reduce(0) { $0 + $1.adjust }))],
                     [.plain(SummaryTime.duration(heldUsed))],
                     held.isEmpty ? none : [.plain(SummaryTime.signedDuration(heldUsed - heldGranted))],
                     held.isEmpty ? none : [.plain(SummaryTime.signedDuration(heldUsed - heldPlanned))]])
        return .table(header: ["Topic", "Started", "Planned", "Granted", "Used", "Over " + SummaryTime.grantedName, "Over plan"],
                      rightAligned: [false, false, true, true, true, true, true], rows: rows)
    }
}
