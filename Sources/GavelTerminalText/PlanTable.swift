import Foundation
import GavelCore

/// The agenda as an aligned table: what `gavel check` prints.
public enum PlanTable {
    /// The table; agenda text is escaped for the terminal (`TerminalText`) before it is aligned.
    public static func render(_ agenda: Agenda) -> String {
        let e = TerminalText.escaped
        var rows: [[String]] = [["SLOT", "START", "TOPIC", "SPEAKERS", "MIN"]]
        var footers: Set<Int> = []
        for slot in agenda.slots {
            let start = slot.start.map { LocalTime.hhmm($0, zone: agenda.timeZone) } ?? "-"
            for (i, topic) in slot.topics.enumerated() {
                let title = topic.kind == .lightning ? "⚡ " + e(topic.title) : e(topic.title)
                rows.append([i == 0 ? slot.id : "", i == 0 ? start : "", title,
                             topic.speakers.isEmpty ? "(not known)" : e(topic.speakers.joined(separator: ", ")),
                             ClockText.minutes(topic.length)])
            }
            let planned = slot.plannedLength
            let balance = slot.length - planned
            let state = balance == 0 ? "full" : balance > 0 ? "\(ClockText.minutes(balance)) min free"
                                                           : "OVERBOOKED by \(ClockText.minutes(-balance)) min"
            rows.append(["", "", "\(e(slot.title)): \(ClockText.minutes(planned)) of \(ClockText.minutes(slot.length)) min, \(state)", "", ""])
            footers.insert(rows.count - 1)
        }
        let widths = (0..<5).map { c in rows.enumerated().map { (r, row) in footers.contains(r) && c == 2 ? 0 : TextWidth.of(row[c]) }.max() ?? 0 }
        var out = ""
        for (r, row) in rows.enumerated() {
            var line = ""
            if footers.contains(r) {
                line = String(repeating: " ", count: widths[0] + widths[1] + 4) + "= " + row[2]
            } else {
                for c in 0..<5 {
                    let cell = row[c]
                    let pad = String(repeating: " ", count: max(0, widths[c] - TextWidth.of(cell)))
                    line += c == 4 ? pad + cell : cell + pad + "  "
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if r == 0 || footers.contains(r) { out += "\n" }
        }
        let topics = agenda.slots.reduce(0) { $0 + $1.topics.count }
        let hours = Double(agenda.totalLength) / 3600
        let hoursText = hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
        out += "\(e(agenda.title))\(agenda.event.map { ", " + e($0) } ?? ""): \(topics) topics in \(agenda.slots.count) slots, \(hoursText) hours (\(ClockText.minutes(agenda.totalLength)) min), \(ClockText.minutes(agenda.slots.reduce(0) { $0 + $1.plannedLength })) min planned\n"
        return out
    }
}
