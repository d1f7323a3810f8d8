import Foundation
import GavelCore

/// The part of RFC 5545's RRULE (§3.3.10) conference schedules use: a daily break, a weekly
/// meeting — FREQ DAILY, WEEKLY (with BYDAY), MONTHLY or YEARLY on the start's day, INTERVAL,
/// COUNT, UNTIL. Occurrences step in wall-clock time, so a 10:00 break stays at 10:00 across a
/// change of the clocks.
struct RecurrenceRule: Equatable {
    enum Frequency: String { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    /// UNTIL as written: a UTC instant (`…Z`) or a wall time in the event's zone.
    var untilUTC: Date?
    var untilWall: WallTime?
    /// WEEKLY's BYDAY, 1 = Sunday … 7 = Saturday.
    var weekdays: [Int] = []

    static func fields(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { out[kv[0].trimmingCharacters(in: .whitespaces).uppercased()] = kv[1].trimmingCharacters(in: .whitespaces).uppercased() }
        }
        return out
    }

    static let dayNames = ["SU": 1, "MO": 2, "TU": 3, "WE": 4, "TH": 5, "FR": 6, "SA": 7]

    /// `-1SU` -> (-1, 1); `MO` -> (nil, 2).
    static func weekday(_ text: String) -> (nth: Int?, weekday: Int)? {
        let s = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard s.count >= 2, let day = dayNames[String(s.suffix(2))] else { return nil }
        let prefix = s.dropLast(2)
        if prefix.isEmpty { return (nil, day) }
        guard let n = Int(prefix), n != 0, abs(n) <= 5 else { return nil }
        return (n, day)
    }

    /// The day of the month of the n-th (negative: from the end) `weekday` (1 = Sunday).
    static func nthWeekday(_ nth: Int, weekday: Int, month: Int, year: Int) -> Int? {
        guard (1...12).contains(month) else { return nil }
        let days = WallTime.daysIn(month: month, year: year)
        let firstWeekday = dayOfWeek(WallTime(year: year, month: month, day: 1))
        let first = 1 + (weekday - firstWeekday + 7) % 7
        if nth > 0 {
            let d = first + (nth - 1) * 7
            return d <= days ? d : nil
        }
        var last = first
        while last + 7 <= days { last += 7 }
        let d = last + (nth + 1) * 7
        return d >= 1 ? d : nil
    }

    /// 1 = Sunday … 7 = Saturday.
    static func dayOfWeek(_ w: WallTime) -> Int {
        let days = Int((Double(w.naiveSeconds) / 86400).rounded(.down))
        return ((days % 7) + 7 + 4) % 7 + 1
    }

    /// Parses a rule, or says which part is beyond what gavel expands.
    static func parse(_ text: String, zone: TimeZone?) -> Result<RecurrenceRule, MessageError> {
        let f = fields(text)
        guard let freqText = f["FREQ"], let frequency = Frequency(rawValue: freqText) else {
            return .failure(MessageError("RRULE \"\(text)\": only FREQ=DAILY, WEEKLY, MONTHLY or YEARLY is expanded"))
        }
        var rule = RecurrenceRule(frequency: frequency)
        for (key, value) in f {
            switch key {
            case "FREQ", "WKST": continue
            case "INTERVAL":
                guard let n = Int(value), (1...1000).contains(n) else { return .failure(MessageError("RRULE \"\(text)\": INTERVAL must be a number from 1")) }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { return .failure(MessageError("RRULE \"\(text)\": COUNT must be a number from 1")) }
                rule.count = n
            case "UNTIL":
                let utc = value.hasSuffix("Z")
                let body = utc ? String(value.dropLast()) : value
                guard let w = ICalendarTime.wall(body.count == 8 ? body + "T235959" : body) else {
                    return .failure(MessageError("RRULE \"\(text)\": UNTIL is not a date-time"))
                }
                if utc { rule.untilUTC = Date(timeIntervalSince1970: TimeInterval(w.naiveSeconds)) } else { rule.untilWall = w }
            case "BYDAY" where frequency == .weekly:
                for d in value.split(separator: ",") {
                    guard let parsed = weekday(String(d)), parsed.nth == nil else {
                        return .failure(MessageError("RRULE \"\(text)\": BYDAY \(d) is not a plain weekday"))
                    }
                    rule.weekdays.append(parsed.weekday)
                }
            default:
                return .failure(MessageError("RRULE \"\(text)\": \(key) is not expanded by gavel"))
            }
        }
        return .success(rule)
    }

    /// Wall-clock starts from `start` on, at most `cap`, none after `horizon` (an instant;
    /// `resolve` turns a wall time into one).
    func occurrences(from start: WallTime, horizon: Date, cap: Int, resolve: (WallTime) -> Date) -> [WallTime] {
        var out: [WallTime] = []
        let timeOfDay = start.hour * 3600 + start.minute * 60 + start.second
        let startDay = Int((Double(start.naiveSeconds) / 86400).rounded(.down))
        func accept(_ w: WallTime) -> Bool? {
            // nil: stop; false: skip this one.
            if let count, out.count >= count { return nil }
            if out.count >= cap { return nil }
            let at = resolve(w)
            if let untilUTC, at > untilUTC { return nil }
            if let untilWall, w.naiveSeconds > untilWall.naiveSeconds { return nil }
            if at > horizon { return nil }
            return true
        }
        var step = 0
        while step < 100_000 {
            var candidates: [WallTime] = []
            switch frequency {
            case .daily:
                candidates = [WallTime(naiveSeconds: (startDay + step * interval) * 86400 + timeOfDay)]
            case .weekly:
                let weekStart = startDay + step * 7 * interval - (Self.dayOfWeek(start) - 1)
                let days = weekdays.isEmpty ? [Self.dayOfWeek(start)] : weekdays.sorted()
                candidates = days.map { WallTime(naiveSeconds: (weekStart + $0 - 1) * 86400 + timeOfDay) }
                    .filter { $0.naiveSeconds >= start.naiveSeconds }
            case .monthly:
                let months = start.month - 1 + step * interval
                let y = start.year + months / 12, m = months % 12 + 1
                if start.day <= WallTime.daysIn(month: m, year: y) {
                    candidates = [WallTime(year: y, month: m, day: start.day, hour: start.hour, minute: start.minute, second: start.second)]
                }
            case .yearly:
                let y = start.year + step * interval
                if start.day <= WallTime.daysIn(month: start.month, year: y) {
                    candidates = [WallTime(year: y, month: start.month, day: start.day, hour: start.hour, minute: start.minute, second: start.second)]
                }
            }
            for c in candidates {
                guard let ok = accept(c) else { return out }
                if ok { out.append(c) }
            }
            step += 1
        }
        return out
    }
}
