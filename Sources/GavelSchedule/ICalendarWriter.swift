import Foundation
import GavelCore

/// Writes an agenda as iCalendar (RFC 5545) so attendees can put the track in their calendars.
///
/// Each topic is one VEVENT at its planned time: topics of a slot follow one another from the
/// slot's start. Times are written in UTC (`Z`), which every calendar reads without a VTIMEZONE;
/// `X-WR-TIMEZONE` names the agenda's zone. `X-GAVEL-*` properties carry what iCalendar has no
/// field for (slot ids and lengths, topic ids, kinds, notes, the defaults), so `gavel import`
/// of the file gives back the same agenda; other calendars ignore them.
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
        var lines: [String] = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gavel//gavel export//EN", "CALSCALE:GREGORIAN",
                               "METHOD:PUBLISH", "X-WR-CALNAME:\(ICalendarLine.escape(agenda.title))",
                               "X-WR-TIMEZONE:\(agenda.timeZone.identifier)"]
        if let event = agenda.event { lines.append("X-GAVEL-EVENT:\(ICalendarLine.escape(event))") }
        if let room = agenda.room { lines.append("X-GAVEL-ROOM:\(ICalendarLine.escape(room))") }
        let d = agenda.defaults
        lines.append("X-GAVEL-DEFAULTS:topic=\(DurationText.format(d.topic));lightning=\(DurationText.format(d.lightning));warn=\(d.warn.map(DurationText.format).joined(separator: ","))")
        let stampText = utc(stamp)
        let uidDomain = Slug.make(agenda.event ?? agenda.title).isEmpty ? "gavel" : Slug.make(agenda.event ?? agenda.title)
        for slot in agenda.slots {
            guard var at = slot.start else { return .failure(.slotWithoutStart(slot.id)) }
            for topic in slot.topics {
                let end = at.addingTimeInterval(TimeInterval(topic.length))
                lines.append("BEGIN:VEVENT")
                lines.append("UID:\(slot.id).\(topic.id)@\(uidDomain)")
                lines.append("DTSTAMP:\(stampText)")
                lines.append("DTSTART:\(utc(at))")
                lines.append("DTEND:\(utc(end))")
                lines.append("SUMMARY:\(ICalendarLine.escape(topic.title))")
                if let room = slot.room ?? agenda.room { lines.append("LOCATION:\(ICalendarLine.escape(room))") }
                lines.append("CATEGORIES:\(ICalendarLine.escape(slot.title))\(topic.kind == .lightning ? ",Lightning talk" : "")")
                for speaker in topic.speakers {
                    lines.append("ATTENDEE;ROLE=CHAIR;CN=\(parameterValue(speaker)):urn:x-gavel:speaker:\(Slug.make(speaker).isEmpty ? "unknown" : Slug.make(speaker))")
                }
                var description = [topic.speakers.isEmpty ? "Speaker not known" : "Speakers: " + topic.speakers.joined(separator: ", ")]
                description.append("\(slot.title), \(agenda.title)")
                if let note = topic.note { description.append(note) }
                lines.append("DESCRIPTION:\(ICalendarLine.escape(description.joined(separator: "\n")))")
                lines.append("X-GAVEL-SLOT:\(ICalendarLine.escape(slot.id))")
                lines.append("X-GAVEL-SLOT-TITLE:\(ICalendarLine.escape(slot.title))")
                lines.append("X-GAVEL-SLOT-LENGTH:\(DurationText.format(slot.length))")
                if let room = slot.room { lines.append("X-GAVEL-SLOT-ROOM:\(ICalendarLine.escape(room))") }
                lines.append("X-GAVEL-TOPIC:\(ICalendarLine.escape(topic.id))")
                lines.append("X-GAVEL-KIND:\(topic.kind.rawValue)")
                if let note = topic.note { lines.append("X-GAVEL-NOTE:\(ICalendarLine.escape(note))") }
                lines.append("END:VEVENT")
                at = end
            }
        }
        lines.append("END:VCALENDAR")
        return .success(lines.map(ICalendarLine.fold).joined())
    }

    static func utc(_ date: Date) -> String {
        let zone = TimeZone(identifier: "UTC") ?? .current
        return LocalTime.format(date, zone: zone).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// A parameter value: quoted, since names hold spaces; `"` cannot appear in one and becomes `'`.
    static func parameterValue(_ text: String) -> String {
        "\"" + ScheduleText.clean(text).replacingOccurrences(of: "\"", with: "'") + "\""
    }
}
