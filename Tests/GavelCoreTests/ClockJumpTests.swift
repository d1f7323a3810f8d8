import GavelTestSupport
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
        let live = try LiveSession(agenda: agenda, log: log, clock: clock, author: "chair", role: .chair)
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
        let (live, clock, log) = try Self.live()
        clock.advance(5 * 60)
        #expect(live.snapshot()?.currentTopic?.clockText == "15:00")
        clock.jump(-3600)
        for _ in 0..<120 {
            try live.tick()
            Self.expectSane(live.snapshot(), "after stepping back")
            clock.advance(1)
        }
        // The step is recorded once, and the running topic is carried over it: two more minutes ran.
        #expect(live.session.clockJumps.map(\.seconds) == [-3600])
        #expect(log.events.filter { $0.action.name == "clockJump" }.count == 1)
        let back = try #require(live.snapshot()?.currentTopic)
        #expect(back.clockText == "13:00" && back.isRunning)
        try live.perform(.toggle)
        clock.jump(3600 - 120)
        try live.tick()
        Self.expectSane(live.snapshot(), "after the clock is set right")
        #expect(live.snapshot()?.currentTopic?.usedSeconds == 7 * 60)
    }

    @Test func stepForwardAnHourWhileATopicRuns() throws {
        let (live, clock, log) = try Self.live()
        clock.advance(5 * 60)
        clock.jump(3600)
        try live.tick()
        Self.expectSane(live.snapshot(), "after stepping forward")
        let s = try #require(live.snapshot())
        // The slot's time has not run out: only five minutes really passed.
        #expect(!s.hasEnded)
        #expect(s.currentTopic?.clockText == "15:00")
        let recorded = log.events.compactMap { e -> SlotEndCause? in
            if case .endSlot(_, let cause) = e.action { return cause } else { return nil }
        }
        #expect(recorded.isEmpty)
        // A second process on the same machine sees the same step; replaying both records counts it once.
        let replay = Session(agenda: live.session.agenda, events: log.events + [SessionEvent(at: clock.now() + 1, .clockJump(seconds: 3600))])
        #expect(replay.snapshot(at: clock.now()) == s)
        // Setting the clock right again carries the topic back too.
        clock.jump(-3600)
        try live.tick()
        Self.expectSane(live.snapshot(), "after the clock is set right")
        #expect(live.snapshot()?.hasEnded == false)
        #expect(live.snapshot()?.currentTopic?.clockText == "15:00")
    }

    @Test func aLaptopThatSleptDidNotJump() throws {
        // Suspend: the wall clock and the boot-time clock both move on, so the talk that went on counts.
        let (live, clock, _) = try Self.live()
        clock.advance(10 * 60)
        try live.tick()
        #expect(live.session.clockJumps.isEmpty)
        #expect(live.snapshot()?.currentTopic?.clockText == "10:00")
    }

    /// A view suspended across a step that a second view already recorded: when it wakes, 15 s
    /// or an hour later, the step is not recorded again (issue 15, item 10).
    @Test func aStepIsOneEventWhoeverSeesItAndHowLate() throws {
        let (chair, clock, log) = try Self.live()
        let notes = try LiveSession(agenda: chair.session.agenda, log: MemoryLog(storage: log.storage, view: "notes"),
                                    clock: clock, author: "ada", role: .notes)
        try notes.tick()
        clock.advance(60)
        clock.jump(600)
        try chair.tick()
        for late in [15.0, 3600] {
            clock.advance(late)
            try notes.tick()
            try chair.tick()
        }
        #expect(log.events.filter { $0.action.name == "clockJump" }.count == 1)
        #expect(chair.session.clockJumps.map(\.seconds) == [600])
        #expect(notes.session.clockJumps.map(\.seconds) == [600])
        // The step moved the deadline once.
        #expect(chair.session.deadline("s") == Self.start.addingTimeInterval(45 * 60 + 600))
    }

    /// A step back is seen at the next turn by a chair alone, whatever the step's size: the
    /// loop's intervals run on the boot-time clock, not the wall clock.
    @Test func aStepBackIsSeenAtOnce() throws {
        let (live, clock, log) = try Self.live()
        clock.advance(30)
        clock.jump(-7200)
        clock.advance(1)
        try live.tick()
        #expect(log.events.filter { $0.action.name == "clockJump" }.count == 1)
    }

    /// Random commands and random jumps (an hour either way, a second, a day): sane every time.
    @Test func randomJumpsStaySane() throws {
        var rng = SeededRandom(seed: 0xC10C)
        for round in 0..<40 {
            let (live, clock, _) = try Self.live()
            for step in 0..<150 {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: clock.jump(-3600)
                case 1: clock.jump(3600)
                case 2: clock.jump(Double(Int.random(in: -86_400...86_400, using: &rng)))
                case 3: try live.perform(.toggle)
                case 4: try live.perform(.next)
                case 5: try live.perform(.previous)
                case 6: try live.perform(.adjust(seconds: Int.random(in: -1200...1200, using: &rng)))
                default: clock.advance(Double(Int.random(in: 0...90, using: &rng)) + 0.25)
                }
                try live.tick()
                Self.expectSane(live.snapshot(), "round \(round) step \(step)")
                if let next = live.session.nextDue(after: live.now) { #expect(next > live.now) }
            }
        }
    }
}
