import Foundation
import GavelCore

/// Computes summaries from the session engine at an instant.
public enum SummaryBuilder {
    public static func context(_ session: Session, at now: Date) -> SummaryContext {
        let agenda = session.agenda
        return SummaryContext(title: PeopleText.clean(agenda.title), event: agenda.event.map(PeopleText.clean),
                              room: agenda.room.map(PeopleText.clean), timeZone: agenda.timeZone, asOf: now)
    }

    /// The summary of slot `id` at `now`, or nil when the agenda has no such slot.
    /// `notes`: the slot's live notes when the caller has them already (a day's summary reads
    /// every slot's in one pass); nil: read from the session.
    public static func slot(_ session: Session, id: String, at now: Date, notes given: [Note]? = nil) -> SlotSummary? {
        guard let slot = session.agenda.slot(id: id), let snapshot = session.snapshot(at: now, slot: id) else { return nil }
        let run = session.runs[id] ?? Session.SlotRun()
        let notes = given ?? session.notes(slot: id)
        var notesByTopic: [String: [SummaryNote]] = [:]
        var unlistedOrder: [String] = []
        for note in notes {
            if slot.topicIndex(id: note.topic) == nil, notesByTopic[note.topic] == nil { unlistedOrder.append(note.topic) }
            notesByTopic[note.topic, default: []].append(summaryNote(note))
        }
        let ended = session.derivedEnd(id, at: now)
        let over = isOver(slot, run: run, ended: ended, at: now)
        var topics: [TopicSummary] = snapshot.topics.map { status in
            let topic = status.topic
            return TopicSummary(id: topic.id, slotID: id, listed: true, title: PeopleText.clean(topic.title),
                                speakers: topic.speakers.map(PeopleText.clean), kind: topic.kind,
                                planned: topic.length, granted: status.planned,
                                used: status.hasStarted ? status.usedSeconds : 0,
                                holding: status.holding(slotOver: over), running: status.isRunning,
                                started: run.run(topic.id).firstStart, notes: notesByTopic[topic.id] ?? [])
        }
        topics += unlistedOrder.map { unlistedTopic($0, slotID: id, notes: notesByTopic[$0] ?? []) }
        let state: SlotState = ended.map { .ended($0.cause) } ?? (run.firstStart == nil ? .notStarted : .running)
        var summary = SlotSummary(id: id, listed: true, title: PeopleText.clean(slot.title),
                                  room: (slot.room ?? session.agenda.room).map(PeopleText.clean),
                                  date: slot.start ?? run.firstStart, scheduledStart: slot.start, scheduledEnd: slot.end,
                                  actualStart: run.firstStart, actualEnd: ended?.at, state: state, length: slot.length,
                                  topics: topics)
        summary.extended = run.extra
        if let first = run.firstStart {
            let last = ended?.at ?? now
            summary.clockSteps = session.clockJumps.filter { $0.at >= first && $0.at <= last + abs($0.seconds) }
        }
        return summary
    }

    /// The whole microconference at `now`: every slot started or with notes, in agenda order,
    /// then the notes of slots no longer on the agenda.
    public static func day(_ session: Session, at now: Date) -> DaySummary {
        var slots: [SlotSummary] = []
        var notHeld: [SlotNotHeld] = []
        let notesBySlot = session.notesBySlot()
        for slot in session.agenda.slots {
            guard let summary = Self.slot(session, id: slot.id, at: now, notes: notesBySlot[slot.id] ?? []) else { continue }
            if summary.held || summary.noteCount > 0 { slots.append(summary) }
            if !summary.held {
                notHeld.append(SlotNotHeld(id: slot.id, title: summary.title, topics: slot.topics.count,
                                           yet: !isOver(slot, run: session.runs[slot.id] ?? Session.SlotRun(),
                                                        ended: session.derivedEnd(slot.id, at: now), at: now)))
            }
        }
        var orphans: [String: [Note]] = [:]
        var orphanOrder: [String] = []
        for note in session.unlistedNotes where session.agenda.slot(id: note.slot) == nil {
            if orphans[note.slot] == nil { orphanOrder.append(note.slot) }
            orphans[note.slot, default: []].append(note)
        }
        for slotID in orphanOrder {
            let notes = orphans[slotID] ?? []
            var topicOrder: [String] = []
            var byTopic: [String: [SummaryNote]] = [:]
            for note in notes {
                if byTopic[note.topic] == nil { topicOrder.append(note.topic) }
                byTopic[note.topic, default: []].append(summaryNote(note))
            }
            let cleanID = PeopleText.clean(slotID)
            slots.append(SlotSummary(id: cleanID, listed: false, title: cleanID, room: nil, date: nil,
                                     scheduledStart: nil, scheduledEnd: nil, actualStart: nil, actualEnd: nil,
                                     state: .notStarted, length: 0,
                                     topics: topicOrder.map { unlistedTopic($0, slotID: cleanID, notes: byTopic[$0] ?? []) }))
        }
        return DaySummary(context: context(session, at: now), slots: slots, notHeld: notHeld,
                          agendaTopics: session.agenda.allTopics.count,
                          agendaPlanned: session.agenda.slots.reduce(0) { $0 + $1.plannedLength })
    }

    /// Whether `slot` is over: ended, or never started and past its scheduled end (or without
    /// one). Its topics that never ran are then not held, rather than not held yet.
    static func isOver(_ slot: Slot, run: Session.SlotRun, ended: Session.SlotEnd?, at now: Date) -> Bool {
        if ended != nil { return true }
        guard run.firstStart == nil else { return false }
        return slot.end.map { now >= $0 } ?? true
    }

    static func unlistedTopic(_ id: String, slotID: String, notes: [SummaryNote]) -> TopicSummary {
        let cleanID = PeopleText.clean(id)
        return TopicSummary(id: cleanID, slotID: slotID, listed: false, title: cleanID, speakers: [], kind: nil,
                            planned: 0, granted: 0, used: 0, holding: .notHeld, running: false, started: nil,
                            notes: notes)
    }

    static func summaryNote(_ note: Note) -> SummaryNote {
        let text = PeopleText.clean(note.text)
        let parsed = NoteText(text)
        return SummaryNote(id: PeopleText.clean(note.id), kind: parsed.kind, text: text, body: parsed.body,
                           owners: parsed.owners, links: parsed.links, by: PeopleText.clean(note.by),
                           offset: note.offset, at: note.at, edited: !note.history.isEmpty)
    }
}
