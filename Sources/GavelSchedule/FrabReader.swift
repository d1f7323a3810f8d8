import Foundation
import GavelCore

/// Reads frab/pentabarf schedule XML (`<schedule><conference>…<day><room><event>`), as FOSDEM,
/// the Chaos Communication Congress and pretalx publish it.
///
/// `<date>` with an offset is exact. A `<start>` alone is a wall time on its `<day>`, in the
/// conference's `<time_zone_name>`, else `fallbackZone` (`--timezone`), else UTC (said to be a
/// guess); before the day's start (`start=` or pentabarf's `<day_change>`) it is the next date.
/// A `<duration>` of 00:00 is a marker. An event that cannot be read is skipped with its line.
public enum FrabReader {
    public static func parse(_ data: Data, file: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        let root = try XMLElementNode.parse(data, file: file)
        guard root.name == "schedule" else {
            throw FileError(file: file, line: root.line, "expected a frab schedule (<schedule>), found <\(root.name)>")
        }
        var schedule = ScheduleFile(path: file)
        let conference = root.child("conference")
        schedule.conference = conference?.value("title")
        if let name = conference?.value("time_zone_name") {
            if let zone = ZoneNames.iana(name) {
                schedule.timeZone = zone
            } else if let zone = ZoneNames.windows(name) {
                schedule.timeZone = zone
                schedule.warnings.append(Diagnostic(file: file, line: conference?.child("time_zone_name")?.line,
                                                    message: "the Windows zone name \"\(name)\" read as \(zone.identifier) (CLDR's table)", severity: .warning))
            } else {
                schedule.warnings.append(Diagnostic(file: file, line: conference?.child("time_zone_name")?.line,
                                                    message: "unknown time zone \"\(name)\"; using the offsets of the event dates", severity: .warning))
            }
        }
        let days = root.all("day")
        if days.isEmpty {
            throw FileError(file: file, line: root.line, "the schedule has no <day> elements")
        }
        let events = days.lazy.flatMap { $0.all("room") }.flatMap { $0.all("event") }
        if schedule.timeZone == nil {
            if let fallbackZone {
                schedule.timeZone = fallbackZone
            } else if let offset = events.compactMap({ $0.value("date").flatMap(ISOTime.offset) }).first {
                // The offset of the first event's <date>: the instants are exact, only the zone's name is unknown.
                schedule.timeZone = TimeZone(secondsFromGMT: offset)
                schedule.zoneGuess = "the schedule names no time zone; shown at the offset of its dates (\(ISOTime.offsetText(offset)))"
            } else {
                schedule.timeZone = TimeZone(identifier: "UTC")
                schedule.zoneGuess = "the schedule gives <start> times with no date and names no time zone; they were read as UTC wall times (use --timezone)"
            }
        }
        // pentabarf: the hour at which a conference day turns into the next date.
        let dayChange = conference?.value("day_change").flatMap { clockDuration($0) }
        for day in days {
            guard let date = day.attributes["date"].flatMap(ScheduleText.nonEmpty), isDay(date) else {
                schedule.warnings.append(Diagnostic(file: file, line: day.line, message: "<day> needs a date=\"YYYY-MM-DD\" attribute; its events skipped", severity: .warning))
                continue
            }
            var dayStart = day.attributes["start"].flatMap(ISOTime.parse)
            if dayStart == nil, let dayChange, let tz = schedule.timeZone, let w = ICalendarTime.wall(date + "T000000") {
                dayStart = WallTime(naiveSeconds: w.naiveSeconds + dayChange).resolve(in: tz).date
            }
            for room in day.all("room") {
                let roomName = room.attributes["name"].flatMap(ScheduleText.title)
                for event in room.all("event") {
                    switch readEvent(event, file: file, day: date, dayStart: dayStart, room: roomName, zone: schedule.timeZone) {
                    case .success(let e): schedule.events.append(e)
                    case .failure(let f):
                        var d = f.diagnostic
                        if d.severity == .error { d = Diagnostic(file: d.file, line: d.line, message: d.message + "; event skipped", severity: .warning) }
                        schedule.warnings.append(d)
                    }
                }
            }
        }
        return schedule
    }

    static func readEvent(_ node: XMLElementNode, file: String, day: String, dayStart: Date?, room: String?,
                          zone: TimeZone?) -> Result<ScheduledEvent, DiagnosticFailure> {
        let title = ScheduleText.title(node.child("title")?.text)
        guard let title else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event without a <title> skipped", warning: true))
        }
        guard let durationText = node.value("duration") else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" has no <duration>"))
        }
        guard let length = clockDuration(durationText, allowZero: true) else {
            return .failure(DiagnosticFailure(file: file, line: node.child("duration")?.line ?? node.line,
                                              "event \"\(title)\": duration \"\(durationText)\" is not HH:MM or HH:MM:SS"))
        }
        var start: Date?
        if let dateText = node.value("date") {
            start = ISOTime.parse(dateText)
            if start == nil {
                return .failure(DiagnosticFailure(file: file, line: node.child("date")?.line ?? node.line,
                                                  "event \"\(title)\": <date> \"\(dateText)\" is not a date-time such as 2024-02-03T10:30:00+01:00"))
            }
        } else if let startText = node.value("start") {
            let parts = startText.split(separator: ":").compactMap { Int($0) }
            guard parts.count >= 2, (0...47).contains(parts[0]), (0...59).contains(parts[1]) else {
                return .failure(DiagnosticFailure(file: file, line: node.child("start")?.line ?? node.line,
                                                  "event \"\(title)\": <start> \"\(startText)\" is not HH:MM"))
            }
            let tz = zone ?? TimeZone(identifier: "UTC") ?? .current
            if let midnight = ICalendarTime.wall(day + "T000000") {
                // A wall time on the day, in the zone: labelled, not converted.
                var naive = midnight.naiveSeconds + parts[0] * 3600 + parts[1] * 60
                var s = WallTime(naiveSeconds: naive).resolve(in: tz).date
                // A conference day can run past midnight: times before the day's start belong to the next date.
                if let dayStart, s < dayStart {
                    naive += 86400
                    s = WallTime(naiveSeconds: naive).resolve(in: tz).date
                }
                start = s
            }
        }
        guard let start else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" has neither <date> nor <start>"))
        }
        guard length <= ScheduleImport.longestEvent else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" lasts more than 12 hours, which is no session; skipped", warning: true))
        }
        let persons = node.child("persons")?.all("person").compactMap { ScheduleText.title($0.text) } ?? []
        let track = node.value("track").flatMap(ScheduleText.title)
        var event = ScheduledEvent(line: node.line, uid: node.attributes["guid"] ?? node.attributes["id"],
                                   title: TitleText.withoutSpeakers(title, speakers: persons),
                                   subtitle: node.value("subtitle").flatMap(ScheduleText.title), start: start, length: length,
                                   room: room ?? node.value("room").flatMap(ScheduleText.title), tracks: track.map { [$0] } ?? [],
                                   type: node.value("type"), speakers: persons, day: day)
        if let guid = node.attributes["guid"].flatMap(ScheduleText.nonEmpty) { event.ref = "frab:\(guid)" }
        event.eventID = node.attributes["id"].flatMap(ScheduleText.nonEmpty)
        event.url = node.value("url")
        return .success(event)
    }

    static func isDay(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        return p.count == 3 && p.allSatisfy { Int($0) != nil } && p[0].count == 4
    }

    /// `00:25`, `01:30:00` -> seconds; 0 only when `allowZero` (a marker).
    static func clockDuration(_ text: String, allowZero: Bool = false) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let v = parts.compactMap { $0 }
        guard (2...3).contains(parts.count), v.count == parts.count, v.allSatisfy({ (0...999).contains($0) }) else { return nil }
        let seconds = v[0] * 3600 + v[1] * 60 + (v.count == 3 ? v[2] : 0)
        return seconds > 0 || (allowZero && seconds == 0) ? seconds : nil
    }
}

/// A diagnostic carried through a `Result`.
struct DiagnosticFailure: Error {
    let diagnostic: Diagnostic
    init(file: String, line: Int?, _ message: String, warning: Bool = false) {
        diagnostic = Diagnostic(file: file, line: line, message: message, severity: warning ? .warning : .error)
    }
}

/// ISO 8601 date-times with an offset: `2024-02-03T10:30:00+01:00`, `2024-02-03T09:30:00Z`.
enum ISOTime {
    static func parse(_ text: String) -> Date? {
        guard let (local, offset) = split(text), let zone = TimeZone(secondsFromGMT: offset) else { return nil }
        return LocalTime.parse(local, zone: zone)
    }

    static func offset(_ text: String) -> Int? { split(text)?.offset }

    /// `+01:00`.
    static func offsetText(_ seconds: Int) -> String {
        String(format: "%@%02d:%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    private static func split(_ text: String) -> (local: String, offset: Int)? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("Z") { return (String(s.dropLast()), 0) }
        guard let t = s.firstIndex(of: "T") else { return nil }
        let timePart = s[t...]
        guard let signIndex = timePart.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let sign = s[signIndex] == "-" ? -1 : 1
        let digits = s[s.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
        guard digits.count == 4 || digits.count == 2, let v = Int(digits) else { return nil }
        let seconds = digits.count == 4 ? (v / 100) * 3600 + (v % 100) * 60 : v * 3600
        return (String(s[..<signIndex]), sign * seconds)
    }
}
