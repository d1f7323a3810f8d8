import Foundation

/// A wall-clock time in a zone, told apart from the instant it names: around a change of the
/// clocks a local time can name two instants (the hour repeated when clocks go back) or none (the
/// hour skipped when they go forward). RFC 5545 §3.3.5 reads the first as its first occurrence and
/// the second with the offset before the gap; `resolve` says which case it met, so a reader can
/// choose and say so.
public struct WallTime: Sendable, Equatable, Hashable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public enum Resolution: Sendable, Equatable {
        case exact(Date)
        /// The clocks went back over it: two instants, `first` < `second`.
        case repeated(first: Date, second: Date)
        /// The clocks went forward over it: read with the offset before the gap (a later wall
        /// time after it), and how long the gap is.
        case skipped(Date, gapSeconds: Int)

        /// The instant RFC 5545 says: the first of two, the one shifted past a gap.
        public var date: Date {
            switch self {
            case .exact(let d), .skipped(let d, _): d
            case .repeated(let first, _): first
            }
        }

        public var candidates: [Date] {
            switch self {
            case .exact(let d), .skipped(let d, _): [d]
            case .repeated(let a, let b): [a, b]
            }
        }
    }

    /// Whether the fields make a real calendar date and time (seconds 0–60).
    public var isValid: Bool {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1...9999).contains(year) else { return false }
        return (1...Self.daysIn(month: month, year: year)).contains(day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds since 1970 of these fields read as UTC (days from the civil calendar, no Calendar).
    public var naiveSeconds: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    /// The fields of `date` in `zone`.
    public init(_ date: Date, zone: TimeZone) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + ZoneOffset.seconds(zone, at: date)
        self.init(naiveSeconds: local)
    }

    public init(naiveSeconds: Int) {
        let days = Int((Double(naiveSeconds) / 86400).rounded(.down))
        let secs = naiveSeconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d,
                  hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }

    /// The instant(s) this wall time names in `zone`.
    public func resolve(in zone: TimeZone) -> Resolution {
        let naive = naiveSeconds
        // The offsets a day either side are the ones before and after any change near it.
        let before = ZoneOffset.seconds(zone, at: Date(timeIntervalSince1970: TimeInterval(naive - 86400)))
        let after = ZoneOffset.seconds(zone, at: Date(timeIntervalSince1970: TimeInterval(naive + 86400)))
        var found: [Int] = []
        for offset in Set([before, after]) {
            let instant = naive - offset
            if ZoneOffset.seconds(zone, at: Date(timeIntervalSince1970: TimeInterval(instant))) == offset { found.append(instant) }
        }
        found.sort()
        if found.count >= 2, let a = found.first, let b = found.last {
            return .repeated(first: Date(timeIntervalSince1970: TimeInterval(a)), second: Date(timeIntervalSince1970: TimeInterval(b)))
        }
        if let only = found.first { return .exact(Date(timeIntervalSince1970: TimeInterval(only))) }
        if before != after {
            return .skipped(Date(timeIntervalSince1970: TimeInterval(naive - before)), gapSeconds: abs(after - before))
        }
        let offset = ZoneOffset.seconds(zone, at: Date(timeIntervalSince1970: TimeInterval(naive)))
        return .exact(Date(timeIntervalSince1970: TimeInterval(naive - offset)))
    }

    /// `2024-10-27 02:30`.
    public var text: String {
        String(format: "%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute) + (second == 0 ? "" : String(format: ":%02d", second))
    }

    /// `02:30` or `02:30:15`.
    public var clockText: String {
        String(format: "%02d:%02d", hour, minute) + (second == 0 ? "" : String(format: ":%02d", second))
    }
}

/// An interval given by two wall times in one zone, as published schedules write them
/// (`02:30–03:00`), resolved across changes of the clocks so that the event keeps its wall-clock
/// length where the two readings disagree.
public enum WallInterval {
    public struct Resolved: Sendable, Equatable {
        public var start: Date
        public var seconds: Int
        /// What was decided about a repeated or skipped time, for a warning; nil when nothing was.
        public var remark: String?
    }

    public static func resolve(start: WallTime, end: WallTime, zone: TimeZone) -> Resolved {
        let s = start.resolve(in: zone)
        let e = end.resolve(in: zone)
        let wall = end.naiveSeconds - start.naiveSeconds
        let name = zone.identifier
        switch (s, e) {
        case (.exact(let a), .exact(let b)):
            return Resolved(start: a, seconds: Int(b.timeIntervalSince(a).rounded()), remark: nil)
        default:
            break
        }
        if case .skipped(let shifted, let gap) = s {
            return Resolved(start: shifted, seconds: wall, remark:
                "\(start.clockText) does not exist in \(name) on \(String(start.text.prefix(10))) (the clocks skip \(gap / 60) min); read as \(WallTime(shifted, zone: zone).clockText), as RFC 5545 says, keeping its \(wall / 60) min")
        }
        // A repeated time: the occurrence that keeps the wall-clock length, else the first.
        for a in s.candidates { for b in e.candidates where Int(b.timeIntervalSince(a).rounded()) == wall {
            let note = s.candidates.count > 1 ? "\(start.clockText) happens twice in \(name) on \(String(start.text.prefix(10))) (the clocks go back); read as the \(a == s.candidates.first ? "first" : "second"), so the event lasts its \(wall / 60) min" : nil
            return Resolved(start: a, seconds: wall, remark: note)
        } }
        let a = s.date
        return Resolved(start: a, seconds: Int(e.date.timeIntervalSince(a).rounded()), remark: nil)
    }
}
