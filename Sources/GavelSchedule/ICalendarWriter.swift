import Foundation
import GavelCore

/// Writes an agenda as iCalendar (RFC 5545) so attendees can put the track in their calendars.
///
/// Each topic is one VEVENT at its published start, else where the slot's topics laid end to end
/// put it; with `--actual`, at the time it was held. Times are written in UTC (`Z`), which every
/// calendar reads without a VTIMEZONE; `X-WR-TIMEZONE` names the agenda's zone. `X-GAVEL-*`
/// properties carry what iCalendar has no field for (slot ids and lengths, topic ids, kinds,
/// speakers, the defaults), so `gavel import` of the file gives back the same agenda, less the
/// private notes, which no export carries; other calendars ignore them. DTSTAMP is the `stamp`
/// given, so two exports of the same agenda are the same bytes.
public enum ICalendarWriter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case slotWithoutStart(String)
        public var description: String {
            switch self {
            case .slotWithoutStart(let id):
                return "slot \"\(id)\" has no start time, so it cannot go in a calendar; add start = 2012-08-29T09:00:00 to it, or pass --start to lay slots without a start end to end after the previous one"
            }
        }
    }

    /// Gives every slot without a start the end of the slot before it (the first one `start`).
    public static func scheduled(_ agenda: Agenda, firstStart: Date?) -> Result<Agenda, Failure> {
        var out = agenda
        var previousEnd: Date? = firstStart
        for i in out.slots.indices {
            if out.slots[i].start == nil {
                guard let previousEnd else { return .failure(.slotWithoutStart(out.slots[i].id)) }
                out.slots[i].start = previousEnd
            }
            previousEnd = out.slots[i].end
        }
        return .success(out)
    }

    public static func ics(_ agenda: Agenda, stamp: Date) -> Result<String, Failure> {
        if let missing = agenda.slots.first(where: { $0.start == nil }) { return .failure(.slotWithoutStart(missing.id)) }
        return .success(ics(ScheduleExport.planned(agenda, stamp: stamp)))
    }

    /// The calendar of an export: planned, or (`--actual`) as it happened.
    public static func ics(_ export: ScheduleExport) -> String {
        let agenda = export.agenda
        var lines: [String] = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gavel//gavel export//EN", "CALSCALE:GREGORIAN",
                               "METHOD:PUBLISH", "X-WR-CALNAME:\(ICalendarLine.escape(agenda.title))",
                               "X-WR-TIMEZONE:\(agenda.timeZone.identifier)"]
        if let event = agenda.event { lines.append("X-GAVEL-EVENT:\(ICalendarLine.escape(event))") }
        if let room = agenda.room { lines.append("X-GAVEL-ROOM:\(ICalendarLine.escape(room))") }
        let d = agenda.defaults
        lines.append("X-GAVEL-DEFAULTS:topic=\(DurationText.format(d.topic));lightning=\(DurationText.format(d.lightning));warn=\(d.warn.map(DurationText.format).joined(separator: ","))")
        let stampText = utc(export.stamp)
        let uidDomain = Slug.make(agenda.event ?? agenda.title).isEmpty ? "gavel" : Slug.make(agenda.event ?? agenda.title)
        // With --actual a slot holds what its topics used, so the file reads back without overbooking.
        var slotLength: [String: Int] = [:]
        for slot in agenda.slots {
            let shown = export.rows.filter { $0.slot.id == slot.id }.compactMap { export.shown($0) }
            let span = shown.map { Int($0.start.timeIntervalSince(shown[0].start)) + $0.seconds }.max() ?? 0
            slotLength[slot.id] = max(slot.length, span)
        }
        for row in export.rows {
            guard let (start, seconds) = export.shown(row) else { continue }
            let slot = row.slot, topic = row.topic
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(ICalendarLine.escape(slot.id)).\(ICalendarLine.escape(topic.id))@\(uidDomain)")
            if export.kind == .actual { lines.append("SEQUENCE:1") }
            lines.append("DTSTAMP:\(stampText)")
            lines.append("DTSTART:\(utc(start))")
            lines.append("DTEND:\(utc(start.addingTimeInterval(TimeInterval(seconds))))")
            lines.append("SUMMARY:\(ICalendarLine.escape(topic.title))")
            if let room = row.room { lines.append("LOCATION:\(ICalendarLine.escape(room))") }
            lines.append("CATEGORIES:\(ICalendarLine.escape(slot.title))\(topic.kind == .lightning ? ",Lightning talk" : "")")
            if let url = topic.url { lines.append("URL:\(ExportText.clean(url))") }
            // Speakers are no attendees to invite, and no chairs: they go in the text and in X-GAVEL-SPEAKER.
            var description = [topic.speakers.isEmpty ? "Speaker not known" : "Speakers: " + topic.speakers.joined(separator: ", ")]
            description.append("\(slot.title), \(agenda.title)")
            if export.kind == .actual, let a = row.actual {
                description.append(actualText(a, row: row, zone: agenda.timeZone))
            }
            lines.append("DESCRIPTION:\(ICalendarLine.escape(description.joined(separator: "\n")))")
            for speaker in topic.speakers { lines.append("X-GAVEL-SPEAKER:\(ICalendarLine.escape(speaker))") }
            lines.append("X-GAVEL-SLOT:\(ICalendarLine.escape(slot.id))")
            lines.append("X-GAVEL-SLOT-TITLE:\(ICalendarLine.escape(slot.title))")
            lines.append("X-GAVEL-SLOT-LENGTH:\(DurationText.format(slotLength[slot.id] ?? slot.length))")
            if let room = slot.room { lines.append("X-GAVEL-SLOT-ROOM:\(ICalendarLine.escape(room))") }
            lines.append("X-GAVEL-TOPIC:\(ICalendarLine.escape(topic.id))")
            lines.append("X-GAVEL-KIND:\(topic.kind.rawValue)")
            if topic.start != nil || export.kind == .actual { lines.append("X-GAVEL-PUBLISHED:TRUE") }
            if let ref = topic.ref { lines.append("X-GAVEL-REF:\(ICalendarLine.escape(ref))") }
            if let id = topic.eventID { lines.append("X-GAVEL-EVENT-ID:\(ICalendarLine.escape(id))") }
            if export.kind == .actual, let a = row.actual {
                if let p = row.plannedStart { lines.append("X-GAVEL-PLANNED-START:\(utc(p))") }
                lines.append("X-GAVEL-PLANNED-LENGTH:\(DurationText.format(row.plannedSeconds))")
                for i in a.intervals { lines.append("X-GAVEL-INTERVAL:\(utc(i.start))/\(utc(i.end))") }
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarLine.fold).joined()
    }

    static func actualText(_ a: ActualTimes.TopicTiming, row: ScheduleExport.Row, zone: TimeZone) -> String {
        let used = Int(a.usedSeconds.rounded())
        let over = used - row.plannedSeconds
        var text = "Held " + a.intervals.map { "\(LocalTime.format(ScheduleExport.whole($0.start), zone: zone).suffix(8))–\(LocalTime.format(ScheduleExport.whole($0.end), zone: zone).suffix(8))" }.joined(separator: ", ")
        text += " (\(DurationText.format(used)) of \(DurationText.format(row.plannedSeconds)) planned"
        text += over == 0 ? ")" : over > 0 ? ", \(DurationText.format(over)) over)" : ", \(DurationText.format(-over)) under)"
        if let p = row.plannedStart { text += "; planned at \(LocalTime.hhmm(p, zone: zone))" }
        return text
    }

    static func utc(_ date: Date) -> String {
        let zone = TimeZone(identifier: "UTC") ?? .current
        return LocalTime.format(date, zone: zone).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }
}
