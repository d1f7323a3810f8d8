import GavelCore
import GavelTerminalText

/// Spells a summary as plain text for e-mail: headings underlined (`=`, `-`, `~`, then `Title:`),
/// lists with `-`, tables in
/// columns padded by display width. Typed text needs no escaping here: it is already one line
/// without control characters.
public enum PlainTextRenderer {
    public static func render(_ document: SummaryDocument) -> String {
        document.spelled(render)
    }

    static func render(_ block: SummaryDocument.Block) -> String {
        switch block {
        case .heading(let level, let inlines):
            let text = line(inlines)
            switch level {
            case ...1: return text + "\n" + String(repeating: "=", count: max(3, TextWidth.of(text))) + "\n"
            case 2: return text + "\n" + String(repeating: "-", count: max(3, TextWidth.of(text))) + "\n"
            case 3: return text + "\n" + String(repeating: "~", count: max(3, TextWidth.of(text))) + "\n"
            default: return text + ":\n"
            }
        case .paragraph(let inlines):
            return line(inlines) + "\n"
        case .list(let items):
            var out = ""
            for item in items {
                out += "  - "
                for inline in item { append(inline, to: &out) }
                out += "\n"
            }
            return out
        case .table(let header, let right, let rows):
            let cells = [header] + rows.map { $0.map(line) }
            let columns = header.count
            var widths = Array(repeating: 0, count: columns)
            for row in cells {
                for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], TextWidth.of(cell)) }
            }
            var out = ""
            for (r, row) in cells.enumerated() {
                var text = "  "
                for (i, cell) in row.enumerated() where i < columns {
                    let pad = String(repeating: " ", count: widths[i] - TextWidth.of(cell))
                    let isRight = right.indices.contains(i) && right[i]
                    if i > 0 { text += "  " }
                    text += isRight ? pad + cell : cell + (i == columns - 1 ? "" : pad)
                }
                out += text + "\n"
                if r == 0 {
                    out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
                }
            }
            return out
        }
    }

    static func line(_ inlines: [SummaryDocument.Inline]) -> String {
        var out = ""
        for inline in inlines { append(inline, to: &out) }
        return out
    }

    static func append(_ inline: SummaryDocument.Inline, to out: inout String) {
        switch inline {
        case .plain(let text), .typed(let text, _): out += text
        case .emphasis(let inner): for i in inner { append(i, to: &out) }
        }
    }
}
