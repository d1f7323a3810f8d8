import Foundation
import GavelCore
import GavelTestSupport
import Testing

/// `LocalTime.format` and `hhmm` do their own calendar arithmetic (a frame shows the time of day
/// each second): they must read exactly as Foundation's Gregorian calendar does, in every zone,
/// on both sides of every daylight-saving change and midnight.
struct LocalTimeTests {
    static let zones = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham",
                        "Australia/Lord_Howe", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Dublin"]
        .compactMap(TimeZone.init(identifier:))

    static func byCalendar(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    @Test func readsAsTheCalendarDoesAtRandomTimes() {
        #expect(Self.zones.count == 10)
        var random = SeededRandom(seed: 20261201)
        // 1901 to 2200, in seconds with fractions, and instants a hair either side of whole seconds.
        for _ in 0..<20_000 {
            let zone = Self.zones[Int.random(in: 0..<Self.zones.count, using: &random)]
            var t = Double.random(in: -2_177_452_800...7_258_118_400, using: &random)
            if Bool.random(using: &random) { t = t.rounded() + [-1e-6, 0, 1e-6, 0.5].randomElement(using: &random)! }
            let date = Date(timeIntervalSince1970: t)
            let expected = Self.byCalendar(date, zone: zone)
            #expect(LocalTime.format(date, zone: zone) == expected, "\(t) in \(zone.identifier)")
            #expect(LocalTime.hhmm(date, zone: zone) == String(expected.dropFirst(11).prefix(5)), "\(t) in \(zone.identifier)")
        }
    }

    @Test func readsAsTheCalendarDoesAroundEveryChangeOfOffset() {
        for zone in Self.zones {
            var t = Date(timeIntervalSince1970: 0)
            var changes = 0
            while let next = zone.nextDaylightSavingTimeTransition(after: t), next.timeIntervalSince1970 < 2_000_000_000 {
                for delta in [-3601.0, -1, -0.25, 0, 0.25, 1, 3601] {
                    let date = next.addingTimeInterval(delta)
                    #expect(LocalTime.format(date, zone: zone) == Self.byCalendar(date, zone: zone), "\(date) in \(zone.identifier)")
                }
                t = next
                changes += 1
            }
            if zone.identifier == "America/Los_Angeles" { #expect(changes > 50) }
        }
    }
}
