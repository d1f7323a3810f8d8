import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// `gavel run --start`: starts the current topic once, never pauses a running one.
@Suite struct StartCurrentTopicTests {
    static let agenda = Agenda(
        title: "MC", timeZone: TimeZone(identifier: "UTC") ?? .current,
        defaults: .init(topic: 1200, lightning: 300, warn: [300, 120]),
        slots: [Slot(id: "one", title: "One", length: 45 * 60,
                     topics: [Topic(id: "a", title: "A", speakers: [], length: 1200),
                              Topic(id: "b", title: "B", speakers: [], length: 1200)])])

    @Test func startsAStoppedTopicAndLeavesARunningOneRunning() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))
        let log = MemoryLog()
        let live = try LiveSession(agenda: Self.agenda, log: log, clock: clock, author: "chair", role: .chair)
        #expect(try live.startCurrentTopic() != nil)
        #expect(live.snapshot()?.currentTopic?.isRunning == true)
        clock.advance(3)
        #expect(try live.startCurrentTopic() == nil)
        #expect(live.snapshot()?.currentTopic?.isRunning == true)
        #expect(live.snapshot()?.currentTopic?.remaining == 1197)
        #expect(log.events.filter { $0.action.name != "clockBase" }.count == 1)
    }

    @Test func resumesAPausedTopic() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))
        let live = try LiveSession(agenda: Self.agenda, log: MemoryLog(), clock: clock, author: "chair", role: .chair)
        try live.perform(.toggle)
        clock.advance(10)
        try live.perform(.toggle)
        #expect(live.snapshot()?.currentTopic?.isRunning == false)
        #expect(try live.startCurrentTopic() != nil)
        #expect(live.snapshot()?.currentTopic?.isRunning == true)
        #expect(live.snapshot()?.currentTopic?.remaining == 1190)
    }

    @Test func doesNothingAfterTheSlotEnded() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))
        let live = try LiveSession(agenda: Self.agenda, log: MemoryLog(), clock: clock, author: "chair", role: .chair)
        try live.perform(.endSlot)
        let before = live.snapshot()
        #expect(try live.startCurrentTopic() == nil)
        #expect(live.snapshot()?.currentTopic?.isRunning == before?.currentTopic?.isRunning)
    }
}
