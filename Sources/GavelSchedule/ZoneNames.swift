import Foundation
import GavelCore

/// Time zone names as schedule files write them: IANA names, the prefixed names some calendars
/// use (`/mozilla.org/20050126_1/Europe/Berlin`), Windows names (`W. Europe Standard Time`, via
/// CLDR's table), and, for any other name, the file's own `VTIMEZONE` definition matched to the
/// IANA zone with the same offsets and changes.
struct ZoneNames {
    struct Found: Equatable {
        var zone: TimeZone
        /// How a name that is not IANA was understood, for a warning.
        var remark: String?
    }

    private var definitions: [String: VTimeZone]
    private var cache: [String: Found?] = [:]
    /// Years the file's events fall in, so a VTIMEZONE is compared where it matters.
    var years: [Int] = []

    init(definitions: [String: VTimeZone] = [:]) {
        self.definitions = definitions
    }

    static func iana(_ raw: String) -> TimeZone? {
        let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        guard !name.isEmpty else { return nil }
        if let z = TimeZone(identifier: name), name.contains("/") || name == "UTC" || name == "GMT" { return z }
        let parts = name.split(separator: "/")
        for n in [3, 2, 1] where parts.count > n {
            if let z = TimeZone(identifier: parts.suffix(n).joined(separator: "/")) { return z }
        }
        return TimeZone(identifier: name)
    }

    static func windows(_ raw: String) -> TimeZone? {
        let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        guard let id = WindowsZones.iana[name] ?? WindowsZones.iana.first(where: { $0.key.caseInsensitiveCompare(name) == .orderedSame })?.value
        else { return nil }
        return TimeZone(identifier: id)
    }

    /// A name given on the command line: IANA or Windows.
    static func named(_ raw: String) -> TimeZone? { iana(raw) ?? windows(raw) }

    mutating func find(_ raw: String) -> Found? {
        if let hit = cache[raw] { return hit }
        var found: Found?
        if let z = Self.iana(raw) {
            found = Found(zone: z)
        } else if let z = Self.windows(raw) {
            found = Found(zone: z, remark: "the Windows zone name \"\(raw)\" read as \(z.identifier) (CLDR's table)")
        } else if let def = definitions[raw.trimmingCharacters(in: CharacterSet(charactersIn: " \""))], let z = def.matchingZone(years: years) {
            found = Found(zone: z, remark: "the zone \"\(raw)\" is not a known name; its VTIMEZONE has the offsets and changes of \(z.identifier), used for it")
        }
        cache[raw] = found
        return found
    }
}

/// A `VTIMEZONE` as the file defines it: observances (STANDARD, DAYLIGHT) with their onsets,
/// offsets and yearly rules (`RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU`).
struct VTimeZone {
    struct Observance {
        var start: WallTime
        var offsetFrom: Int
        var offsetTo: Int
        var month: Int?
        /// The n-th (negative: from the end) weekday of the month, 1 = Sunday.
        var nth: Int?
        var weekday: Int?
        var untilYear: Int?
        var dates: [WallTime] = []
    }

    var observances: [Observance] = []

    /// Reads the lines between BEGIN:VTIMEZONE and its END (sub-components included).
    static func read(_ lines: [ICalendarLine]) -> (id: String, zone: VTimeZone)? {
        var id: String?
        var zone = VTimeZone()
        var current: Observance?
        var inObservance = false
        for l in lines {
            let value = l.value.trimmingCharacters(in: .whitespaces)
            switch l.name {
            case "TZID" where !inObservance: id = value
            case "BEGIN" where ["STANDARD", "DAYLIGHT"].contains(value.uppercased()):
                inObservance = true
                current = Observance(start: WallTime(year: 1970, month: 1, day: 1), offsetFrom: 0, offsetTo: 0)
            case "END" where ["STANDARD", "DAYLIGHT"].contains(value.uppercased()):
                if let c = current { zone.observances.append(c) }
                current = nil
                inObservance = false
            case "DTSTART" where inObservance: if let w = ICalendarTime.wall(value) { current?.start = w }
            case "TZOFFSETFROM" where inObservance: if let o = offset(value) { current?.offsetFrom = o }
            case "TZOFFSETTO" where inObservance: if let o = offset(value) { current?.offsetTo = o }
            case "RDATE" where inObservance:
                for part in value.split(separator: ",") { if let w = ICalendarTime.wall(String(part)) { current?.dates.append(w) } }
            case "RRULE" where inObservance:
                let rule = RecurrenceRule.fields(value)
                current?.month = rule["BYMONTH"].flatMap { Int($0) }
                if let byday = rule["BYDAY"], let parsed = RecurrenceRule.weekday(byday) {
                    current?.nth = parsed.nth ?? 1
                    current?.weekday = parsed.weekday
                }
                current?.untilYear = rule["UNTIL"].flatMap { Int($0.prefix(4)) }
            default: break
            }
        }
        guard let id, !zone.observances.isEmpty else { return nil }
        return (id, zone)
    }

    static func offset(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let digits = s.dropFirst()
        guard digits.count == 4 || digits.count == 6, digits.allSatisfy(\.isNumber) else { return nil }
        let v = digits.compactMap(\.wholeNumberValue)
        let seconds = (v[0] * 10 + v[1]) * 3600 + (v[2] * 10 + v[3]) * 60 + (v.count == 6 ? v[4] * 10 + v[5] : 0)
        return sign == "-" ? -seconds : seconds
    }

    /// Onsets (UTC seconds) with the offset they bring, in `year`.
    func onsets(year: Int) -> [(at: Int, offset: Int)] {
        var out: [(Int, Int)] = []
        for o in observances {
            var walls = o.dates.filter { $0.year == year }
            if let month = o.month, let weekday = o.weekday, let nth = o.nth, year >= o.start.year, o.untilYear.map({ year <= $0 }) ?? true,
               let day = RecurrenceRule.nthWeekday(nth, weekday: weekday, month: month, year: year) {
                walls.append(WallTime(year: year, month: month, day: day, hour: o.start.hour, minute: o.start.minute, second: o.start.second))
            } else if o.month == nil, o.start.year == year {
                walls.append(o.start)
            }
            for w in walls { out.append((w.naiveSeconds - o.offsetFrom, o.offsetTo)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    func offset(at utc: Int) -> Int? {
        let year = WallTime(naiveSeconds: utc).year
        let all = onsets(year: year - 1) + onsets(year: year)
        if let last = all.last(where: { $0.at <= utc }) { return last.offset }
        return observances.first?.offsetFrom
    }

    /// The IANA zone whose offsets agree with this definition around every change in `years`
    /// and mid-winter and mid-summer, preferring the zones CLDR names for Windows regions.
    func matchingZone(years: [Int]) -> TimeZone? {
        let ys = years.isEmpty ? [WallTime(Date(), zone: TimeZone(secondsFromGMT: 0) ?? .current).year] : Array(Set(years)).sorted()
        var samples: [Int] = []
        for y in ys {
            for o in onsets(year: y) { samples += [o.at - 7200, o.at + 7200] }
            samples += [WallTime(year: y, month: 1, day: 15).naiveSeconds, WallTime(year: y, month: 7, day: 15).naiveSeconds]
        }
        let expected = samples.map { offset(at: $0) }
        let preferred = Set(WindowsZones.iana.values)
        let names = TimeZone.knownTimeZoneIdentifiers.sorted { (preferred.contains($0) ? 0 : 1, $0) < (preferred.contains($1) ? 0 : 1, $1) }
        for name in names where name.contains("/") && !name.hasPrefix("Etc/") {
            guard let z = TimeZone(identifier: name) else { continue }
            if zip(samples, expected).allSatisfy({ z.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0.0))) == $0.1 }) { return z }
        }
        return nil
    }
}
