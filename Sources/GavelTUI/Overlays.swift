import GavelCore

/// What is drawn over a view: the help, and the lists to pick a slot or a topic from.
enum Overlays {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, into buffer: inout Buffer) {
        switch frame.state.overlay {
        case .help: help(frame, into: &buffer)
        case .slotPicker(let index):
            let rows = snapshot.agenda.slots.map { slot in
                SafeText.escaped(slot.title) + "  (" + DurationText.format(slot.length) + ")"
            }
            list(title: "Open which slot?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .topicPicker(_, let index):
            let rows = snapshot.agenda.allTopics.map { SafeText.escaped($0.slot.title) + " › " + SafeText.escaped($0.topic.title) }
            list(title: "Move the note to which topic?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .confirmQuit, .confirmEndSlot, nil:
            break
        }
    }

    /// A box with a border in the middle of the screen; returns its inner rectangle.
    static func box(title: String, width: Int, height: Int, frame: Frame, into buffer: inout Buffer) -> (x: Int, y: Int, w: Int, h: Int) {
        let theme = frame.theme
        let bw = min(buffer.width, width + 4), bh = min(buffer.height, height + 2)
        let x = (buffer.width - bw) / 2, y = (buffer.height - bh) / 2
        let style = theme.style(.text)
        buffer.fill(x: x, y: y, width: bw, height: bh, style: style)
        let border = theme.style(.accent)
        buffer.write("┌" + String(repeating: "─", count: max(0, bw - 2)) + "┐", x: x, y: y, style: border)
        buffer.write("└" + String(repeating: "─", count: max(0, bw - 2)) + "┘", x: x, y: y + bh - 1, style: border)
        for row in (y + 1)..<max(y + 1, y + bh - 1) {
            buffer.write("│", x: x, y: row, style: border)
            buffer.write("│", x: x + bw - 1, y: row, style: border)
        }
        buffer.write(" " + title + " ", x: x + 2, y: y, style: theme.style(.accent, bold: true), limit: bw - 4)
        return (x + 2, y + 1, bw - 4, bh - 2)
    }

    static func help(_ frame: Frame, into buffer: inout Buffer) {
        var contexts: [KeyContext]
        switch frame.state.view {
        case .chair: contexts = [.chair, .noteLine, .selectedNote]
        case .speaker: contexts = [.speaker]
        case .notes: contexts = [.noteLine, .selectedNote, .notesCommand]
        }
        if frame.state.readOnly { contexts = [frame.state.view == .speaker ? .speaker : .notesCommand] }
        var rows: [(String, String)] = []
        for context in contexts {
            let heading: String = switch context {
            case .chair: "Keys"
            case .speaker: "Keys"
            case .notesCommand: "After Esc"
            case .noteLine: "In the note line"
            case .selectedNote: "On a selected note"
            default: ""
            }
            rows.append(("", heading))
            for b in KeyTable.bindings(in: context, readOnly: frame.state.readOnly) { rows.append((b.label, b.help)) }
        }
        rows.append(("", ""))
        rows.append(("", "Line editing: Left/Right Home/End Backspace Delete Ctrl-W Ctrl-U"))
        rows.append(("", "Any key closes this help."))
        let labelWidth = rows.map { TextWidth.of($0.0) }.max() ?? 0
        let width = min(buffer.width - 4, max(40, rows.map { labelWidth + 2 + TextWidth.of($0.1) }.max() ?? 40))
        let inner = box(title: "Help", width: width, height: min(buffer.height - 2, rows.count), frame: frame, into: &buffer)
        for (i, row) in rows.prefix(inner.h).enumerated() {
            let y = inner.y + i
            if row.0.isEmpty {
                buffer.write(row.1, x: inner.x, y: y, style: frame.theme.style(.accent, bold: !row.1.isEmpty && !row.1.hasPrefix("Line") && !row.1.hasPrefix("Any")), limit: inner.w)
            } else {
                buffer.write(row.0, x: inner.x + 1, y: y, style: frame.theme.style(.text, bold: true), limit: inner.w)
                buffer.write(row.1, x: inner.x + labelWidth + 3, y: y, style: frame.theme.style(.text), limit: inner.w - labelWidth - 3)
            }
        }
    }

    static func list(title: String, rows: [String], selected: Int, frame: Frame, into buffer: inout Buffer) {
        let width = min(buffer.width - 4, max(TextWidth.of(title) + 4, (rows.map { TextWidth.of($0) }.max() ?? 0) + 4))
        let inner = box(title: title, width: width, height: min(buffer.height - 4, rows.count), frame: frame, into: &buffer)
        guard inner.h > 0 else { return }
        let first = max(0, min(selected - inner.h / 2, rows.count - inner.h))
        for (i, row) in rows.enumerated().dropFirst(first).prefix(inner.h) {
            let y = inner.y + i - first
            let isSelected = i == selected
            let style = isSelected ? frame.theme.style(.accent, reverse: true) : frame.theme.style(.text)
            if isSelected { buffer.fill(x: inner.x, y: y, width: inner.w, height: 1, style: style) }
            Screen.writeClipped((isSelected ? "› " : "  ") + row, into: &buffer, x: inner.x, y: y, width: inner.w, style: style)
        }
    }
}
