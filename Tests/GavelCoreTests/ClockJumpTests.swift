import Foundation
import Testing
@testable import GavelCore

/// The wall clock stepped back or forward an hour (NTP, a suspended laptop, a time zone fix) while
/// a topic runs: every snapshot stays sane (no negative time, no "-00:00", no crash). What the
/// engine then does with the jump is written down here, including what it gets wrong today.
@Suite struct ClockJumpTests {
    static let zone = TimeZone(identifier: "UTC") ?? .current
    /// 2012-08-29 13:30 UTC.
    static let start = Date(timeIntervalSince1970: 1_346_247_000)

    static func live() throws -> (LiveSession, ManualClock, MemoryLog) {
        let agenda = Agenda(title: "MC", timeZone: zone, slots: [
            Slot(id: "s", title: "Slot", start: start, length: 45 * 60, topics: [
                Topic(id: "a", title: "A", length: 20 * 60), Topic(id: "b", title: "B", length: 20 * 60),
                Topic(id: "c", title: "C", length: 5 * 60),
            ]),
        ])
        let clock = ManualClock(start)
        let log = MemoryLog()
        let live = try LiveSession(agenda: agenda, log: log, clock: clock, author: "chair")
        try live.perform(.openSlot("s"))
        try live.perform(.toggle)
        return (live, clock, log)
    }

    static var clockPattern: Regex<Substring> { #/^\+?(?:\d{2}:\d{2}|\d+:\d{2}:\d{2})$/# }

    /// What a view could show from this snapshot never holds a negative number.
    static func expectSane(_ s: Snapshot?, _ context: String) {
        guard let s else { Issue.record("no snapshot \(context)"); return }
        for t in s.topics {
            #expect(t.remaining >= 0 && t.overtime >= 0 && t.elapsed >= 0 && t.usedSeconds >= 0, "\(context): \(t)")
            #expect(t.clockText.wholeMatch(of: clockPattern) != nil, "\(context): clock text \(t.clockText)")
            #expect(!t.clockText.contains("-"), "\(context): \(t.clockText)")
            #expect((t.phase == .overtime) == (t.hasStarted && t.remainingExact <= 0), "\(context): phase \(t.phase)")
        }
        #expect(!ClockText.mmss(s.slotRemaining).contains("-"))
        if let share = s.fairShare { #expect(share >= 0) }
    }

    @Test func stepBackAnHourWhileATopicRuns() throws {
        let (live, clock, _) = try Self.live()
        clock.advance(5 * 60)
        #expect(live.snapshot()?.currentTopic?.clockText == "15:00")
        clock.advance(-3600)
        for _ in 0..<120 {
            try live.tick()
            Self.expectSane(live.snapshot(), "after stepping back")
            clock.advance(1)
        }
        // Today: the running topic counts from its start instant, which now lies in the future, so
        // its elapsed time is clamped to zero and the countdown shows its full 20:00, standing still.
        let back = try #require(live.snapshot()?.currentTopic)
        #expect(back.clockText == "20:00" && back.isRunning)
        // Pausing now records a pause before the start: the five minutes already run are lost.
        try live.perform(.toggle)
        clock.advance(3600 - 120)
        Self.expectSane(live.snapshot(), "after the clock is set right")
        withKnownIssue("a backward step loses the running time before it (TopicRun.stop clamps to 0)") {
            #expect((live.snapshot()?.currentTopic?.elapsed ?? 0) >= 5 * 60)
        }
    }

    @Test func stepForwardAnHourWhileATopicRuns() throws {
        let (live, clock, log) = try Self.live()
        clock.advance(5 * 60)
        clock.advance(3600)
        try live.tick()
        Self.expectSane(live.snapshot(), "after stepping forward")
        let s = try #require(live.snapshot())
        // Today: the slot's deadline (14:15) has passed on the wall clock, so the engine records
        // that time ran out at 14:15, and the clocks stand still there: topic A shows +25:00.
        #expect(s.hasEnded && s.ended?.cause == .timeUp)
        #expect(s.currentTopic?.clockText == "+25:00")
        let recorded = log.events.compactMap { e -> SlotEndCause? in
            if case .endSlot(_, let cause) = e.action { return cause } else { return nil }
        }
        #expect(recorded == [.timeUp])
        // Setting the clock right again does not bring the slot back: the end was recorded.
        clock.advance(-3600)
        try live.tick()
        Self.expectSane(live.snapshot(), "after the clock is set right")
        withKnownIssue("a forward step past the slot's end ends it as if its time ran out") {
            #expect(live.snapshot()?.hasEnded == false)
        }
    }

    /// Random commands and random jumps (an hour either way, a second, a day): sane every time.
    @Test func randomJumpsStaySane() throws {
        var rng = SessionPropertyTests.SplitMix64(state: 0xC10C)
        for round in 0..<40 {
            let (live, clock, _) = try Self.live()
            for step in 0..<150 {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: clock.advance(-3600)
                case 1: clock.advance(3600)
                case 2: clock.advance(Double(Int.random(in: -86_400...86_400, using: &rng)))
                case 3: try live.perform(.toggle)
                case 4: try live.perform(.next)
                case 5: try live.perform(.previous)
                case 6: try live.perform(.adjust(seconds: Int.random(in: -1200...1200, using: &rng)))
                default: clock.advance(Double(Int.random(in: 0...90, using: &rng)) + 0.25)
                }
                try live.tick()
                Self.expectSane(live.snapshot(), "round \(round) step \(step)")
                if let next = live.session.nextChange(after: live.now) { #expect(next > live.now) }
            }
        }
    }
}
