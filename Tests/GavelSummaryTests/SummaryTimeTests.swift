import GavelTestSupport
import Foundation
import GavelCore
@testable import GavelSummary
import Testing

/// The summaries' own fast time arithmetic agrees with the Calendar-based `LocalTime` and
/// `ClockText` everywhere: many zones, daylight-saving changes, dates before 1970.
@Suite struct SummaryTimeTests {
    @Test(arguments: ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"])
    func localTimesMatchTheCalendar(zoneID: String) throws {
        let zone = try #require(TimeZone(identifier: zoneID))
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: zoneID.hashValue & 0xFFFF) &+ 7)
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &random)))
            let calendar = LocalTime.format(date, zone: zone)
            let iso = SummaryTime.iso(date, zone: zone)
            #expect(iso.hasPrefix(calendar), "\(date.timeIntervalSince1970) in \(zoneID): \(iso) vs \(calendar)")
            #expect(SummaryTime.day(date, zone: zone) == String(calendar.prefix(10)))
            #expect(SummaryTime.hhmm(date, zone: zone) == LocalTime.hhmm(date, zone: zone))
        }
    }

    /// What the JSON writer puts in its bytes is what the String forms say.
    @Test func bytesSpellWhatTheStringsSpell() throws {
        var random = SeededRandom(seed: 31)
        let zones = try ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "UTC"].map { try #require(TimeZone(identifier: $0)) }
        for _ in 0..<5000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -70_000_000_000...70_000_000_000, using: &random)))
            let zone = zones.randomElement(using: &random)!
            var bytes: [UInt8] = []
            SummaryTime.iso(date, zone: zone, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == SummaryTime.iso(date, zone: zone), "\(date)")
            let seconds = Int.random(in: -100_000...100_000, using: &random)
            bytes = []
            SummaryTime.offset(seconds, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == SummaryTime.offset(seconds), "\(seconds)")
        }
    }

    @Test func offsetsAreWrittenWithTheirSign() throws {
        let la = try #require(TimeZone(identifier: "America/Los_Angeles"))
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let date = Date(timeIntervalSince1970: 1_346_270_400)
        #expect(SummaryTime.iso(date, zone: la) == "2012-08-29T13:00:00-07:00")
        #expect(SummaryTime.iso(date, zone: kolkata) == "2012-08-30T01:30:00+05:30")
    }

    @Test func clockTextMatches() {
        for seconds in [0, 1, 59, 60, 599, 3599, 3600, 3661, 86_399, -75] {
            #expect(SummaryTime.mmss(seconds) == ClockText.mmss(seconds))
        }
    }
    /// Written digit by digit for a time's fields, through `String` for the rest: the same bytes
    /// as `String(n)` padded with zeros (before a sign too), for any number and width.
    @Test func digitsAreStringsPaddedWithZeros() {
        var random = SeededRandom(seed: 0xD161)
        let edges = [0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 10_001, -1, -9, -10, -9999, Int.max, Int.min]
        let numbers = edges + (0..<5000).map { _ in Int.random(in: -20_000...20_000, using: &random) }
        for n in numbers {
            for width in 0...6 {
                var out: [UInt8] = []
                SummaryTime.digits(n, width: width, to: &out)
                let text = String(n)
                let expected = String(repeating: "0", count: max(0, width - text.utf8.count)) + text
                #expect(String(decoding: out, as: UTF8.self) == expected, "\(n) width \(width)")
            }
        }
    }
}
