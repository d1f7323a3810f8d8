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
}
