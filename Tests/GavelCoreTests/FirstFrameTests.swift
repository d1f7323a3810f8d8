import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// A view's first frame is drawn from part of the log (`FirstFrame`): on any log, that part must
/// show what the whole log shows at that instant, or the view must know it does not.
@Suite struct FirstFrameTests {
    /// The property tests' agenda, with `[renamed]` sending lost ids to topics on it: notes filed
    /// under an old id are shown under the new one.
    static let agenda: Agenda = {
        var agenda = SessionPropertyTests.agenda
        agenda.renamed = ["gone": "a", "old-c": "c", "x": "d"]
        return agenda
    }()

    /// Everything of the session a first frame draws, at `now`, for a view of `author`.
    struct Drawn: Equatable {
        var snapshot: Snapshot?
        var notes: [Note]
        var undo: String
        var draftNote: Note?
        var decisions: [String]
        var message: Session.SpeakerMessage?
    }

    static func drawn(_ session: Session, at now: Date, author: String, draftNote: String?) -> Drawn {
        let snapshot = session.snapshot(at: now)
        let notes = snapshot.flatMap { s in s.currentTopic.map { session.notes(slot: s.slot.id, topic: $0.topic.id) } } ?? []
        let commands: [Session.Command] = [.toggle, .next, .previous, .adjust(seconds: 60), .endSlot, .rebalance]
        return Drawn(snapshot: snapshot, notes: notes, undo: "\(session.undoAction(by: author))",
                     draftNote: draftNote.flatMap { session.notes[$0] },
                     decisions: commands.map { "\(session.decide($0, at: now))" },
                     message: session.speakerMessage)
    }

    @Test(arguments: 0..<4)
    func thePartDrawsWhatTheWholeLogDraws(batch: Int) throws {
        var shownNotes = 0
        for seed in (batch * 10)..<(batch * 10 + 10) { shownNotes += try Self.compareFrames(seed: seed) }
        // The logs are long and varied enough that frames show notes.
        #expect(shownNotes > 100)
    }

    /// Opens views at instants along a random log; returns how many notes their frames showed.
    static func compareFrames(seed: Int) throws -> Int {
        var rng = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 11)
        var t = Date(timeIntervalSince1970: 1_000_000)
        var events: [SessionEvent] = []
        var session = Session(agenda: Self.agenda)
        var noteIDs: [String] = []
        var shownNotes = 0
        for step in 0..<300 {
            t += Double(Int.random(in: 0...300, using: &rng)) / 4
            guard let event = SessionPropertyTests.randomEvent(session, at: t, step: step, noteIDs: &noteIDs, rng: &rng) else { continue }
            // Old ids too, which `[renamed]` maps.
            var recorded = event
            if case .noteAdded(let id, let slot, let topic, let text, let by) = event.action, Bool.random(using: &rng) {
                let old = ["gone", "old-c", "x", topic].randomElement(using: &rng) ?? topic
                recorded = SessionEvent(at: event.at, .noteAdded(id: id, slot: slot, topic: old, text: text, by: by), by: event.by, role: event.role)
            }
            events.append(recorded)
            session.apply(recorded)
            // Every few events, a view opens: on the whole log and on its first frame's part.
            guard step % 7 == 0 else { continue }
            let now = t + Double(Int.random(in: 0...1200, using: &rng))
            let author = SessionPropertyTests.authors.randomElement(using: &rng) ?? "ada"
            let draftNote = Bool.random(using: &rng) ? noteIDs.randomElement(using: &rng) : nil
            let whole = Session(agenda: Self.agenda, events: events)
            let steering = FirstFrame.events(of: events, topics: [], notes: draftNote.map { [$0] } ?? [])
            let topics = FirstFrame.topics(Session(agenda: Self.agenda, events: steering), at: now)
            let part = Session(agenda: Self.agenda, events: FirstFrame.events(of: events, topics: topics, notes: draftNote.map { [$0] } ?? []))
            #expect(FirstFrame.topics(part, at: now) == topics, "seed \(seed) step \(step)")
            let expected = Self.drawn(whole, at: now, author: author, draftNote: draftNote)
            #expect(Self.drawn(part, at: now, author: author, draftNote: draftNote) == expected, "seed \(seed) step \(step)")
            shownNotes += expected.notes.count
        }
        return shownNotes
    }

    /// The part leaves out notes of other topics (else it would read the whole day).
    @Test func otherTopicsNotesAreNotRead() {
        let t = Date(timeIntervalSince1970: 1_000_000)
        var events = [SessionEvent(at: t, .start(slot: "one", topic: "a"), by: "chair")]
        for i in 0..<50 {
            let topic = ["a", "b", "gone"][i % 3]
            events.append(SessionEvent(at: t + Double(i), .noteAdded(id: "n\(i)", slot: "one", topic: topic, text: "\(i)", by: "ada"), by: "ada"))
        }
        events.append(SessionEvent(at: t + 60, .noteEdited(id: "n1", text: "changed", undo: false, base: 0), by: "bob"))
        let topics = FirstFrame.topics(Session(agenda: Self.agenda, events: FirstFrame.events(of: events, topics: [], notes: [])), at: t + 100)
        #expect(topics == ["a", "gone"])
        let part = FirstFrame.events(of: events, topics: topics, notes: [])
        let notes = Set(part.compactMap(\.action.noteID))
        // The topic shown (a, and gone which became a) and the note changed on b.
        #expect(notes == Set((0..<50).filter { $0 % 3 != 1 }.map { "n\($0)" } + ["n1"]))
    }

    /// A view whose first frame was drawn from the part reads the whole log before it decides or
    /// records anything, and then holds what a view that read it all holds.
    @Test func aLiveSessionReadsTheWholeLogBeforeItRecords() throws {
        let t = Date(timeIntervalSince1970: 1_000_000)
        let clock = ManualClock(t + 30)
        var events = [SessionEvent(at: t, .start(slot: "one", topic: "a"), by: "chair")]
        for i in 0..<30 {
            events.append(SessionEvent(at: t + Double(i), .noteAdded(id: "n\(i)", slot: "one", topic: i % 2 == 0 ? "a" : "b", text: "\(i)", by: "ada"), by: "ada"))
        }
        let log = MemoryLog(events: events)
        let live = try LiveSession.opening(agenda: Self.agenda, log: log, clock: clock, author: "chair", role: .chair, draftNote: nil, at: clock.now())
        #expect(!live.loaded)
        #expect(live.drawsFirstFrame(at: clock.now()))
        #expect(live.session.notes.count == 15)
        let outcome = try live.perform(.next, at: clock.now())
        #expect(outcome.answer == .recorded)
        #expect(live.loaded)
        let whole = try LiveSession(agenda: Self.agenda, log: MemoryLog(events: log.events), clock: clock, author: "chair", role: .chair)
        #expect(live.session.notes == whole.session.notes)
        #expect(live.session.snapshot(at: clock.now()) == whole.session.snapshot(at: clock.now()))
    }
}
