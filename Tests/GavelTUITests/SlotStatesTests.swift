import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

/// The slot picker's states, found without a snapshot for slots whose clock never ran, are what
/// a snapshot of every slot says, over a random day of starts, ends and extensions.
@Suite struct SlotStatesTests {
    static func reference(_ session: Session, at now: Date) -> [SlotState] {
        session.agenda.slots.map { slot in
            if let end = session.derivedEnd(slot.id, at: now) { return SlotState(slot: slot, progress: .ended(at: end.at, cause: end.cause)) }
            if let s = session.snapshot(at: now, slot: slot.id), s.deadline != nil {
                return SlotState(slot: slot, progress: .running(left: s.slotShown))
            }
            return SlotState(slot: slot, progress: .notStarted)
        }
    }

    @Test(arguments: 0..<6)
    func statesAreWhatSnapshotsSay(seed: Int) throws {
        let f = try Fixture()
        var rng = SeededRandom(seed: UInt64(seed) &+ 77)
        let slots = f.live.session.agenda.slots.map(\.id)
        var seen = Set<String>()
        for step in 0..<200 {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: try f.live.perform(.openSlot(slots.randomElement(using: &rng)!))
            case 1: try f.live.perform(.toggle, confirmed: true)
            case 2: try f.live.perform(.endSlot, confirmed: true)
            case 3: try f.live.perform(.adjust(seconds: 60), confirmed: true)
            default: f.clock.advance(Double(Int.random(in: 1...1200, using: &rng)))
            }
            let now = f.live.now
            let states = f.model.slotStates(at: now)
            #expect(states == Self.reference(f.live.session, at: now), "step \(step)")
            for s in states {
                switch s.progress {
                case .notStarted: seen.insert("notStarted")
                case .running: seen.insert("running")
                case .ended: seen.insert("ended")
                }
            }
        }
        #expect(seen == ["notStarted", "running", "ended"], "the day reached \(seen.sorted())")
    }
}
