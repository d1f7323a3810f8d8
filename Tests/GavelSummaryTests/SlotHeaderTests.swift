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
    }
}
