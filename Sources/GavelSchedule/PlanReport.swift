import Foundation
import GavelCore
import GavelTerminalText

/// The text `gavel plan` prints: the trade-off table, the proposed agenda, the reasons.
public enum PlanReport {
    public static func render(_ plan: Plan, _ s: Submissions) -> String {
        let mins = ClockText.minutes
        let talks = s.entries.filter { $0.kind == .talk }.count
        let lightning = s.entries.count - talks
        var out = "\(s.title)\(s.event.map { ", " + $0 } ?? ""): \(s.entries.count) submissions (\(talks) talks, \(lightning) lightning talks) for \(s.slotStarts.count) slots × \(mins(s.slotLength)) min = \(mins(s.capacity)) min; min_topic \(mins(s.minTopic)) min, lightning \(mins(s.lightning)) min\n\n"
        out += "Trade-offs (time shared evenly):\n"
        var rows: [[String]] = [["CHOICE", "TALKS", "LIGHTNING", "MIN/TALK", ""]]
        for t in plan.tradeOffs {
            let chosen = t.rejected == plan.rejected.count && t.demoted == plan.demoted.count && plan.rejected.allSatisfy({ $0.kind == .talk })
            rows.append([t.label, "\(t.talks)", "\(t.lightning)",
                         t.secondsPerTalk.map { String(format: "%.1f", Double($0) / 60) } ?? "-",
                         (t.fits ? "fits" : "below min_topic") + (chosen ? "  <- plan" : "")])
        }
        out += table(rows, rightAligned: [1, 2, 3])
        out += "\nProposed agenda:\n\n"
        if plan.agenda.slots.isEmpty {
            out += "nothing fits: no slot can hold a talk of min_topic\n"
        } else {
            out += PlanTable.render(plan.agenda)
        }
        out += "\nWhy:\n"
        for r in plan.reasons { out += "- \(r)\n" }
        if !plan.rejected.isEmpty {
            out += "\nRejected: " + plan.rejected.map { "\"\($0.title)\"" }.joined(separator: ", ") + "\n"
        }
        if !plan.demoted.isEmpty {
            out += (plan.rejected.isEmpty ? "\n" : "") + "Demoted to lightning talks: " + plan.demoted.map { "\"\($0.title)\"" }.joined(separator: ", ") + "\n"
        }
        out += plan.conflicts.isEmpty ? (s.busy.isEmpty ? "" : "\nConflicts: none\n")
            : "\nConflicts it could not avoid: \(plan.conflicts.count) (see above)\n"
        return out
    }

    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? TextWidth.of($0[c]) : 0 }.max() ?? 0 }
        var out = ""
        for row in rows {
            var line = ""
            for (c, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[c] - TextWidth.of(cell)))
                line += (rightAligned.contains(c) ? pad + cell : cell + pad) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
