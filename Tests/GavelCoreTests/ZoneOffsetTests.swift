import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// `ZoneOffset` answers from spans it keeps: every answer must be the zone's own, in zones with
/// daylight saving (north and south), half-hour and 30-minute shifts, a skipped day, rules that
/// changed, fixed offsets, and whatever order the instants come in.
@Suite struct ZoneOffsetTests {
    static let zones = ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia",
                        "America/St_Johns", "Africa/Casablanca", "Europe/Dublin", "Etc/GMT-3", "UTC", "America/New_York"]
        .compactMap(TimeZone.init(identifier:))

    @Test func everyAnswerIsTheZonesOwnInAnyOrder() {
        #expect(Self.zones.count >= 10)
        var random = SeededRandom(seed: 0x20E5)
        // 1990 to 2040, at random, the zones mixed (more zones than spans kept).
        for round in 0..<20_000 {
            let zone = Self.zones[Int.random(in: 0..<Self.zones.count, using: &random)]
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 631_152_000...2_208_988_800, using: &random)))
            #expect(ZoneOffset.seconds(zone, at: date) == zone.secondsFromGMT(for: date), "round \(round): \(zone.identifier) at \(date)")
        }
    }

    @Test func minuteByMinuteThroughTransitionsForwardAndBack() throws {
        for zone in Self.zones {
            // Around each of the zone's transitions of 2011 and 2024 (Apia skipped 30 Dec 2011).
            for year in [2011, 2024] {
                var t = Date(timeIntervalSince1970: Double(WallTime(year: year, month: 1, day: 1, hour: 0, minute: 0, second: 0).naiveSeconds))
                let end = t.addingTimeInterval(366 * 86400)
                while let next = zone.nextDaylightSavingTimeTransition(after: t), next < end {
                    let instants = stride(from: -7200.0, through: 7200.0, by: 60).map { next.addingTimeInterval($0) }
                    for date in instants + instants.reversed() + [next, next.addingTimeInterval(-1), next.addingTimeInterval(-0.001)] {
                        #expect(ZoneOffset.seconds(zone, at: date) == zone.secondsFromGMT(for: date), "\(zone.identifier) at \(date)")
                    }
                    t = next
                }
            }
        }
    }
}
