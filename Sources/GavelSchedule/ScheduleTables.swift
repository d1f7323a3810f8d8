import Foundation
import GavelCore

/// The JSON and CSV exports of a schedule, planned or actual.
///
/// JSON (`"format": "gavel-schedule"`, `"version": 1`) is documented in the README and stable
/// like the summary's: keys are never renamed or removed within a version. CSV has one row per
/// topic for a spreadsheet; every text cell that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`) is prefixed with `'`.
public enum ScheduleTables {
    public static func json(_ export: ScheduleExport) -> String {
        let a = export.agenda
        let zone = a.timeZone
        var out = "{\n"
        out += "  \"format\": \"gavel-schedule\",\n  \"version\": 1,\n"
        out += "  \"kind\": \(string(export.kind.rawValue)),\n"
        out += "  \"microconference\": { \"title\": \(string(a.title)), \"event\": \(optional(a.event)), \"room\": \(optional(a.room)), \"timeZone\": \(string(zone.identifier)) },\n"
        out += "  \"asOf\": \(export.asOf.map { string(ScheduleExport.localTime($0, zone: zone)) } ?? "null"),\n"
        out += "  \"topics\": ["
        for (i, row) in export.rows.enumerated() {
            let t = row.topic
            out += i == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"slot\": { \"id\": \(string(row.slot.id)), \"title\": \(string(row.slot.title)) },\n"
            out += "      \"id\": \(string(t.id)), \"title\": \(string(t.title)), \"speakers\": [\(t.speakers.map(string).joined(separator: ", "))],\n"
            out += "      \"kind\": \(string(t.kind.rawValue)), \"room\": \(optional(row.room)),\n"
            out += "      \"ref\": \(optional(t.ref)), \"eventId\": \(optional(t.eventID)), \"url\": \(optional(t.url)),\n"
            out += "      \"planned\": { \"start\": \(time(row.plannedStart, zone)), \"startUTC\": \(utc(row.plannedStart)), \"seconds\": \(row.plannedSeconds) },\n"
            if let actual = row.actual, export.kind == .actual {
                let used = Int(actual.usedSeconds.rounded())
                out += "      \"actual\": {\n"
                out += "        \"start\": \(time(actual.start, zone)), \"startUTC\": \(utc(actual.start)),\n"
                out += "        \"end\": \(time(actual.end, zone)), \"endUTC\": \(utc(actual.end)),\n"
                out += "        \"running\": \(actual.intervals.contains { $0.open }), \"finished\": \(time(actual.finished, zone)),\n"
                out += "        \"grantedSeconds\": \(actual.grantedSeconds), \"usedSeconds\": \(used), \"overrunSeconds\": \(used - row.plannedSeconds),\n"
                out += "        \"intervals\": [" + actual.intervals.map {
                    "{ \"start\": \(time($0.start, zone)), \"end\": \(time($0.end, zone)), \"startUTC\": \(utc($0.start)), \"endUTC\": \(utc($0.end)), \"seconds\": \(Int($0.seconds.rounded())) }"
                }.joined(separator: ", ") + "]\n"
                out += "      }\n"
            } else {
                out += "      \"actual\": null\n"
            }
            out += "    }"
        }
        out += export.rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    public static let csvHeader = ["slot", "slot_title", "topic", "title", "speakers", "kind", "room", "ref", "event_id",
                                   "planned_start", "planned_start_utc", "planned_seconds", "granted_seconds",
                                   "actual_start", "actual_start_utc", "actual_end", "actual_end_utc", "used_seconds",
                                   "overrun_seconds", "intervals"]

    public static func csv(_ export: ScheduleExport) -> String {
        let zone = export.agenda.timeZone
        var lines = [csvHeader.joined(separator: ",")]
        for row in export.rows {
            let t = row.topic
            var cells: [String] = [cell(row.slot.id), cell(row.slot.title), cell(t.id), cell(t.title), cell(t.speakers.joined(separator: "; ")),
                                   t.kind.rawValue, cell(row.room ?? ""), cell(t.ref ?? ""), cell(t.eventID ?? ""),
                                   row.plannedStart.map { ScheduleExport.localTime($0, zone: zone) } ?? "",
                                   row.plannedStart.map(ScheduleExport.utcTime) ?? "", String(row.plannedSeconds)]
            if export.kind == .actual, let a = row.actual {
                let used = Int(a.usedSeconds.rounded())
                cells += [String(a.grantedSeconds),
                          a.start.map { ScheduleExport.localTime($0, zone: zone) } ?? "", a.start.map(ScheduleExport.utcTime) ?? "",
                          a.end.map { ScheduleExport.localTime($0, zone: zone) } ?? "", a.end.map(ScheduleExport.utcTime) ?? "",
                          String(used), String(used - row.plannedSeconds),
                          quoted(a.intervals.map { "\(ScheduleExport.localTime($0.start, zone: zone))/\(ScheduleExport.localTime($0.end, zone: zone))" }.joined(separator: " "))]
            } else {
                cells += ["", "", "", "", "", "", "", ""]
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A text cell: cleaned, formula-safe, quoted when it holds a comma, quote or line break.
    static func cell(_ s: String) -> String {
        var c = ExportText.clean(s)
        if let f = c.first, "=+-@".contains(f) { c = "'" + c }
        return quoted(c)
    }

    static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func time(_ d: Date?, _ zone: TimeZone) -> String { d.map { string(ScheduleExport.localTime($0, zone: zone)) } ?? "null" }
    static func utc(_ d: Date?) -> String { d.map { string(ScheduleExport.utcTime($0)) } ?? "null" }
    static func optional(_ s: String?) -> String { s.map(string) ?? "null" }

    /// A JSON string; what a file cannot usefully hold dropped first, then escaped.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in ExportText.clean(s, keepLineBreaks: true).unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
