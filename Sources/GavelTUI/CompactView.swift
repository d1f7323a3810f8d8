import GavelCore

/// Any view in a terminal smaller than its full layout (a corner of a screen, a phone over ssh,
/// down to 10x1): the time and the phase on one line first, in the phase's colour, then the
/// topic and the slot as rows allow; the note line and the keys keep the bottom where they fit.
enum CompactView {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, state: inout ViewState, into buffer: inout Buffer) {
        let theme = frame.theme
        let h = buffer.height
        guard let status = snapshot.currentTopic else {
            buffer.write("no topics", x: 0, y: 0, style: theme.style(.text))
            return
        }
        var bottom = h
        if frame.state.role != .speaker, h >= 3 {
            bottom -= 1
            Screen.legend(frame, state: &state, into: &buffer, y: bottom)
        }
        if frame.state.typingNote, h >= 4 {
            bottom -= 1
            Screen.noteLine(frame, state: &state, into: &buffer, y: bottom)
        }
        let role = Theme.role(of: status.phase)
        let clock = Screen.clockLine(status, snapshot: snapshot)
        var rows: [(text: String, style: Style)] = [(clock, theme.style(role, bold: true, reverse: status.phase == .urgent))]
        if let message = snapshot.message { rows.append((message.text, theme.style(.accent, bold: true, reverse: true))) }
        rows.append((status.topic.title, theme.style(.text, bold: true)))
        let slot = snapshot.hasEnded ? "slot ended" : "slot: " + Screen.slotLeft(snapshot) + " left"
        rows.append((slot, theme.style(.text, dim: true)))
        rows.append((status.topic.speakerText, theme.style(.text)))
        let shown = rows.prefix(max(1, bottom))
        // The speaker's screen centres what it shows; the others read from the top.
        let top = frame.state.view == .speaker ? max(0, (bottom - shown.count) / 2) : 0
        for (i, row) in shown.enumerated() {
            let safe = TerminalText.escaped(row.text)
            let width = TextWidth.of(safe)
            let x = frame.state.view == .speaker && width < buffer.width ? (buffer.width - width) / 2 : 0
            Screen.writeClipped(safe, into: &buffer, x: x, y: top + i, width: buffer.width - x, style: row.style, glyphs: frame.glyphs)
        }
    }
}
