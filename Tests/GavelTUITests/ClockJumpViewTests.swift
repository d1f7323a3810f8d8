import Foundation
import GavelTestSupport
import GavelCore
import Testing
@testable import GavelTUI

/// The wall clock stepped an hour back or forward while a topic runs: every view, drawn each
/// second around the jump, shows no negative time ("-00:00", "-1:00") and does not crash.
@Suite struct ClockJumpViewTests {
    static var negative: Regex<(Substring, Substring)> { #/(?m)(^|[^\w])-\d+:\d\d/# }

    @Test(arguments: ViewKind.allCases)
    func viewsStaySaneAcrossJumps(view: ViewKind) throws {
        for jump in [-3600.0, 3600, -86_400, 59.5, -0.5] {
            let clock = ManualClock(Hardening.start)
            let model = try Hardening.model(try Hardening.exampleAgenda(), view: view, clock: clock)
            clock.advance(200)
            clock.advance(jump)
            for second in 0..<90 {
                model.tick()
                let text = Screen.render(model.frame(width: 80, height: 24)).text
                #expect(text.firstMatch(of: Self.negative) == nil, "\(view) jump \(jump) +\(second)s:\n\(text)")
                clock.advance(second % 7 == 0 ? 0.5 : 1)
            }
        }
    }
}
