import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// Invariants of the engine over random event sequences, from a seeded generator so a failure
/// repeats. Each can fail: none is a value clamped where it is defined.
@Suite struct SessionPropertyTests {
    static let agenda = SessionTests.agenda
    static let authors = ["ada", "bob", "chair"]

    /// A random event as any writer might record it: timer events on any slot and topic (also
    /// ones not on the agenda), notes and their changes by three authors, chair commands.
    static func randomEvent(_ session: Session, at t: Date, step: Int, noteIDs: inout [String],
                            rng: inout SeededRandom) -> SessionEvent? {
        let ids = agenda.allTopics.map { ($0.slot.id, $0.topic.id) } + [("one", "gone"), ("nowhere", "x")]
        let (slot, topic) = ids.randomElement(using: &rng) ?? ("one", "a")
        let by = authors.randomElement(using: &rng) ?? "ada"
        let action: SessionEvent.Action
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: action = .openSlot(slot: slot)
        case 1, 2: action = .start(slot: slot, topic: topic)
        case 3: action = .pause(slot: slot, topic: topic)
        case 4: action = .adjust(slot: slot, topic: topic, seconds: Int.random(in: -3000...600, using: &rng))
        case 5: action = .next(slot: slot, topic: topic)
        case 6: action = .previous(slot: slot, topic: topic)
        case 7: action = .endSlot(slot: slot, cause: [.chair, .lastTopic, .timeUp].randomElement(using: &rng) ?? .chair)
        case 8:
            let id = "n\(step)"
            noteIDs.append(id)
            action = .noteAdded(id: id, slot: slot, topic: topic, text: "note \(step)", by: by)
        case 9:
            let id = noteIDs.randomElement(using: &rng) ?? "none"
            let base = Bool.random(using: &rng) ? session.notes[id]?.version : Int.random(in: 0...3, using: &rng)
            action = .noteEdited(id: id, text: "e\(step)", undo: false, base: base)
        case 10: action = .noteDeleted(id: noteIDs.randomElement(using: &rng) ?? "none")
        case 11: action = .noteMoved(id: noteIDs.randomElement(using: &rng) ?? "none", slot: slot, topic: topic, undo: false)
        case 12:
            guard case .success(let undo) = session.undoAction(by: by) else { return nil }
            action = undo
        default:
            // A chair's command, as the keys send them.
            let commands: [Session.Command] = [.toggle, .next, .previous, .adjust(seconds: 60), .adjust(seconds: -60), .endSlot]
            guard case .record(let actions) = session.decide(commands.randomElement(using: &rng) ?? .toggle, at: t, confirmed: true),
                  let first = actions.last else { return nil }
            action = first
        }
        return SessionEvent(at: t, action, by: by, role: .chair)
    }

    /// Topics whose clock runs at `t`, over every slot.
    static func running(_ session: Session, at t: Date) -> [String] {
        agenda.slots.flatMap { slot in
            (session.snapshot(at: t, slot: slot.id)?.topics ?? []).filter(\.isRunning).map { slot.id + "/" + $0.topic.id }
        }
    }

    @Test(arguments: 0..<40)
    func invariantsHoldAfterEveryEvent(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &* 7919)
        var t = Date(timeIntervalSince1970: 1_000_000)
        var events: [SessionEvent] = []
        var session = Session(agenda: Self.agenda)
        var noteIDs: [String] = []
        for step in 0..<300 {
            t += Double(Int.random(in: 0...400, using: &rng)) / 4
            guard let event = Self.randomEvent(session, at: t, step: step, noteIDs: &noteIDs, rng: &rng) else { continue }
            events.append(event)
            session.apply(event)
            // At most one topic runs in the whole session.
            let running = Self.running(session, at: t)
            #expect(running.count <= 1, "step \(step): \(running) run at once")
            for slot in Self.agenda.slots {
                let snap = try #require(session.snapshot(at: t, slot: slot.id))
                // Nothing runs after its slot ended: its clocks stand still from then on.
                if snap.hasEnded {
                    let later = try #require(session.snapshot(at: t + 600, slot: slot.id))
                    #expect(zip(snap.topics, later.topics).allSatisfy { $0.elapsed == $1.elapsed }, "step \(step): \(slot.id) ran on after its end")
                    if let end = snap.ended {
                        #expect(snap.topics.allSatisfy { !$0.isRunning })
                        #expect(snap.firstStart.map { end.at >= $0 } ?? true)
                    }
                }
                for topic in snap.topics {
                    #expect(topic.planned >= 0)
                    #expect(topic.elapsed >= 0)
                }
                #expect(snap.current >= 0 && snap.current < snap.topics.count)
            }
        }
        let replayed = Session(agenda: Self.agenda, events: events)
        #expect(replayed.snapshot(at: t) == session.snapshot(at: t))
        #expect(replayed.notes == session.notes)
    }

    /// What a person sees of the notes: text, topic, deleted or not.
    static func visible(_ session: Session) -> [String: String] {
        session.notes.mapValues { "\($0.slot)/\($0.topic)/\($0.deleted)/\($0.text)" }
    }

    /// Undo right after one's own edit, delete or move puts the notes back as they were.
    @Test(arguments: 0..<20)
    func undoRestoresTheStateBeforeTheChange(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &+ 0xD0)
        var session = Session(agenda: Self.agenda)
        var t = Date(timeIntervalSince1970: 1_000_000)
        var ids: [String] = []
        for i in 0..<6 {
            ids.append("n\(i)")
            session.apply(SessionEvent(at: t, .noteAdded(id: "n\(i)", slot: "one", topic: "a", text: "text \(i)", by: "ada"), by: "ada"))
        }
        for step in 0..<200 {
            t += 1
            let by = Self.authors.randomElement(using: &rng) ?? "ada"
            let id = ids.randomElement(using: &rng) ?? "n0"
            let note = try #require(session.notes[id])
            let change: SessionEvent.Action = switch Int.random(in: 0..<3, using: &rng) {
            case 0: .noteEdited(id: id, text: "edit \(step)", undo: false, base: note.version)
            case 1: note.deleted ? .noteRestored(id: id) : .noteDeleted(id: id)
            default: .noteMoved(id: id, slot: "two", topic: ["c", "d", "e"].randomElement(using: &rng) ?? "c", undo: false)
            }
            let before = Self.visible(session)
            session.apply(SessionEvent(at: t, change, by: by))
            guard Self.visible(session) != before else { continue }
            if case .noteRestored = change { continue }   // itself an undo
            // Nobody else's undo takes this change back: their steps on this note are void now.
            for other in Self.authors where other != by {
                if case .success(let action) = session.undoAction(by: other) {
                    #expect(action.noteID != id, "step \(step): \(other)'s undo would take back \(by)'s \(change)")
                }
            }
            let undo = try session.undoAction(by: by).get()
            session.apply(SessionEvent(at: t + 0.5, undo, by: by))
            #expect(Self.visible(session) == before, "step \(step): \(by)'s undo of \(change) left \(Self.visible(session)[id] ?? "")")
        }
    }

    /// Two writers (a chair and a note-taker, two processes on one log) interleaving commands,
    /// notes, edits and undos at random end, each, in the state of a replay of the merged log.
    @Test(arguments: 0..<12)
    func interleavedWritersEqualAReplayOfTheMergedLog(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &+ 0xAB)
        let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))
        let storage = MemoryLogStorage()
        let chair = try LiveSession(agenda: Self.agenda, log: MemoryLog(storage: storage, view: "chair"), clock: clock,
                                    author: "chair", role: .chair)
        let notes = try LiveSession(agenda: Self.agenda, log: MemoryLog(storage: storage, view: "ada"), clock: clock,
                                    author: "ada", role: .notes)
        for step in 0..<250 {
            clock.advance(Double(Int.random(in: 0...240, using: &rng)) / 4)
            let now = clock.now()
            let writer = Bool.random(using: &rng) ? chair : notes
            // Each writer acts on what it has seen, which may be behind the log.
            if Bool.random(using: &rng) { try writer.sync() }
            let s = writer.session
            let noteIDs = s.noteOrder
            switch Int.random(in: 0..<8, using: &rng) {
            case 0, 1:
                let commands: [Session.Command] = [.toggle, .next, .previous, .adjust(seconds: 60), .endSlot, .openSlot("two"), .openSlot("one")]
                _ = try writer.perform(commands.randomElement(using: &rng) ?? .toggle, at: now, confirmed: Bool.random(using: &rng))
            case 2, 3:
                let slot = s.currentSlotID(at: now) ?? "one"
                let topic = s.agenda.slot(id: slot)?.topics.first?.id ?? "a"
                _ = try writer.addNote("note \(step)", slot: slot, topic: topic, at: now)
            case 4:
                if let id = noteIDs.randomElement(using: &rng), let note = s.notes[id] {
                    _ = try writer.editNote(id, text: "edit \(step) by \(writer.author)", base: note.version, at: now)
                }
            case 5:
                if let id = noteIDs.randomElement(using: &rng) { try writer.record(.noteDeleted(id: id), at: now) }
            case 6:
                _ = try writer.undo(at: now)
            default:
                try writer.step(at: now, readLog: true)
            }
        }
        try chair.sync()
        try notes.sync()
        let replay = Session(agenda: Self.agenda, events: storage.all)
        let now = clock.now()
        for live in [chair, notes] {
            #expect(live.session.notes == replay.notes, "\(live.author)'s notes")
            #expect(live.session.runs == replay.runs, "\(live.author)'s clocks")
            #expect(live.session.snapshot(at: now) == replay.snapshot(at: now))
        }
        // The rules held in the log itself: no end of a slot is recorded while it has already
        // ended (however many writers saw it end), and no edit is recorded against a stale version.
        var replaying = Session(agenda: Self.agenda)
        for event in storage.all {
            let effects = replaying.apply(event)
            if case .endSlot(let slot, _) = event.action {
                #expect(effects.contains { if case .slotEnded(slot, _) = $0 { true } else { false } },
                        "a second end of \(slot) was recorded by \(event.by ?? "?")")
            }
        }
        #expect(!storage.all.contains { $0.by == "ada" && !$0.action.isNoteAction && $0.action.name != "endSlot"
            && $0.action.name != "clockBase" && $0.action.name != "clockJump" })
    }
    /// The notes of a topic and of a slot come from indexes kept as events apply: they must
    /// list exactly what going through every note in the order they were added lists, after
    /// adds, moves (undone too), deletes and restores in any order.
    @Test(arguments: 0..<20)
    func notesOfATopicAndASlotAreThoseOfTheWholeListInOrder(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &+ 0x5EED)
        var session = Session(agenda: Self.agenda)
        var noteIDs: [String] = []
        var t = Date(timeIntervalSince1970: 1_000_000)
        let listed: [(String, String)] = Self.agenda.allTopics.map { ($0.slot.id, $0.topic.id) }
        let places: [(String, String)] = listed + [("one", "gone"), ("nowhere", "x")]
        let slots: Set<String> = Set(places.map { $0.0 })
        for step in 0..<400 {
            t = t.addingTimeInterval(Double(Int.random(in: 0...30, using: &rng)))
            // Mostly notes and their moves, so that topics hold many.
            let event: SessionEvent?
            let kind = Int.random(in: 0..<4, using: &rng)
            if kind == 1 {
                let (slot, topic) = places.randomElement(using: &rng)!
                noteIDs.append("m\(step)")
                event = SessionEvent(at: t, .noteAdded(id: "m\(step)", slot: slot, topic: topic, text: "n", by: "ada"), by: "ada", role: .notes)
            } else if kind == 0, let id = noteIDs.randomElement(using: &rng) {
                let (slot, topic) = places.randomElement(using: &rng)!
                let action: SessionEvent.Action = Bool.random(using: &rng)
                    ? .noteMoved(id: id, slot: slot, topic: topic, undo: false) : .noteRestored(id: id)
                event = SessionEvent(at: t, action, by: Self.authors.randomElement(using: &rng), role: .chair)
            } else {
                event = Self.randomEvent(session, at: t, step: step, noteIDs: &noteIDs, rng: &rng)
            }
            guard let event else { continue }
            _ = session.apply(event)
            for (slot, topic) in places {
                let scanned: [Note] = session.noteOrder.compactMap { session.notes[$0] }.filter { !$0.deleted && $0.slot == slot && $0.topic == topic }
                #expect(session.notes(slot: slot, topic: topic) == scanned, "step \(step): \(slot)/\(topic)")
            }
            let all: [Note] = session.noteOrder.compactMap { session.notes[$0] }
            for slot in slots {
                let scanned: [Note] = all.filter { !$0.deleted && $0.slot == slot }
                #expect(session.notes(slot: slot) == scanned, "step \(step): \(slot)")
                #expect((session.notesBySlot()[slot] ?? []) == scanned, "step \(step): \(slot)")
            }
            // Notes off the agenda, found by place: every live note whose place is not listed.
            let off: [Note] = all.filter { n in !n.deleted && !listed.contains { $0 == (n.slot, n.topic) } }
            #expect(session.unlistedNotes == off, "step \(step)")
        }
        #expect(noteIDs.count > 60)
    }
}

extension SessionPropertyTests {
    /// A new note takes a short way through `apply` when the agenda renames nothing. An agenda
    /// whose only rename no event names takes the general way for every event: the two must end
    /// in the same state, with the same effects, after every event (new notes, notes added twice,
    /// notes off the agenda, and everything else in between).
    @Test(arguments: 0..<20)
    func aNewNoteTakesTheShortWayToTheSameState(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &+ 0xADD)
        var general = Self.agenda
        general.renamed = ["a-topic-no-event-names": "a"]
        var short = Session(agenda: Self.agenda)
        var long = Session(agenda: general)
        var noteIDs: [String] = []
        var t = Date(timeIntervalSince1970: 2_000_000)
        let places = Self.agenda.allTopics.map { ($0.slot.id, $0.topic.id) } + [("one", "gone"), ("nowhere", "x")]
        for step in 0..<300 {
            t = t.addingTimeInterval(Double(Int.random(in: 0...40, using: &rng)))
            let event: SessionEvent?
            if Bool.random(using: &rng) {
                let (slot, topic) = places.randomElement(using: &rng)!
                // Now and then an id already taken: the note stays as it was.
                let id = Int.random(in: 0..<6, using: &rng) == 0 ? (noteIDs.randomElement(using: &rng) ?? "a0") : "a\(step)"
                noteIDs.append(id)
                event = SessionEvent(at: t, .noteAdded(id: id, slot: slot, topic: topic, text: "n\(step)", by: "ada"), by: "ada", role: .notes)
            } else {
                event = Self.randomEvent(short, at: t, step: step, noteIDs: &noteIDs, rng: &rng)
            }
            guard let event else { continue }
            #expect(short.apply(event) == long.apply(event), "step \(step)")
            #expect(short.notes == long.notes, "step \(step)")
            #expect(short.noteOrder == long.noteOrder, "step \(step)")
            #expect(short.eventCount == long.eventCount, "step \(step)")
            #expect(short.slotChangedAt == long.slotChangedAt, "step \(step)")
            #expect(short.sessionChangedAt == long.sessionChangedAt, "step \(step)")
            #expect(short.namedTopicIDs == long.namedTopicIDs, "step \(step)")
            for (slot, topic) in places {
                #expect(short.notes(slot: slot, topic: topic) == long.notes(slot: slot, topic: topic), "step \(step)")
            }
        }
        #expect(short.notes.count > 100)
    }
}

extension SessionEvent.Action {
    var noteID: String? {
        switch self {
        case .noteAdded(let id, _, _, _, _), .noteEdited(let id, _, _, _), .noteDeleted(let id), .noteRestored(let id),
             .noteMoved(let id, _, _, _): id
        default: nil
        }
    }

}
