import GavelTestSupport
import Foundation
import Testing
@testable import GavelCore

/// Random event sequences, from a seeded generator so a failure repeats: the engine never
/// crashes, never plans a negative length, and replaying the same events gives the same state.
@Suite struct SessionPropertyTests {
    @Test(arguments: 0..<40)
    func randomSequences(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &* 7919)
        let agenda = SessionTests.agenda
        let ids = agenda.allTopics.map { ($0.slot.id, $0.topic.id) } + [("one", "gone"), ("nowhere", "x")]
        var t = Date(timeIntervalSince1970: 1_000_000)
        var events: [SessionEvent] = []
        var session = Session(agenda: agenda)
        var noteIDs: [String] = []
        for step in 0..<300 {
            t += Double(Int.random(in: 0...400, using: &rng)) / 4
            let (slot, topic) = ids.randomElement(using: &rng) ?? ("one", "a")
            let action: SessionEvent.Action
            switch Int.random(in: 0..<13, using: &rng) {
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
                action = .noteAdded(id: id, slot: slot, topic: topic, text: "note \(step)", by: "x")
            case 9: action = .noteEdited(id: noteIDs.randomElement(using: &rng) ?? "none", text: "e\(step)", undo: Bool.random(using: &rng))
            case 10: action = .noteDeleted(id: noteIDs.randomElement(using: &rng) ?? "none")
            case 11: action = session.undoAction() ?? .noteRestored(id: "none")
            default:
                // A chair's command, as the keys send them.
                let commands: [Session.Command] = [.toggle, .next, .previous, .adjust(seconds: 60), .adjust(seconds: -60), .endSlot]
                guard let e = session.command(commands.randomElement(using: &rng) ?? .toggle, at: t) else { continue }
                action = e.action
            }
            let event = SessionEvent(at: t, action)
            events.append(event)
            session.apply(event)
            for slotID in ["one", "two"] {
                let snap = try #require(session.snapshot(at: t + 1, slot: slotID))
                for topic in snap.topics {
                    #expect(topic.planned >= 0)
                    #expect(topic.elapsed >= 0)
                    #expect(topic.remaining >= 0 && topic.overtime >= 0)
                }
                #expect(snap.plannedRemaining >= 0)
                #expect((snap.fairShare ?? 0) >= 0)
                #expect(snap.current >= 0 && snap.current < snap.topics.count)
            }
        }
        let replayed = Session(agenda: agenda, events: events)
        #expect(replayed.snapshot(at: t) == session.snapshot(at: t))
        #expect(replayed.notes == session.notes)
    }
}
