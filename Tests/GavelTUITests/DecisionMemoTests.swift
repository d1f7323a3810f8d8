import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

/// The frame's memo of decisions (the slot, run and topic found once for all commands) decides
/// every command as the session does, in any order, over a random day.
@Suite struct DecisionMemoTests {
    static let commands: [Session.Command] = [
        .toggle, .next, .previous, .adjust(seconds: 60), .adjust(seconds: -60), .endSlot, .message("x"), .message(nil),
        .rebalance, .openSlot("x86"), .openSlot("nowhere"),
    ]

    /// A decision with a rebalance's random id left out.
    static func comparable(_ d: Session.Decision) -> Session.Decision {
        guard case .ask(.rebalance(var plan)) = d else {
            guard case .record(let actions) = d else { return d }
            return .record(actions.map { action in
                guard case .adjust(let slot, let topic, let seconds, .some) = action else { return action }
                return .adjust(slot: slot, topic: topic, seconds: seconds, batch: "")
            })
        }
        plan.id = ""
        return .ask(.rebalance(plan))
    }

    @Test(arguments: 0..<8)
    func decidesAsTheSessionDoes(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &+ 101)
        var session = Session(agenda: try Fixture.agenda())
        var t = Fixture.start
        for step in 0..<150 {
            t += Double(Int.random(in: 0...900, using: &rng))
            let memo = DecisionMemo(session, at: t)
            for command in Self.commands.shuffled(using: &rng) + Self.commands.shuffled(using: &rng) {
                #expect(Self.comparable(memo.decide(command)) == Self.comparable(session.decide(command, at: t)),
                        "step \(step): \(command)")
            }
            let command = Self.commands.randomElement(using: &rng)!
            if case .record(let actions) = session.decide(command, at: t, confirmed: true) {
                for action in actions { session.apply(SessionEvent(at: t, action, by: "chair", role: .chair)) }
            }
        }
    }
}
