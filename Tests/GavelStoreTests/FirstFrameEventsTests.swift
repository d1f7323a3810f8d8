import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelStore

/// The session file finds a first frame's events through its indexes (`firstFrameEvents`): on
/// any log, exactly the events the rule in memory (`FirstFrame.events`) selects, in order.
@Suite struct FirstFrameEventsTests {
    static let t0 = Date(timeIntervalSince1970: 1_346_270_400)
    static let topics = ["a", "b", "c", "gone", "a b", "ä"]

    static func randomLog(_ rng: inout SeededRandom, count: Int) -> [SessionEvent] {
        var events: [SessionEvent] = []
        var notes: [String] = []
        for i in 0..<count {
            let at = t0 + Double(i)
            let slot = ["s1", "s2"].randomElement(using: &rng)!
            let topic = topics.randomElement(using: &rng)!
            let by = ["ada", "bob"].randomElement(using: &rng)!
            let note = notes.randomElement(using: &rng) ?? "none"
            let action: SessionEvent.Action
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: action = .start(slot: slot, topic: topic)
            case 1: action = .next(slot: slot, topic: topic)
            case 2: action = .message(slot: slot, topic: topic, text: "hurry")
            case 3: action = .noteEdited(id: note, text: "edit \(i)", undo: false, base: nil)
            case 4: action = .noteMoved(id: note, slot: slot, topic: topic, undo: false)
            case 5: action = Bool.random(using: &rng) ? .noteDeleted(id: note) : .noteRestored(id: note)
            default:
                notes.append("n\(i)")
                action = .noteAdded(id: "n\(i)", slot: slot, topic: topic, text: "note \(i)", by: by)
            }
            events.append(SessionEvent(at: at, action, by: by))
        }
        return events
    }

    @Test func theIndexesFindWhatTheRuleSelects() throws {
        var rng = SeededRandom(seed: 0xF1F7)
        for round in 0..<12 {
            let folder = try TemporaryFolder()
            let store = try SessionStore(path: folder.file("s.gavel"))
            let log = Self.randomLog(&rng, count: Int.random(in: 0...300, using: &rng))
            for event in log { try store.append(event) }
            let all = try store.allEvents()
            #expect(all == log)
            for _ in 0..<8 {
                let topics = Array(Self.topics.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)))
                let notes = Bool.random(using: &rng) ? ["n\(Int.random(in: 0..<300, using: &rng))"] : []
                let found = try #require(try store.firstFrameEvents(topics: topics, notes: notes))
                #expect(found == FirstFrame.events(of: log, topics: topics, notes: notes), "round \(round): \(topics) \(notes)")
            }
            // Reading the part moves nothing: the next read still hands over the whole log.
            let reader = try SessionStore(path: folder.file("s.gavel"), readOnly: true)
            _ = try reader.firstFrameEvents(topics: ["a"], notes: [])
            #expect(try reader.newEvents() == log)
        }
    }

    /// The index's list of note kinds is the engine's.
    @Test func theNoteKindsAreTheEngines() {
        let names = SessionStoreTests.everyKind.filter(\.action.isNoteAction).map(\.action.name)
        #expect(Set(names) == Set(SessionSchema.noteKinds))
        #expect(Set(SessionSchema.noteChangeKinds) == Set(names).subtracting(["noteAdded"]))
    }

    /// A file without the indexes (written by an older gavel, opened by a view that only reads)
    /// has no quick way: the view reads the whole log.
    @Test func aFileWithoutTheIndexesIsReadWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("s.gavel")
        do {
            let store = try SessionStore(path: path)
            try store.append(SessionEvent(at: Self.t0, .start(slot: "s1", topic: "a")))
        }
        try RawDatabase(path: path).execute("DROP INDEX event_steering")
        let reader = try SessionStore(path: path, readOnly: true)
        #expect(try reader.firstFrameEvents(topics: ["a"], notes: []) == nil)
    }
}
