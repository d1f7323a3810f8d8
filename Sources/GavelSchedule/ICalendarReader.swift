import Foundation
import GavelCore

/// Reads iCalendar (RFC 5545) schedules, as Indico and most conference sites export them, and
/// the files `gavel export` writes.
///
/// Floating times (no `Z`, no `TZID`) are read in the calendar's zone (`X-WR-TIMEZONE`, else the
/// first `TZID` seen, else `fallbackZone`). All-day events have no time and are skipped with a
/// warning. Of events sharing a UID, the one with the highest `SEQUENCE` (the later on a tie) is kept.
public enum ICalendarReader {
    public static func parse(_ text: String, file: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        let lines = try ICalendarLine.lines(text, file: file)
        guard let first = lines.first, first.name == "BEGIN", first.value.trimmingCharacters(in: .whitespaces).uppercased() == "VCALENDAR" else {
            throw FileError(file: file, line: lines.first?.line ?? 1, "not an iCalendar file: it must start with BEGIN:VCALENDAR")
        }
        var schedule = ScheduleFile(path: file)
        var calendarZone: TimeZone?
        var gavel = GavelAgendaFields()
        var sawGavel = false
        var stack: [(name: String, line: Int)] = []
        var eventLines: [ICalendarLine] = []
        var rawEvents: [(begin: Int, lines: [ICalendarLine])] = []
        var errors: [Diagnostic] = []
        for l in lines {
            let value = l.value.trimmingCharacters(in: .whitespaces)
            switch l.name {
            case "BEGIN":
                stack.append((value.uppercased(), l.line))
                if value.uppercased() == "VEVENT" { eventLines = [] }
                continue
            case "END":
                guard let open = stack.popLast() else {
                    throw FileError(file: file, line: l.line, "END:\(value) without a matching BEGIN")
                }
                guard open.name == value.uppercased() else {
                    throw FileError(file: file, line: l.line, "END:\(value) closes BEGIN:\(open.name) of line \(open.line)")
                }
                if open.name == "VEVENT" { rawEvents.append((open.line, eventLines)) }
                continue
            default: break
            }
            guard let current = stack.last else {
                throw FileError(file: file, line: l.line, "\(l.name) after END:VCALENDAR")
            }
            if current.name == "VEVENT" {
                eventLines.append(l)
            } else if current.name == "VCALENDAR" {
                switch l.name {
                case "X-WR-CALNAME": gavel.title = ScheduleText.nonEmpty(ICalendarLine.unescape(l.value))
                    schedule.conference = gavel.title
                case "X-WR-TIMEZONE":
                    if let z = zone(named: value) { calendarZone = z } else {
                        schedule.warnings.append(Diagnostic(file: file, line: l.line, message: "unknown time zone \"\(value)\" in X-WR-TIMEZONE; ignored", severity: .warning))
                    }
                case "X-GAVEL-EVENT": gavel.event = ScheduleText.nonEmpty(ICalendarLine.unescape(l.value)); sawGavel = true
                case "X-GAVEL-ROOM": gavel.room = ScheduleText.nonEmpty(ICalendarLine.unescape(l.value)); sawGavel = true
                case "X-GAVEL-DEFAULTS":
                    sawGavel = true
                    guard let d = defaults(value) else {
                        throw FileError(file: file, line: l.line, "X-GAVEL-DEFAULTS must read topic=20m;lightning=5m;warn=5m,2m")
                    }
                    gavel.defaults = d
                default: break
                }
            }
        }
        if let open = stack.last {
            throw FileError(file: file, line: open.line, "BEGIN:\(open.name) is never closed with END:\(open.name)")
        }
        if calendarZone == nil {
            // The first TZID any event names.
            calendarZone = rawEvents.lazy.flatMap { $0.lines }.compactMap { $0.parameters["TZID"].flatMap(zone(named:)) }.first
        }
        let zone = calendarZone ?? fallbackZone ?? TimeZone(identifier: "UTC") ?? .current
        schedule.timeZone = calendarZone ?? fallbackZone
        var kept: [ScheduledEvent] = []
        var byUID: [String: (index: Int, sequence: Int, line: Int)] = [:]
        for raw in rawEvents {
            switch readEvent(raw.lines, begin: raw.begin, file: file, zone: zone) {
            case .failure(let f) where f.diagnostic.severity == .warning: schedule.warnings.append(f.diagnostic)
            case .failure(let f): errors.append(f.diagnostic)
            case .success(let (event, sequence)):
                if let uid = event.uid, let earlier = byUID[uid] {
                    let keepNew = sequence >= earlier.sequence
                    schedule.warnings.append(Diagnostic(file: file, line: event.line, message:
                        "UID \"\(uid)\" also used at line \(earlier.line); keeping the \(keepNew ? "event here" : "one at line \(earlier.line)") (\(keepNew ? "higher or equal" : "higher") SEQUENCE)", severity: .warning))
                    if keepNew {
                        kept[earlier.index] = event
                        byUID[uid] = (earlier.index, sequence, event.line)
                    }
                } else {
                    if let uid = event.uid { byUID[uid] = (kept.count, sequence, event.line) }
                    kept.append(event)
                }
            }
        }
        if !errors.isEmpty { throw FileError(errors) }
        schedule.events = kept
        if sawGavel || kept.contains(where: { $0.gavel != nil }) { schedule.gavelAgenda = gavel }
        return schedule
    }

    static func zone(named raw: String) -> TimeZone? {
        let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        if let z = TimeZone(identifier: name) { return z }
        // `/mozilla.org/20050126_1/Europe/Berlin` and similar prefixed names.
        let parts = name.split(separator: "/")
        for n in [3, 2, 1] where parts.count > n {
            if let z = TimeZone(identifier: parts.suffix(n).joined(separator: "/")) { return z }
        }
        return nil
    }

    static func defaults(_ text: String) -> Agenda.Defaults? {
        var d = Agenda.Defaults()
        for pair in text.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { return nil }
            switch kv[0].lowercased() {
            case "topic": guard case .success(let v) = DurationText.seconds(kv[1]) else { return nil }; d.topic = v
            case "lightning": guard case .success(let v) = DurationText.seconds(kv[1]) else { return nil }; d.lightning = v
            case "warn":
                var warn: [Int] = []
                for w in kv[1].split(separator: ",") {
                    guard case .success(let v) = DurationText.seconds(String(w)) else { return nil }
                    warn.append(v)
                }
                d.warn = warn
            default: return nil
            }
        }
        return d
    }

    static func readEvent(_ lines: [ICalendarLine], begin: Int, file: String,
                          zone: TimeZone) -> Result<(ScheduledEvent, Int), DiagnosticFailure> {
        func first(_ name: String) -> ICalendarLine? { lines.first { $0.name == name } }
        func text(_ name: String) -> String? { first(name).map { ICalendarLine.unescape($0.value) } }
        let title = text("SUMMARY").flatMap { ScheduleText.nonEmpty($0) }
        guard let startLine = first("DTSTART") else {
            return .failure(DiagnosticFailure(file: file, line: begin, "event \"\(title ?? "?")\" has no DTSTART; skipped", warning: true))
        }
        let start: ICalendarTime
        switch ICalendarTime.parse(startLine, zone: zone) {
        case .success(let t): start = t
        case .failure(let e): return .failure(DiagnosticFailure(file: file, line: startLine.line, e.message))
        }
        guard case .timed(let startDate) = start else {
            return .failure(DiagnosticFailure(file: file, line: startLine.line, "all-day event \"\(title ?? "?")\" has no time; skipped", warning: true))
        }
        var length: Int?
        if let endLine = first("DTEND") {
            switch ICalendarTime.parse(endLine, zone: zone) {
            case .success(.timed(let end)):
                length = Int(end.timeIntervalSince(startDate).rounded())
                if let l = length, l < 0 {
                    return .failure(DiagnosticFailure(file: file, line: endLine.line, "DTEND is before DTSTART (line \(startLine.line))"))
                }
            case .success(.allDay): return .failure(DiagnosticFailure(file: file, line: endLine.line, "DTEND is a date but DTSTART has a time"))
            case .failure(let e): return .failure(DiagnosticFailure(file: file, line: endLine.line, e.message))
            }
        } else if let durationLine = first("DURATION") {
            guard let d = ICalendarTime.duration(durationLine.value) else {
                return .failure(DiagnosticFailure(file: file, line: durationLine.line,
                                                  "DURATION \"\(durationLine.value.trimmingCharacters(in: .whitespaces))\" is not an iCalendar duration such as PT25M or PT1H30M"))
            }
            length = d
        }
        guard let length, length > 0 else {
            return .failure(DiagnosticFailure(file: file, line: begin, "event \"\(title ?? "?")\" has no DTEND or DURATION (or lasts no time); skipped", warning: true))
        }
        guard length <= ScheduleImport.longestEvent else {
            return .failure(DiagnosticFailure(file: file, line: begin, "event \"\(title ?? "?")\" lasts more than 12 hours, which is no session; skipped", warning: true))
        }
        var speakers: [String] = []
        for l in lines where l.name == "ORGANIZER" || l.name == "ATTENDEE" {
            if let cn = l.parameters["CN"].flatMap({ ScheduleText.nonEmpty(ICalendarLine.unescape($0)) }), !speakers.contains(cn) {
                speakers.append(cn)
            }
        }
        let tracks = lines.filter { $0.name == "CATEGORIES" }.flatMap { ICalendarLine.list($0.value) }.compactMap { ScheduleText.nonEmpty($0) }
        var sequence = 0
        if let s = first("SEQUENCE") { sequence = Int(s.value.trimmingCharacters(in: .whitespaces)) ?? 0 }
        var gavel: GavelTopicFields?
        if let slotID = text("X-GAVEL-SLOT").flatMap(ScheduleText.nonEmpty) {
            var g = GavelTopicFields(slotID: slotID)
            g.slotTitle = text("X-GAVEL-SLOT-TITLE").flatMap(ScheduleText.nonEmpty)
            if let l = first("X-GAVEL-SLOT-LENGTH") {
                guard case .success(let v) = DurationText.seconds(l.value), v > 0 else {
                    return .failure(DiagnosticFailure(file: file, line: l.line, "X-GAVEL-SLOT-LENGTH \"\(l.value)\" is not a duration such as 45m"))
                }
                g.slotLength = v
            }
            g.slotRoom = text("X-GAVEL-SLOT-ROOM").flatMap(ScheduleText.nonEmpty)
            g.topicID = text("X-GAVEL-TOPIC").flatMap(ScheduleText.nonEmpty)
            if let k = first("X-GAVEL-KIND") {
                guard let kind = TopicKind(rawValue: k.value.trimmingCharacters(in: .whitespaces)) else {
                    return .failure(DiagnosticFailure(file: file, line: k.line, "X-GAVEL-KIND must be talk or lightning"))
                }
                g.kind = kind
            }
            g.note = text("X-GAVEL-NOTE").map(ScheduleText.cleanKeepingLines).flatMap { $0.isEmpty ? nil : $0 }
            gavel = g
        }
        let event = ScheduledEvent(line: begin, uid: text("UID").flatMap(ScheduleText.nonEmpty), title: title ?? "(untitled)",
                                   start: startDate, length: length,
                                   room: text("LOCATION").flatMap(ScheduleText.nonEmpty), tracks: tracks,
                                   speakers: speakers, gavel: gavel)
        return .success((event, sequence))
    }
}

/// A DTSTART or DTEND value: a moment, or a date without a time (all day).
enum ICalendarTime: Equatable {
    case timed(Date)
    case allDay(String)

    /// `20240203T093000Z`, `20240203T093000` with or without `TZID=`, `VALUE=DATE:20240203`;
    /// dashes and colons (`2024-02-03T09:30:00`) are tolerated.
    static func parse(_ line: ICalendarLine, zone: TimeZone) -> Result<ICalendarTime, MessageError> {
        let raw = line.value.trimmingCharacters(in: .whitespaces)
        let compact = raw.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let shown = "\(line.name) \"\(raw)\""
        if compact.count == 8, compact.allSatisfy(\.isNumber) {
            return .success(.allDay(compact))
        }
        var body = compact
        var utc = false
        if body.uppercased().hasSuffix("Z") { utc = true; body.removeLast() }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, parts[1].count == 6 || parts[1].count == 4,
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            return .failure(MessageError("\(shown) is not a date-time such as 20240203T093000Z"))
        }
        var tz = zone
        if utc {
            tz = TimeZone(identifier: "UTC") ?? zone
        } else if let name = line.parameters["TZID"] {
            guard let z = ICalendarReader.zone(named: name) else {
                return .failure(MessageError("\(line.name): unknown time zone TZID=\(name); use an IANA name such as Europe/Brussels"))
            }
            tz = z
        }
        let d = parts[0], t = parts[1]
        let local = "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))T\(t.prefix(2)):\(t.dropFirst(2).prefix(2)):\(t.count == 6 ? String(t.suffix(2)) : "00")"
        guard let date = LocalTime.parse(local, zone: tz) else {
            return .failure(MessageError("\(shown) is not a valid date-time"))
        }
        return .success(.timed(date))
    }

    /// RFC 5545 durations: `PT25M`, `PT1H30M`, `P1DT2H`, `P1W`, an optional sign.
    static func duration(_ text: String) -> Int? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        var sign = 1
        if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { sign = -1; s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var total = 0
        var number = ""
        var inTime = false
        var sawUnit = false
        for c in s {
            if c.isNumber { number.append(c); continue }
            if c == "T" { guard number.isEmpty, !inTime else { return nil }; inTime = true; continue }
            guard number.count <= 6, let n = Int(number) else { return nil }
            switch (c, inTime) {
            case ("W", false): total += n * 7 * 86400
            case ("D", false): total += n * 86400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return sign * total
    }
}

struct MessageError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
