import Foundation
import GavelCore

/// Reads iCalendar (RFC 5545) schedules, as Indico, pretalx and most conference sites export
/// them, and the files `gavel export` writes, in time linear in the file's size.
///
/// - Times: `Z` is UTC; `TZID=` names an IANA zone, a Windows zone (CLDR's table) or one the
///   file's VTIMEZONE defines; floating times are read in the calendar's zone (`X-WR-TIMEZONE`,
///   else the first zone an event names, else `fallbackZone`, else UTC, which is then said to be
///   a guess). Around a change of the clocks an event keeps its wall-clock length.
/// - Identity: an event is the same event only with the same UID *and* RECURRENCE-ID. Events
///   sharing a UID at one start are versions (the highest SEQUENCE wins); at different starts
///   they are different events (some generators reuse one UID for a whole camp).
/// - RRULE is expanded (daily, weekly, monthly, yearly; EXDATE honoured); a RECURRENCE-ID event
///   replaces that one occurrence; STATUS:CANCELLED events and occurrences are left out.
/// - An event with a start and no end lasts no time (§3.6.1): it is kept as a marker.
/// - An event that cannot be read is skipped with a FILE:LINE warning; the rest still imports.
public enum ICalendarReader {
    public static func parse(_ text: String, file: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        try parse(Array(text.utf8), file: file, fallbackZone: fallbackZone)
    }

    public static func parse(_ bytes: [UInt8], file: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        let lines = try ICalendarLine.lines(bytes, file: file)
        guard let first = lines.first, first.name == "BEGIN", ICalendarLine.word(first.value) == "VCALENDAR" else {
            throw FileError(file: file, line: lines.first?.line ?? 1, "not an iCalendar file: it must start with BEGIN:VCALENDAR")
        }
        var schedule = ScheduleFile(path: file)
        var gavel = GavelAgendaFields()
        var sawGavel = false
        var calendarZoneName: String?
        var calendarZoneLine = 0
        var producer = ""
        var stack: [(name: String, line: Int)] = []
        var eventLines: [ICalendarLine] = []
        var zoneLines: [ICalendarLine] = []
        var rawEvents: [(begin: Int, lines: [ICalendarLine])] = []
        var definitions: [String: VTimeZone] = [:]
        /// How many VTIMEZONE components are open (a counter, so deep nesting stays linear).
        var zoneDepth = 0
        for l in lines {
            switch l.name {
            case "BEGIN":
                let value = ICalendarLine.word(l.value)
                stack.append((value, l.line))
                if value == "VEVENT" { eventLines = [] }
                if value == "VTIMEZONE" { zoneLines = []; zoneDepth += 1 }
                if zoneDepth > 0 { zoneLines.append(l) }
                continue
            case "END":
                let value = l.value.trimmingCharacters(in: .whitespaces)
                guard let open = stack.popLast() else {
                    throw FileError(file: file, line: l.line, "END:\(value) without a matching BEGIN")
                }
                guard open.name == ICalendarLine.word(value) else {
                    throw FileError(file: file, line: l.line, "END:\(value) closes BEGIN:\(open.name) of line \(open.line)")
                }
                if open.name == "VEVENT" { rawEvents.append((open.line, eventLines)) }
                if zoneDepth > 0 { zoneLines.append(l) }
                if open.name == "VTIMEZONE" {
                    zoneDepth -= 1
                    if let def = VTimeZone.read(zoneLines) { definitions[def.id] = def.zone }
                }
                continue
            default: break
            }
            guard let current = stack.last else {
                throw FileError(file: file, line: l.line, "\(l.name) after END:VCALENDAR")
            }
            if current.name == "VEVENT" {
                eventLines.append(l)
            } else if zoneDepth > 0 {
                zoneLines.append(l)
            } else if current.name == "VCALENDAR" {
                let value = l.value.trimmingCharacters(in: .whitespaces)
                switch l.name {
                case "X-WR-CALNAME": gavel.title = ScheduleText.title(ICalendarLine.unescape(l.value))
                    schedule.conference = gavel.title
                case "X-WR-TIMEZONE": calendarZoneName = value; calendarZoneLine = l.line
                case "PRODID": producer = value.lowercased()
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

        // The zone: the calendar's, else the first an event names, else --timezone, else a guess.
        var zones = ZoneNames(definitions: definitions)
        zones.years = years(of: rawEvents)
        var calendarZone: TimeZone?
        func remark(_ found: ZoneNames.Found?, line: Int) {
            if let r = found?.remark, !schedule.warnings.contains(where: { $0.message.hasPrefix(r) }) {
                schedule.warnings.append(Diagnostic(file: file, line: line, message: r, severity: .warning))
            }
        }
        if let name = calendarZoneName {
            if let found = zones.find(name) {
                calendarZone = found.zone
                remark(found, line: calendarZoneLine)
            } else {
                schedule.warnings.append(Diagnostic(file: file, line: calendarZoneLine, message: "unknown time zone \"\(name)\" in X-WR-TIMEZONE; ignored", severity: .warning))
            }
        }
        if calendarZone == nil {
            outer: for raw in rawEvents { for l in raw.lines { if let name = l.parameters["TZID"], let found = zones.find(name) {
                calendarZone = found.zone
                break outer
            } } }
        }
        let zone: TimeZone
        if let calendarZone {
            zone = calendarZone
        } else if let fallbackZone {
            zone = fallbackZone
        } else {
            zone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
            let floating = rawEvents.contains { $0.lines.contains { $0.name == "DTSTART" && !$0.value.uppercased().hasSuffix("Z") && $0.parameters["TZID"] == nil && $0.value.count > 8 } }
            schedule.zoneGuess = floating
                ? "the calendar gives times without a zone and names none; they were read as UTC wall times"
                : "the calendar gives its times in UTC and names no zone; they are shown in UTC"
        }
        schedule.timeZone = zone

        // Each event read on its own; one that cannot be read is skipped with its line.
        var read: [ReadEvent] = []
        read.reserveCapacity(rawEvents.count)
        let pretalx = producer.contains("pretalx")
        for raw in rawEvents {
            switch readEvent(raw.lines, begin: raw.begin, file: file, zone: zone, zones: &zones, pretalx: pretalx) {
            case .failure(let f):
                var d = f.diagnostic
                if d.severity == .error {
                    d = Diagnostic(file: d.file, line: d.line, message: d.message + "; event skipped", severity: .warning)
                }
                schedule.warnings.append(d)
            case .success(let (event, remarks)):
                for (line, r) in remarks {
                    schedule.warnings.append(Diagnostic(file: file, line: line, message: r, severity: .warning))
                }
                read.append(event)
            }
        }
        for name in Set(read.flatMap(\.zoneNames)) { remark(zones.find(name), line: read.first { $0.zoneNames.contains(name) }?.line ?? 1) }
        schedule.events = assemble(read, file: file, zone: zone, warnings: &schedule.warnings)
        if sawGavel || schedule.events.contains(where: { $0.gavel != nil }) { schedule.gavelAgenda = gavel }
        return schedule
    }

    /// The years event starts fall in (from their text), so a VTIMEZONE is matched where it matters.
    static func years(of raw: [(begin: Int, lines: [ICalendarLine])]) -> [Int] {
        var out = Set<Int>()
        for r in raw.prefix(2000) { for l in r.lines where l.name == "DTSTART" {
            if let y = Int(l.value.trimmingCharacters(in: .whitespaces).prefix(4)) { out.insert(y) }
        } }
        return Array(out)
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

    /// One VEVENT as read, before UIDs, recurrences and overrides are put together.
    struct ReadEvent {
        var event: ScheduledEvent
        var line: Int { event.line }
        var uid: String?
        var recurrenceID: Date?
        var sequence: Int
        var cancelled: Bool
        var rule: RecurrenceRule?
        var ruleLine: Int
        var exdates: [Date]
        /// The start as a wall time and the zone it is in (nil: UTC), to step recurrences.
        var startWall: WallTime
        var startZone: TimeZone?
        var zoneNames: [String]
    }

    static func readEvent(_ lines: [ICalendarLine], begin: Int, file: String, zone: TimeZone, zones: inout ZoneNames,
                          pretalx: Bool) -> Result<(ReadEvent, [(Int, String)]), DiagnosticFailure> {
        func first(_ name: String) -> ICalendarLine? { lines.first { $0.name == name } }
        func text(_ name: String) -> String? { first(name).map { ICalendarLine.unescape($0.value) } }
        // Gavel's own files carry their text exactly: no entity decoding, no name stripping.
        let ours = first("X-GAVEL-SLOT") != nil
        var title = text("SUMMARY").flatMap { ours ? ScheduleText.nonEmpty($0) : ScheduleText.title($0) }
        var remarks: [(Int, String)] = []
        guard let startLine = first("DTSTART") else {
            return .failure(DiagnosticFailure(file: file, line: begin, "event \"\(title ?? "?")\" has no DTSTART; skipped", warning: true))
        }
        let start: ICalendarTime
        switch ICalendarTime.parse(startLine, zone: zone, zones: &zones) {
        case .success(let t): start = t
        case .failure(let e): return .failure(DiagnosticFailure(file: file, line: startLine.line, e.message))
        }
        guard case .timed(let startWall, let startZone) = start else {
            return .failure(DiagnosticFailure(file: file, line: startLine.line, "all-day event \"\(title ?? "?")\" has no time; skipped", warning: true))
        }
        var startDate: Date
        var length: Int
        if let endLine = first("DTEND") {
            switch ICalendarTime.parse(endLine, zone: zone, zones: &zones) {
            case .success(.timed(let endWall, let endZone)):
                if let sz = startZone, let ez = endZone, sz.identifier == ez.identifier {
                    let r = WallInterval.resolve(start: startWall, end: endWall, zone: sz)
                    startDate = r.start
                    length = r.seconds
                    if let note = r.remark { remarks.append((startLine.line, "event \"\(title ?? "?")\": \(note)")) }
                } else {
                    startDate = ICalendarTime.instant(startWall, startZone)
                    length = Int(ICalendarTime.instant(endWall, endZone).timeIntervalSince(startDate).rounded())
                }
                if length < 0 {
                    return .failure(DiagnosticFailure(file: file, line: endLine.line, "DTEND is before DTSTART (line \(startLine.line))"))
                }
            case .success(.allDay): return .failure(DiagnosticFailure(file: file, line: endLine.line, "DTEND is a date but DTSTART has a time"))
            case .failure(let e): return .failure(DiagnosticFailure(file: file, line: endLine.line, e.message))
            }
        } else {
            (startDate, length) = (ICalendarTime.instant(startWall, startZone), 0)
            if let z = startZone, case .skipped(_, let gap) = startWall.resolve(in: z) {
                remarks.append((startLine.line, "event \"\(title ?? "?")\": \(startWall.clockText) does not exist in \(z.identifier) on \(String(startWall.text.prefix(10))) (the clocks skip \(gap / 60) min); read as \(WallTime(startDate, zone: z).clockText), as RFC 5545 says"))
            }
            if let durationLine = first("DURATION") {
                guard let d = ICalendarTime.duration(durationLine.value), d >= 0 else {
                    return .failure(DiagnosticFailure(file: file, line: durationLine.line,
                                                      "DURATION \"\(durationLine.value.trimmingCharacters(in: .whitespaces))\" is not an iCalendar duration such as PT25M or PT1H30M"))
                }
                length = d
            }
        }
        guard length <= ScheduleImport.longestEvent else {
            return .failure(DiagnosticFailure(file: file, line: begin, "event \"\(title ?? "?")\" lasts more than 12 hours, which is no session; skipped", warning: true))
        }
        var speakers: [String] = []
        for l in lines where l.name == "ORGANIZER" || l.name == "ATTENDEE" {
            if let cn = l.parameters["CN"].flatMap({ ScheduleText.title(ICalendarLine.unescape($0)) }), !speakers.contains(cn) {
                speakers.append(cn)
            }
        }
        for l in lines where l.name == "X-GAVEL-SPEAKER" {
            if let name = ScheduleText.nonEmpty(ICalendarLine.unescape(l.value)), !speakers.contains(name) { speakers.append(name) }
        }
        if let t = title, !ours {
            if speakers.isEmpty, pretalx {
                let split = TitleText.pretalxSplit(t)
                title = split.title
                speakers = split.speakers
            } else {
                title = TitleText.withoutSpeakers(t, speakers: speakers)
            }
        }
        let tracks = lines.filter { $0.name == "CATEGORIES" }.flatMap { ICalendarLine.list($0.value) }.compactMap { ScheduleText.title($0) }
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
            g.published = first("X-GAVEL-PUBLISHED").map { ICalendarLine.word($0.value) } == "TRUE"
            g.ref = text("X-GAVEL-REF").flatMap(ScheduleText.nonEmpty)
            g.eventID = text("X-GAVEL-EVENT-ID").flatMap(ScheduleText.nonEmpty)
            gavel = g
        }
        var recurrenceID: Date?
        if let r = first("RECURRENCE-ID") {
            switch ICalendarTime.parse(r, zone: zone, zones: &zones) {
            case .success(.timed(let w, let z)): recurrenceID = ICalendarTime.instant(w, z)
            case .success(.allDay): return .failure(DiagnosticFailure(file: file, line: r.line, "RECURRENCE-ID must have a time, as DTSTART has"))
            case .failure(let e): return .failure(DiagnosticFailure(file: file, line: r.line, e.message))
            }
        }
        var rule: RecurrenceRule?
        var ruleLine = 0
        if let r = first("RRULE") {
            ruleLine = r.line
            switch RecurrenceRule.parse(r.value.trimmingCharacters(in: .whitespaces), zone: startZone) {
            case .success(let parsed): rule = parsed
            case .failure(let e): remarks.append((r.line, "\(e.message); only the first occurrence imported"))
            }
        }
        var exdates: [Date] = []
        for l in lines where l.name == "EXDATE" {
            for part in l.value.split(separator: ",") {
                var single = l
                single.value = String(part)
                if case .success(.timed(let w, let z)) = ICalendarTime.parse(single, zone: zone, zones: &zones) {
                    exdates.append(ICalendarTime.instant(w, z))
                }
            }
        }
        let uid = text("UID").flatMap(ScheduleText.nonEmpty)
        var event = ScheduledEvent(line: begin, uid: uid, title: title ?? "(untitled)",
                                   start: startDate, length: length,
                                   room: text("LOCATION").flatMap(ScheduleText.title), tracks: tracks,
                                   speakers: speakers, gavel: gavel)
        event.ref = uid.map { "ics:\($0)" }
        event.url = text("URL").flatMap(ScheduleText.nonEmpty)
        let cancelled = first("STATUS").map { ICalendarLine.word($0.value) } == "CANCELLED"
        let names = lines.compactMap { $0.parameters["TZID"] }
        return .success((ReadEvent(event: event, uid: uid, recurrenceID: recurrenceID, sequence: sequence, cancelled: cancelled,
                                   rule: rule, ruleLine: ruleLine, exdates: exdates, startWall: startWall, startZone: startZone,
                                   zoneNames: names), remarks))
    }

    /// UIDs, versions, recurrences, overrides and cancellations put together, in file order.
    static func assemble(_ read: [ReadEvent], file: String, zone: TimeZone, warnings: inout [Diagnostic]) -> [ScheduledEvent] {
        // Versions: same UID, same RECURRENCE-ID, same start (or an override of the same instance).
        struct Key: Hashable { var uid: String; var recurrence: Date?; var start: Date? }
        var chosen: [Key: Int] = [:]
        var order: [Int] = []
        var reusedStarts: [String: [Int]] = [:]
        var versions: [String: Int] = [:]
        var position: [Int: Int] = [:]
        for (i, e) in read.enumerated() {
            guard let uid = e.uid else { order.append(i); continue }
            let key = Key(uid: uid, recurrence: e.recurrenceID, start: e.recurrenceID == nil ? e.event.start : nil)
            if let earlier = chosen[key] {
                let keepNew = e.sequence >= read[earlier].sequence
                versions[uid, default: 0] += 1
                // One line per UID: a file that repeats one event 50,000 times gets one warning, not 50,000.
                if versions[uid] == 1 {
                    warnings.append(Diagnostic(file: file, line: e.line, message:
                        "UID \"\(uid)\" also used at line \(read[earlier].line) for the same start; keeping the \(keepNew ? "event here" : "one at line \(read[earlier].line)") (\(keepNew ? "higher or equal" : "higher") SEQUENCE)", severity: .warning))
                }
                if keepNew, let at = position[earlier] {
                    order[at] = i
                    position[i] = at
                    chosen[key] = i
                }
            } else {
                chosen[key] = i
                position[i] = order.count
                order.append(i)
                if e.recurrenceID == nil { reusedStarts[uid, default: []].append(i) }
            }
        }
        for (uid, n) in versions where n > 1 {
            warnings.append(Diagnostic(file: file, line: nil, message: "UID \"\(uid)\": \(n + 1) versions of one event; the one with the highest SEQUENCE kept", severity: .warning))
        }
        for (uid, indices) in reusedStarts where indices.count > 1 {
            let lines = indices.map { String(read[$0].line) }
            warnings.append(Diagnostic(file: file, line: read[indices[1]].line, message:
                "UID \"\(uid)\" names \(indices.count) events with different starts (lines \(lines.prefix(5).joined(separator: ", "))\(lines.count > 5 ? ", …" : "")) and no RECURRENCE-ID; each is kept as its own event", severity: .warning))
        }
        // Overrides by (UID, instant).
        var overrides: [String: [Date: Int]] = [:]
        for i in order { if let uid = read[i].uid, let rid = read[i].recurrenceID { overrides[uid, default: [:]][rid] = i } }
        let masterUIDs = Set(order.compactMap { read[$0].recurrenceID == nil ? read[$0].uid : nil })
        let plainEnd = order.filter { read[$0].rule == nil }.map { read[$0].event.end }.max()
        var out: [ScheduledEvent] = []
        var usedOverrides = Set<Int>()
        // Recurrences may add at most this many events in all, so a file cannot ask for millions.
        var budget = 100_000
        var warnedBudget = false
        for i in order {
            let e = read[i]
            if e.recurrenceID != nil {
                // Placed with its series below, or alone when the series is not in the file.
                if let uid = e.uid, masterUIDs.contains(uid) { continue }
                if e.cancelled { continue }
                out.append(e.event)
                continue
            }
            if e.cancelled {
                warnings.append(Diagnostic(file: file, line: e.line, message: "event \"\(e.event.title)\" is STATUS:CANCELLED; left out", severity: .warning))
                continue
            }
            guard let rule = e.rule else {
                out.append(e.event)
                continue
            }
            let stepZone = e.startZone
            let resolve: (WallTime) -> Date = { w in ICalendarTime.instant(w, stepZone) }
            var horizon = plainEnd ?? .distantFuture
            if rule.count == nil, rule.untilUTC == nil, rule.untilWall == nil {
                horizon = max(plainEnd ?? e.event.start, e.event.start)
                warnings.append(Diagnostic(file: file, line: e.ruleLine, message:
                    "event \"\(e.event.title)\" repeats without an end; its occurrences up to the schedule's last event (\(LocalTime.format(horizon, zone: zone).prefix(10))) are imported", severity: .warning))
            } else {
                horizon = .distantFuture
            }
            let walls = rule.occurrences(from: e.startWall, horizon: horizon, cap: min(1000, max(1, budget)), resolve: resolve)
            budget -= walls.count
            if budget <= 0, !warnedBudget {
                warnedBudget = true
                warnings.append(Diagnostic(file: file, line: e.ruleLine, message:
                    "event \"\(e.event.title)\": the file's recurrences add more than 100,000 events; occurrences beyond that are left out", severity: .warning))
            }
            let excluded = Set(e.exdates)
            for (n, w) in walls.enumerated() {
                let at = resolve(w)
                if excluded.contains(at) { continue }
                if let uid = e.uid, let o = overrides[uid]?[at] {
                    usedOverrides.insert(o)
                    if read[o].cancelled { continue }
                    var replaced = read[o].event
                    replaced.ref = replaced.ref.map { "\($0)#\(ICalendarWriter.utc(at))" }
                    out.append(replaced)
                    continue
                }
                var instance = e.event
                instance.start = at
                if n > 0 || walls.count > 1 { instance.ref = instance.ref.map { "\($0)#\(ICalendarWriter.utc(at))" } }
                out.append(instance)
            }
        }
        for (_, byInstant) in overrides { for (_, o) in byInstant where !usedOverrides.contains(o) {
            guard let uid = read[o].uid, masterUIDs.contains(uid), !read[o].cancelled else { continue }
            warnings.append(Diagnostic(file: file, line: read[o].line, message:
                "RECURRENCE-ID of \"\(read[o].event.title)\" matches no occurrence of UID \"\(uid)\"; kept as its own event", severity: .warning))
            out.append(read[o].event)
        } }
        return out
    }
}

/// A DTSTART or DTEND value: a wall time (in a zone, or UTC when the zone is nil), or a date
/// without a time (all day).
enum ICalendarTime: Equatable {
    case timed(WallTime, TimeZone?)
    case allDay(String)

    /// The instant of a wall time in `zone` (UTC when nil), as RFC 5545 reads it.
    static func instant(_ w: WallTime, _ zone: TimeZone?) -> Date {
        guard let zone else { return Date(timeIntervalSince1970: TimeInterval(w.naiveSeconds)) }
        return w.resolve(in: zone).date
    }

    /// `20240203T093000`, `2024-02-03T09:30:00`, `20240203T0930` -> fields.
    static func wall(_ text: String) -> WallTime? {
        var digits: [Int] = []
        var sawT = false
        var dateDigits = 0
        for u in text.utf8 {
            switch u {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(Int(u - UInt8(ascii: "0"))); if !sawT { dateDigits += 1 }
            case UInt8(ascii: "T"), UInt8(ascii: "t"): guard !sawT else { return nil }; sawT = true
            case UInt8(ascii: "-"), UInt8(ascii: ":"): continue
            case 0x20: continue
            default: return nil
            }
        }
        guard sawT, dateDigits == 8, digits.count == 14 || digits.count == 12 else { return nil }
        func n(_ a: Int, _ b: Int) -> Int { digits[a..<b].reduce(0) { $0 * 10 + $1 } }
        let w = WallTime(year: n(0, 4), month: n(4, 6), day: n(6, 8), hour: n(8, 10), minute: n(10, 12),
                         second: digits.count == 14 ? n(12, 14) : 0)
        return w.isValid ? w : nil
    }

    /// `20240203T093000Z`, `20240203T093000` with or without `TZID=`, `VALUE=DATE:20240203`;
    /// dashes and colons (`2024-02-03T09:30:00`) are tolerated.
    static func parse(_ line: ICalendarLine, zone: TimeZone, zones: inout ZoneNames) -> Result<ICalendarTime, MessageError> {
        var raw = Substring(line.value)
        while let f = raw.first, f == " " || f == "\t" { raw = raw.dropFirst() }
        while let l = raw.last, l == " " || l == "\t" { raw = raw.dropLast() }
        let shown = "\(line.name) \"\(raw)\""
        let compactDigits = raw.utf8.filter { $0 != UInt8(ascii: "-") }
        if compactDigits.count == 8, compactDigits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .success(.allDay(String(decoding: compactDigits, as: UTF8.self)))
        }
        var body = raw
        var utc = false
        if let last = body.last, last == "Z" || last == "z" { utc = true; body = body.dropLast() }
        guard let w = wall(String(body)) else {
            return .failure(MessageError("\(shown) is not a date-time such as 20240203T093000Z"))
        }
        if utc { return .success(.timed(w, nil)) }
        if let name = line.parameters["TZID"] {
            guard let found = zones.find(name) else {
                return .failure(MessageError("\(line.name): unknown time zone TZID=\(name); use an IANA name such as Europe/Brussels"))
            }
            return .success(.timed(w, found.zone))
        }
        return .success(.timed(w, zone))
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
