import Foundation
import GavelCore
import GavelSummary
import Testing

/// What a slot's header says before, during and after it, with and without a schedule.
@Suite struct SlotHeaderTests {
    static func agenda() throws -> Agenda {
        let zone = try #require(TimeZone(identifier: "America/Los_Angeles"))
        let start = try #require(LocalTime.parse("2012-08-29T13:30", zone: zone))
        return Agenda(title: "Virtualization", event: "LPC 2012", room: "Emerald", timeZone: zone, slots: [
            Slot(id: "x86", title: "x86", start: start, length: 2700, room: "Sapphire", topics: [
                Topic(id: "a", title: "Alpha", speakers: ["Ann", "Bo"], length: 1200),
                Topic(id: "b", title: "Beta", length: 300, kind: .lightning),
            ]),
        ])
    }

    static func lines(_ session: Session, at now: Date) throws -> [String] {
        let text = try #require(SummaryFormat.markdown.slot(session, id: "x86", at: now))
        return text.split(separator: "\n").map(String.init)
    }

    @Test func beforeTheSlotTheScheduleAndRoomAreShown() throws {
        let agenda = try Self.agenda()
        let session = Session(agenda: agenda)
        let lines = try Self.lines(session, at: try #require(agenda.slots.first?.start).addingTimeInterval(-600))
        #expect(lines.contains("- Room: Sapphire"))
        #expect(lines.contains("- Date: 2012-08-29"))
        #expect(lines.contains("- Scheduled: 13:30–14:15"))
        #expect(lines.contains("- Actual: not held yet"))
        #expect(lines.contains("Speakers: Ann, Bo · planned 20m, not held yet"))
        #expect(lines.contains("Lightning talk · Speaker not known · planned 5:00, not held yet"))
        #expect(lines.contains("| Beta | — | 5:00 | 0:00 | not held yet | — | — |"))
    }

    @Test func aRunningSlotSaysSoAndWhen() throws {
        let agenda = try Self.agenda()
        let start = try #require(agenda.slots.first?.start).addingTimeInterval(120)
        let session = Session(agenda: agenda, events: [SessionEvent(at: start, .start(slot: "x86", topic: "a"))])
        let lines = try Self.lines(session, at: start.addingTimeInterval(600))
        #expect(lines.contains("- Actual: 13:32–, running at 13:42"))
        #expect(lines.contains("Speakers: Ann, Bo · planned 20m, used 10m so far"))
        let json = try #require(SummaryFormat.json.slot(session, id: "x86", at: start.addingTimeInterval(600)))
        #expect(json.contains("\"state\": \"running\""))
        #expect(json.contains("\"endCause\": null"))
        #expect(json.contains("\"scheduledStart\": \"2012-08-29T13:30:00-07:00\""))
    }

    @Test func theChairsExtensionIsShownBesideThePlan() throws {
        let agenda = try Self.agenda()
        let start = try #require(agenda.slots.first?.start)
        let session = Session(agenda: agenda, events: [
            SessionEvent(at: start, .start(slot: "x86", topic: "a")),
            SessionEvent(at: start + 60, .adjust(slot: "x86", topic: "a", seconds: 300)),
            SessionEvent(at: start + 1500, .endSlot(slot: "x86", cause: .chair)),
        ])
        let lines = try Self.lines(session, at: start + 1600)
        #expect(lines.contains("Speakers: Ann, Bo · planned 20m, granted +5:00, used 25m: exactly planned+granted, 5:00 over the plan"))
        // The slot ended before Beta started: it will not be held.
        #expect(lines.contains("Lightning talk · Speaker not known · planned 5:00, not held"))
        #expect(lines.contains("- Actual: 13:30–13:55, ended by the chair"))
        #expect(!lines.contains { $0.contains("extended") }, "granting a topic time does not extend the slot")
    }

    /// The slot's time ran out during Beta; 10 s later the chair's + gave it 5 minutes more (from
    /// then: 5:10 on its length), and 2 minutes later the chair ended it. Its summary says so.
    @Test func aSlotExtendedAfterItsTimeRanOutSaysSo() throws {
        let agenda = try Self.agenda()
        let start = try #require(agenda.slots.first?.start)
        let end = start + 2700
        var session = Session(agenda: agenda, events: [
            SessionEvent(at: start, .start(slot: "x86", topic: "a")),
            SessionEvent(at: start + 1200, .next(slot: "x86", topic: "a")),
            SessionEvent(at: end, .endSlot(slot: "x86", cause: .timeUp)),
        ])
        guard case .record(let events) = session.decide(.adjust(seconds: 60), at: end + 10, confirmed: true) else {
            Issue.record("+ after the slot's time ran out does not extend it")
            return
        }
        for action in events { session.apply(SessionEvent(at: end + 10, action)) }
        let running = try Self.lines(session, at: end + 60)
        #expect(running.contains("- Actual: 13:30–, running at 14:16"))
        #expect(running.contains("- Length: 45m, extended by 5:10 after its time ran out"))
        session.apply(SessionEvent(at: end + 130, .start(slot: "x86", topic: "b")))
        session.apply(SessionEvent(at: end + 250, .endSlot(slot: "x86", cause: .chair)))
        let lines = try Self.lines(session, at: end + 300)
        #expect(lines.contains("- Actual: 13:30–14:19, ended by the chair"))
        #expect(lines.contains("- Length: 45m, extended by 5:10 after its time ran out"))
        #expect(lines.contains("| Total | 13:30 | 25m | 0:00 | 47m | +22m | +22m |"))
        let json = try #require(SummaryFormat.json.slot(session, id: "x86", at: end + 300))
        #expect(json.contains("\"extendedSeconds\": 310"))
        let day = SummaryFormat.markdown.day(session, at: end + 300)
        #expect(day.contains("\n- Length: 45m, extended by 5:10 after its time ran out\n"))
    }
}
