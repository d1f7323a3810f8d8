import Foundation
import GavelCore

/// Writes a frab/pentabarf schedule XML, the format FOSDEM, the C3VOC tools and schedule apps
/// read: one `<day>` per date, one `<room>` per room, an `<event>` per topic. With `--actual`
/// each event's `<date>`, `<start>` and `<duration>` are what happened (first start to last stop),
/// so a video team's tools cut recordings at the real times; `<planned_date>`,
/// `<planned_duration>` and `<actual>` (every start and stop) say the rest.
public enum FrabWriter {
    public static func xml(_ export: ScheduleExport) -> String {
        let agenda = export.agenda
        let zone = agenda.timeZone
        var shown: [(row: ScheduleExport.Row, start: Date, seconds: Int)] = []
        for row in export.rows { if let s = export.shown(row) { shown.append((row, s.start, s.seconds)) } }
        var days: [String] = []
        var byDay: [String: [(row: ScheduleExport.Row, start: Date, seconds: Int)]] = [:]
        for s in shown {
            let day = ScheduleText.dayString(s.start, zone: zone)
            if byDay[day] == nil { days.append(day) }
            byDay[day, default: []].append(s)
        }
        days.sort()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
        out += "  <generator name=\"gavel\"/>\n"
        out += "  <version>\(export.kind == .actual ? "actual" : "planned")</version>\n"
        out += "  <conference>\n"
        out += "    <title>\(text(agenda.event ?? agenda.title))</title>\n"
        out += "    <acronym>\(text(Slug.make(agenda.event ?? agenda.title)))</acronym>\n"
        if let first = days.first, let last = days.last {
            out += "    <start>\(first)</start>\n    <end>\(last)</end>\n"
        }
        out += "    <days>\(days.count)</days>\n"
        out += "    <time_zone_name>\(text(zone.identifier))</time_zone_name>\n"
        out += "  </conference>\n"
        var eventNumber = 0
        for (index, day) in days.enumerated() {
            let items = (byDay[day] ?? []).sorted { ($0.start, $0.row.slot.id) < ($1.start, $1.row.slot.id) }
            let dayStart = items.map(\.start).min()
            let dayEnd = items.map { $0.start.addingTimeInterval(TimeInterval($0.seconds)) }.max()
            out += "  <day index=\"\(index + 1)\" date=\"\(day)\""
            if let dayStart, let dayEnd {
                out += " start=\"\(ScheduleExport.localTime(dayStart, zone: zone))\" end=\"\(ScheduleExport.localTime(dayEnd, zone: zone))\""
            }
            out += ">\n"
            var rooms: [String] = []
            for i in items where !rooms.contains(i.row.room ?? agenda.title) { rooms.append(i.row.room ?? agenda.title) }
            for room in rooms {
                out += "    <room name=\"\(attribute(room))\">\n"
                for item in items where (item.row.room ?? agenda.title) == room {
                    eventNumber += 1
                    out += event(item.row, start: item.start, seconds: item.seconds, number: eventNumber, room: room, export: export)
                }
                out += "    </room>\n"
            }
            out += "  </day>\n"
        }
        out += "</schedule>\n"
        return out
    }

    static func event(_ row: ScheduleExport.Row, start: Date, seconds: Int, number: Int, room: String, export: ScheduleExport) -> String {
        let zone = export.agenda.timeZone
        let t = row.topic
        let id = t.eventID.flatMap { Int($0) }.map(String.init) ?? String(number)
        var e = "      <event guid=\"\(attribute(export.guid(row)))\" id=\"\(id)\">\n"
        e += "        <date>\(ScheduleExport.localTime(start, zone: zone))</date>\n"
        let w = WallTime(start, zone: zone)
        e += "        <start>\(String(format: "%02d:%02d", w.hour, w.minute))</start>\n"
        e += "        <duration>\(duration(seconds))</duration>\n"
        e += "        <room>\(text(room))</room>\n"
        e += "        <slug>\(text(Slug.make(t.title)))</slug>\n"
        e += "        <title>\(text(t.title))</title>\n"
        e += "        <subtitle/>\n"
        e += "        <track>\(text(row.slot.title))</track>\n"
        e += "        <type>\(t.kind == .lightning ? "lightning_talk" : "talk")</type>\n"
        e += "        <language/>\n        <abstract/>\n        <description/>\n"
        if let url = t.url { e += "        <url>\(text(url))</url>\n" }
        e += "        <persons>\n"
        for (i, s) in t.speakers.enumerated() { e += "          <person id=\"\(i + 1)\">\(text(s))</person>\n" }
        e += "        </persons>\n"
        e += "        <links/>\n        <attachments/>\n"
        if export.kind == .actual, let a = row.actual {
            if let p = row.plannedStart { e += "        <planned_date>\(ScheduleExport.localTime(p, zone: zone))</planned_date>\n" }
            e += "        <planned_duration>\(duration(row.plannedSeconds))</planned_duration>\n"
            e += "        <actual used=\"\(duration(Int(a.usedSeconds.rounded())))\" overrun_seconds=\"\(Int(a.usedSeconds.rounded()) - row.plannedSeconds)\">\n"
            for i in a.intervals {
                e += "          <interval start=\"\(ScheduleExport.localTime(i.start, zone: zone))\" end=\"\(ScheduleExport.localTime(i.end, zone: zone))\"\(i.open ? " running=\"true\"" : "")/>\n"
            }
            e += "        </actual>\n"
        }
        e += "      </event>\n"
        return e
    }

    /// `00:25`, or `00:23:30` when seconds matter.
    static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        return s % 60 == 0 ? String(format: "%02d:%02d", s / 3600, s % 3600 / 60)
                           : String(format: "%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
    }

    /// Element text: what XML cannot hold dropped, markup escaped.
    static func text(_ s: String) -> String {
        var out = ""
        for c in ExportText.clean(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    static func attribute(_ s: String) -> String {
        text(s).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
