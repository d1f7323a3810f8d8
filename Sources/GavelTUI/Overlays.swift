import GavelCore

/// What is drawn over a view: the help, and the lists to pick a slot or a topic from.
enum Overlays {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, into buffer: inout Buffer) {
        switch frame.state.overlay {
        case .help: help(frame, into: &buffer)
        case .slotPicker(let index):
            let rows = snapshot.agenda.slots.map { slot in
                TerminalText.escaped(slot.title) + "  (" + DurationText.format(slot.length) + ")"
            }
            list(title: "Open which slot?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .topicPicker(_, let index):
            let rows = snapshot.agenda.allTopics.map { TerminalText.escaped($0.slot.title) + " › " + TerminalText.escaped($0.topic.title) }
            list(title: "Move the note to which topic?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .confirmQuit, .confirmEndSlot, nil:
            break
        }
    }

    /// A box with a border in the middle of the screen; returns its inner rectangle.
    static func box(title: String, width: Int, height: Int, frame: Frame, into buffer: inout Buffer) -> (x: Int, y: Int, w: Int, h: Int) {
        let theme = frame.theme
        var bw = min(buffer.width, width + 4)
        let bh = min(buffer.height, height + 2)
        // Nearly as wide as the screen: take all of it, so no stray column shows beside the border.
        if bw >= buffer.width - 2 { bw = buffer.width }
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
        // Each binding once, under the first context that has it.
        var rows: [(String, String)] = []
        var shown: Set<String> = []
        for context in contexts {
            let heading: String = switch context {
            case .chair, .speaker: "Keys"
            case .notesCommand: "After Esc"
            case .noteLine: "In the note line"
            case .selectedNote: "On a selected note"
            default: ""
            }
            let fresh = KeyTable.bindings(in: context, readOnly: frame.state.readOnly).filter { shown.insert($0.label + "\t" + $0.help).inserted }
            guard !fresh.isEmpty else { continue }
            rows.append(("", heading))
            for b in fresh { rows.append((b.label, b.help)) }
        }
        rows.append(("", "Editing: arrows Home End Ctrl-W Ctrl-U"))
        rows.append(("", "Any key closes this help."))
        let labelWidth = rows.map { TextWidth.of($0.0) }.max() ?? 0
        let rowWidth = rows.map { $0.0.isEmpty ? TextWidth.of($0.1) : labelWidth + 3 + TextWidth.of($0.1) }.max() ?? 40
        // Two columns when one does not fit the height.
        let columns = rows.count > buffer.height - 2 && buffer.width >= 60 ? 2 : 1
        let perColumn = (rows.count + columns - 1) / columns
        let columnWidth = columns == 1 ? min(buffer.width - 4, rowWidth) : (buffer.width - 6) / 2
        let inner = box(title: "Help", width: columns * columnWidth + (columns - 1) * 2,
                        height: min(buffer.height - 2, perColumn), frame: frame, into: &buffer)
        for (i, row) in rows.enumerated() {
            let column = i / perColumn, line = i % perColumn
            guard line < inner.h else { continue }
            let x = inner.x + column * (columnWidth + 2), y = inner.y + line
            if row.0.isEmpty {
                let isHeading = !row.1.hasPrefix("Editing") && !row.1.hasPrefix("Any")
                buffer.write(row.1, x: x, y: y, style: frame.theme.style(.accent, bold: isHeading), limit: columnWidth)
            } else {
                buffer.write(row.0, x: x + 1, y: y, style: frame.theme.style(.text, bold: true), limit: columnWidth - 1)
                Screen.writeClipped(row.1, into: &buffer, x: x + labelWidth + 3, y: y, width: columnWidth - labelWidth - 3,
                                    style: frame.theme.style(.text))
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
