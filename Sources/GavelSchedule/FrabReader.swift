import Foundation
import GavelCore

/// Reads frab/pentabarf schedule XML (`<schedule><conference>…<day><room><event>`), as FOSDEM,
/// the Chaos Communication Congress and pretalx publish it.
public enum FrabReader {
    public static func parse(_ data: Data, file: String) throws(FileError) -> ScheduleFile {
        let root = try XMLElementNode.parse(data, file: file)
        guard root.name == "schedule" else {
            throw FileError(file: file, line: root.line, "expected a frab schedule (<schedule>), found <\(root.name)>")
        }
        var schedule = ScheduleFile(path: file)
        let conference = root.child("conference")
        schedule.conference = conference?.value("title")
        if let name = conference?.value("time_zone_name") {
            if let zone = TimeZone(identifier: name) {
                schedule.timeZone = zone
            } else {
                schedule.warnings.append(Diagnostic(file: file, line: conference?.child("time_zone_name")?.line,
                                                    message: "unknown time zone \"\(name)\"; using the offsets of the event dates", severity: .warning))
            }
        }
        var errors: [Diagnostic] = []
        let days = root.all("day")
        if days.isEmpty {
            throw FileError(file: file, line: root.line, "the schedule has no <day> elements")
        }
        for day in days {
            guard let date = day.attributes["date"].flatMap(ScheduleText.nonEmpty), isDay(date) else {
                errors.append(Diagnostic(file: file, line: day.line, message: "<day> needs a date=\"YYYY-MM-DD\" attribute"))
                continue
            }
            let dayStart = day.attributes["start"].flatMap(ISOTime.parse)
            for room in day.all("room") {
                let roomName = room.attributes["name"].flatMap(ScheduleText.nonEmpty)
                for event in room.all("event") {
                    switch readEvent(event, file: file, day: date, dayStart: dayStart, room: roomName, zone: schedule.timeZone) {
                    case .success(let e): schedule.events.append(e)
                    case .failure(let f) where f.diagnostic.severity == .warning: schedule.warnings.append(f.diagnostic)
                    case .failure(let f): errors.append(f.diagnostic)
                    }
                }
            }
        }
        if !errors.isEmpty { throw FileError(errors) }
        if schedule.timeZone == nil {
            // The offset of the first event's <date>, else UTC.
            schedule.timeZone = days.lazy.flatMap { $0.all("room") }.flatMap { $0.all("event") }
                .compactMap { $0.value("date").flatMap(ISOTime.offset) }.first
                .flatMap { TimeZone(secondsFromGMT: $0) }
        }
        return schedule
    }

    static func readEvent(_ node: XMLElementNode, file: String, day: String, dayStart: Date?, room: String?,
                          zone: TimeZone?) -> Result<ScheduledEvent, DiagnosticFailure> {
        let title = node.value("title")
        guard let title else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event without a <title> skipped", warning: true))
        }
        guard let durationText = node.value("duration") else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" has no <duration>"))
        }
        guard let length = clockDuration(durationText) else {
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
            if let midnight = LocalTime.parse("\(day)T00:00", zone: tz) {
                var s = midnight.addingTimeInterval(TimeInterval(parts[0] * 3600 + parts[1] * 60))
                // A conference day can run past midnight: times before the day's start belong to the next date.
                if let dayStart, s < dayStart { s = s.addingTimeInterval(86400) }
                start = s
            }
        }
        guard let start else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" has neither <date> nor <start>"))
        }
        guard length <= ScheduleImport.longestEvent else {
            return .failure(DiagnosticFailure(file: file, line: node.line, "event \"\(title)\" lasts more than 12 hours, which is no session; skipped", warning: true))
        }
        let persons = node.child("persons")?.all("person").compactMap { ScheduleText.nonEmpty($0.text) } ?? []
        let track = node.value("track")
        return .success(ScheduledEvent(line: node.line, uid: node.attributes["guid"] ?? node.attributes["id"],
                                       title: title, subtitle: node.value("subtitle"), start: start, length: length,
                                       room: room ?? node.value("room"), tracks: track.map { [$0] } ?? [],
                                       type: node.value("type"), speakers: persons, day: day))
    }

    static func isDay(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        return p.count == 3 && p.allSatisfy { Int($0) != nil } && p[0].count == 4
    }

    /// `00:25`, `01:30:00` -> seconds.
    static func clockDuration(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let v = parts.compactMap { $0 }
        guard (2...3).contains(parts.count), v.count == parts.count, v.allSatisfy({ (0...999).contains($0) }) else { return nil }
        let seconds = v[0] * 3600 + v[1] * 60 + (v.count == 3 ? v[2] : 0)
        return seconds > 0 ? seconds : nil
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
