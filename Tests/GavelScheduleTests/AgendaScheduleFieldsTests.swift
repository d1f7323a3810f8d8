import Foundation
import GavelCore
import Testing

/// The agenda fields schedules bring (issue 13): a topic's published `start`, its source `ref`,
/// `event_id` and `url`, and `timezone_guess`; parsed, checked, written and read back.
@Suite struct AgendaScheduleFieldsTests {
    static let head = """
        title = "T"
        timezone = "Europe/Berlin"

        [[slot]]
        id = "s"
        title = "S"
        start = 2024-10-26T22:30:00
        length = "6h"

        """

    static func parse(_ topics: String) throws(FileError) -> AgendaParser.Result {
        try AgendaParser.parse(head + topics, file: "t.toml")
    }

    static func berlin(_ s: String) -> Date { Fixtures.date(s, "Europe/Berlin") }

    @Test func startsAreWallTimesOnTheSlotsDayOrAfterMidnight() throws {
        let r = try Self.parse("""
              [[slot.topic]]
              title = "Late"
              start = "22:30"
              ref = "frab:0f1e"
              event_id = "4711"
              url = "https://example.org/4711"

              [[slot.topic]]
              title = "After midnight"
              start = 23:45:30

              [[slot.topic]]
              title = "Next day"
              start = "00:15"

              [[slot.topic]]
              title = "Repeated hour"
              start = "02:30"

              [[slot.topic]]
              title = "Exact"
              start = 2024-10-27T02:40:00+01:00
            """)
        let t = r.agenda.slots[0].topics
        #expect(t[0].start == Self.berlin("2024-10-26T22:30"))
        #expect(t[0].ref == "frab:0f1e" && t[0].eventID == "4711" && t[0].url == "https://example.org/4711")
        #expect(t[1].start == Self.berlin("2024-10-26T23:45:30"))
        #expect(t[2].start == Self.berlin("2024-10-27T00:15"))
        // 02:30 happens twice that night: the first (CEST), as RFC 5545 reads it.
        #expect(t[3].start == Date(timeIntervalSince1970: 1_729_989_000))
        #expect(t[4].start == Date(timeIntervalSince1970: 1_729_993_200))
        // Written back: plain times where they read back to the same second, else with the offset.
        let text = AgendaWriter.toml(r.agenda)
        #expect(text.contains("start = \"23:45:30\"") && text.contains("start = \"00:15\""))
        #expect(text.contains("start = 2024-10-27T02:40:00+01:00"))
        #expect(try AgendaParser.parse(text, file: "w.toml").agenda == r.agenda)
    }

    @Test func startsOutOfOrderAreAnErrorAndOverlapsAWarning() throws {
        do {
            _ = try Self.parse("""
                  [[slot.topic]]
                  title = "A"
                  start = "23:00"

                  [[slot.topic]]
                  title = "B"
                  start = "22:40"
                """)
            Issue.record("a topic starting before the one above it must be refused")
        } catch {
            #expect(error.description.contains("t.toml:15:") && error.description.contains("before the topic above it"), "\(error.description)")
        }
        let r = try Self.parse("""
              [[slot.topic]]
              title = "A"
              length = "30m"
              start = "22:30"

              [[slot.topic]]
              title = "B"
              start = "22:50"
            """)
        #expect(r.warnings.contains { $0.message.contains("still runs") && $0.line == 16 }, "\(r.warnings)")
    }

    @Test func aPlainStartNeedsTheSlotsDate() throws {
        do {
            _ = try AgendaParser.parse("""
                title = "T"
                [[slot]]
                title = "S"
                length = "1h"
                  [[slot.topic]]
                  title = "A"
                  start = "10:30"
                """, file: "n.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("n.toml:7:") && error.description.contains("needs its slot's start"), "\(error.description)")
        }
    }

    @Test func aGuessedZoneIsAWarningOfGavelCheck() throws {
        let r = try AgendaParser.parse("""
            title = "T"
            timezone = "UTC"
            timezone_guess = "the file names no time zone"
            [[slot]]
            title = "S"
            length = "1h"
              [[slot.topic]]
              title = "A"
            """, file: "g.toml")
        #expect(r.agenda.timeZoneGuess == "the file names no time zone")
        #expect(r.warnings.contains { $0.line == 3 && $0.message.contains("is a guess") })
        #expect(AgendaWriter.toml(r.agenda).contains("timezone_guess = \"the file names no time zone\""))
    }
}
