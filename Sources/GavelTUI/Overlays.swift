import GavelCore

/// What is drawn over a view: the help, and the lists to pick a slot or a topic from.
enum Overlays {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, state: inout ViewState, into buffer: inout Buffer) {
        switch frame.state.overlay {
        case .help(let page): help(frame, page: page, state: &state, into: &buffer)
        case .slotPicker(let index):
            let zone = snapshot.agenda.timeZone
            let rows = frame.slotStates.map { state -> String in
                let slot = state.slot
                let what: String = switch state.progress {
                case .notStarted: slot.start.map { "not started, at " + LocalTime.hhmm($0, zone: zone) } ?? "not started"
                case .running(let left): "\(frame.glyphs.running) running, " + DurationText.left(left) + " left"
                case .ended(let at, _): "\(frame.glyphs.done) ended \(LocalTime.hhmm(at, zone: zone))"
                }
                return TerminalText.escaped(slot.title) + "  (" + DurationText.format(slot.length) + ")  " + what
            }
            list(title: "Open which slot?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .topicPicker(_, let index):
            let rows = snapshot.agenda.allTopics.map {
                TerminalText.escaped($0.slot.title) + " \(frame.glyphs.arrow) " + TerminalText.escaped($0.topic.title)
            }
            list(title: "Move the note to which topic?", rows: rows, selected: index, frame: frame, into: &buffer)
        case .messagePicker(let index):
            let rows = snapshot.agenda.defaults.messages.map { "\u{201C}" + TerminalText.escaped($0) + "\u{201D}" }
                + ["type a message" + frame.glyphs.ellipsis, "clear the message" + (snapshot.message == nil ? " (none shown)" : "")]
            list(title: "Show the speaker", rows: rows.map { frame.glyphs.isUnicode ? $0 : $0.replacingOccurrences(of: "\u{201C}", with: "\"")
                .replacingOccurrences(of: "\u{201D}", with: "\"") }, selected: index, frame: frame, into: &buffer)
        case .confirmCommand(_, .rebalance(let plan)):
            let rows = plan.changes.map { c in
                TerminalText.escaped(c.title) + "  " + DurationText.readable(c.before) + " " + frame.glyphs.arrow + " " + DurationText.readable(c.after)
            } + (plan.stillOver > 0 ? ["still " + DurationText.readable(plan.stillOver) + " over at the minimum length"] : [])
            list(title: "Rebalance the topics to come? (y/n)", rows: rows, selected: -1, frame: frame, into: &buffer)
        case .webLinks(let index):
            if let links = frame.webLinks, links.codes.indices.contains(index) { webLink(links, index: index, frame: frame, into: &buffer) }
        case .confirmQuit, .confirmEndSlot, .confirmCommand, nil:
            break
        }
    }

    /// One role's link over the whole screen: its URL, then its QR code when the terminal has
    /// room for it (else the URL alone, and how much room the code needs).
    static func webLink(_ links: WebLinkCodes, index: Int, frame: Frame, into buffer: inout Buffer) {
        let code = links.codes[index]
        let unicode = frame.glyphs.isUnicode
        let footprint = QRCodeView.footprint(size: code.size, unicode: unicode)
        buffer.fill(x: 0, y: 0, width: frame.width, height: frame.height, style: frame.theme.style(.text))
        let more = index + 1 < links.codes.count ? "space: the \(links.codes[index + 1].role) link; " : ""
        var lines = ["\(code.role) link (\(index + 1)/\(links.codes.count)): \(code.url)"]
        if !links.serverRunning { lines.append("no server runs now: gavel serve, or gavel run --serve 8470") }
        lines.append(more + "any key closes")
        let fits = footprint.width <= frame.width && footprint.height + lines.count <= frame.height
        if !fits {
            lines.insert("the QR code needs \(footprint.width)x\(footprint.height + lines.count); gavel links prints it", at: 1)
        }
        let top = fits ? max(0, (frame.height - footprint.height - lines.count) / 2) : 0
        for (i, line) in lines.enumerated() {
            let w = TextWidth.of(line)
            buffer.write(line, x: max(0, (frame.width - w) / 2), y: top + i,
                         style: i == 0 ? frame.theme.style(.accent, bold: true) : frame.theme.style(.text, dim: true))
        }
        if fits {
            QRCodeView.draw(size: code.size, isDark: code.isDark, into: &buffer,
                            x: (frame.width - footprint.width) / 2, y: top + lines.count, unicode: unicode)
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
        buffer.fill(x: x, y: y, width: bw, height: bh, style: theme.style(.text))
        let border = theme.style(.accent)
        let (tl, hz, tr) = frame.glyphs.boxTop, (bl, _, br) = frame.glyphs.boxBottom
        buffer.write(tl + String(repeating: hz, count: max(0, bw - 2)) + tr, x: x, y: y, style: border)
        buffer.write(bl + String(repeating: hz, count: max(0, bw - 2)) + br, x: x, y: y + bh - 1, style: border)
        for row in (y + 1)..<max(y + 1, y + bh - 1) {
            buffer.write(frame.glyphs.boxSide, x: x, y: row, style: border)
            buffer.write(frame.glyphs.boxSide, x: x + bw - 1, y: row, style: border)
        }
        buffer.write(" " + title + " ", x: x + 2, y: y, style: theme.style(.accent, bold: true), limit: bw - 4)
        return (x + 2, y + 1, bw - 4, bh - 2)
    }

    /// A row of the help: a key and what it does, or a heading (no key).
    struct HelpRow: Equatable {
        var keys: String
        var text: String
        var isHeading: Bool { keys.isEmpty }
    }

    /// Every key this view has, from the key table, under the context that has it first.
    static func helpRows(role: Role) -> [HelpRow] {
        let contexts: [(KeyContext, String)] = switch role {
        case .chair: [(.keys, "Keys"), (.noteLine, "In the note line"), (.selectedNote, "On a selected note")]
        case .notes: [(.noteLine, "In the note line"), (.selectedNote, "On a selected note")]
        default: [(.watch, "Keys")]
        }
        var rows: [HelpRow] = []
        var shown: Set<String> = []
        for (context, heading) in contexts {
            let fresh = KeyTable.bindings(in: context, role: role).filter { shown.insert($0.label + "\t" + $0.help).inserted }
            guard !fresh.isEmpty else { continue }
            rows.append(HelpRow(keys: "", text: heading))
            for b in fresh { rows.append(HelpRow(keys: b.label, text: b.help)) }
        }
        if role.writesNotes {
            rows.append(HelpRow(keys: "", text: "A note starts with"))
            for kind in NoteKind.guide where !kind.prefixes.isEmpty {
                rows.append(HelpRow(keys: kind.prefixText, text: kind.description))
            }
        }
        return rows
    }

    static func help(_ frame: Frame, page: Int, state: inout ViewState, into buffer: inout Buffer) {
        let rows = helpRows(role: frame.state.role)
        // Each section lines its texts up after its own widest key.
        var labelWidths: [Int] = []
        var current = 0
        for row in rows.reversed() {
            if row.isHeading { labelWidths.append(current); current = 0 } else { current = max(current, TextWidth.of(row.keys)) }
        }
        labelWidths.reverse()
        var section = -1
        let widths: [Int] = rows.map { row in
            if row.isHeading { section += 1; return 0 }
            return labelWidths[max(0, section)]
        }
        let rowWidth = zip(rows, widths).map { row, label in row.isHeading ? TextWidth.of(row.text) : label + 2 + TextWidth.of(row.text) }.max() ?? 40
        // As many columns of the widest row as the screen holds (at most two), then pages.
        let usable = buffer.width - 4
        let columns = usable >= rowWidth * 2 + 2 ? 2 : 1
        let columnWidth = columns == 2 ? (usable - 2) / 2 : min(usable, rowWidth)
        let perColumn = max(1, buffer.height - 3)
        let perPage = perColumn * columns
        let pages = max(1, (rows.count + perPage - 1) / perPage)
        state.helpPages = pages
        let page = min(page, pages - 1)
        let pageRows = Array(zip(rows, widths).dropFirst(page * perPage).prefix(perPage))
        let height = min(perColumn, pageRows.count)
        let title = pages == 1 ? "Help (any key closes)"
            : page + 1 < pages ? "Help \(page + 1)/\(pages) (space: more)" : "Help \(page + 1)/\(pages) (any key closes)"
        let inner = box(title: title, width: columns * columnWidth + (columns - 1) * 2, height: height, frame: frame, into: &buffer)
        for (i, (row, labelWidth)) in pageRows.enumerated() {
            let column = i / perColumn, line = i % perColumn
            guard line < inner.h else { continue }
            let x = inner.x + column * (columnWidth + 2), y = inner.y + line
            if row.isHeading {
                buffer.write(row.text, x: x, y: y, style: frame.theme.style(.accent, bold: true), limit: columnWidth)
            } else {
                buffer.write(row.keys, x: x, y: y, style: frame.theme.style(.text, bold: true), limit: columnWidth)
                Screen.writeClipped(row.text, into: &buffer, x: x + labelWidth + 2, y: y, width: columnWidth - labelWidth - 2,
                                    style: frame.theme.style(.text), glyphs: frame.glyphs)
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
            Screen.writeClipped((isSelected ? frame.glyphs.arrow + " " : "  ") + row, into: &buffer, x: inner.x, y: y,
                                width: inner.w, style: style, glyphs: frame.glyphs)
        }
    }
}
