import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

/// Mutations of iCalendar files (Indico's and our own export) fed to the reader and the importer:
/// no crash, every refusal a `FILE:LINE: message`, invalid UTF-8 refused with its line.
@Suite struct ICalendarFuzzTests {
    static let tokens = ["BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "BEGIN:VCALENDAR\n", "END:VCALENDAR\n", "BEGIN:VTIMEZONE\n",
                         "DTSTART:", "DTEND:", "DURATION:", "DTSTART;TZID=Mars/Base:", "DTSTART;VALUE=DATE:20240918",
                         "20240918T100000Z", "99991231T235959", "00000000T000000", "PT", "P999999999W", "-PT5M", "PT0S",
                         "SUMMARY:", "X-GAVEL-SLOT:", "X-GAVEL-LENGTH:", ";", ":", ",", "\\", "\\n", "\\;", "\r\n ",
                         "\n\t", "CN=\"", "\"", "TZID=", "RRULE:FREQ=DAILY", "X-WR-TIMEZONE:"]

    static func seeds() throws -> [[UInt8]] {
        var out = try ["ics-indico.ics", "ics-bad-dtstart.ics", "ics-bad-duration.ics", "ics-no-colon.ics", "ics-unclosed.ics",
                       "ics-unknown-tzid.ics"].map { Array(try Data(contentsOf: Fixtures.folder.appendingPathComponent($0))) }
        // Gavel's own export of the example agenda, with its X-GAVEL fields.
        let agenda = try AgendaParser.parse(BundledExample.source, file: "example.toml",
                                            defaultTimeZone: TimeZone(identifier: "UTC") ?? .current).agenda
        out.append(Array(try ICalendarWriter.ics(try ICalendarWriter.scheduled(agenda, firstStart: Date(timeIntervalSince1970: 1_346_230_800)).get(), stamp: Date(timeIntervalSince1970: 0)).get().utf8))
        return out
    }

    @Test func corpus() throws {
        let files = try FuzzMutator.corpus("fuzz-corpus").filter { $0.name.hasSuffix(".ics") }
        #expect(!files.isEmpty)
        for (name, bytes) in files { ScheduleFuzzCheck.read(bytes, file: name) }
    }

    @Test func mutations() throws {
        var fuzz = FuzzMutator(name: "ics", seed: 0x1CA1, seeds: try Self.seeds(), tokens: Self.tokens)
        var accepted = 0
        for _ in 0..<FuzzMutator.iterations where ScheduleFuzzCheck.read(fuzz.next(), file: "fuzz.ics") { accepted += 1 }
        // Both paths were tried: some inputs survive mutation, most do not.
        #expect(accepted > 0 && accepted < FuzzMutator.iterations, "accepted \(accepted)")
    }

    /// Depth and size extremes (issue 13): 28,000 nested components, a 300 KB line of 100,000
    /// folds, 5,000 events, 2,000 recurrences; every one read or refused with its line, never a crash.
    @Test func extremes() throws {
        let depth = 28_000
        let event = "BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20240918T080000Z\r\nDTEND:20240918T083000Z\r\nSUMMARY:S\r\nEND:VEVENT\r\n"
        let inputs: [(String, String)] = [
            ("deep.ics", "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:VALARM\r\n", count: depth) + String(repeating: "END:VALARM\r\n", count: depth) + "END:VCALENDAR\r\n"),
            ("deep-unclosed.ics", "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:X\r\n", count: depth)),
            ("long-line.ics", "BEGIN:VCALENDAR\r\n" + event.replacingOccurrences(of: "SUMMARY:S", with: "SUMMARY:" + String(repeating: "ü\r\n ", count: 100_000)) + "END:VCALENDAR\r\n"),
            ("many-events.ics", "BEGIN:VCALENDAR\r\n" + String(repeating: event, count: 5_000) + "END:VCALENDAR\r\n"),
            ("many-recurrences.ics", "BEGIN:VCALENDAR\r\n" + String(repeating: event.replacingOccurrences(of: "SUMMARY:S", with: "SUMMARY:S\r\nRRULE:FREQ=DAILY"), count: 2_000) + "END:VCALENDAR\r\n"),
        ]
        for (name, text) in inputs { ScheduleFuzzCheck.read(Array(text.utf8), file: name) }
    }
}
