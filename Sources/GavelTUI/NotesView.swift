import GavelCore

/// The note-taker's view: the current topic's notes with their time into the topic, and the note
/// line, which always has the focus.
enum NotesView {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, state: inout ViewState, into buffer: inout Buffer) {
        let theme = frame.theme
        let w = buffer.width, h = buffer.height
        if let status = snapshot.currentTopic {
            let right = " " + Screen.clockLine(status, snapshot: snapshot) + " "
            let rw = TextWidth.of(right)
            Screen.writeClipped(status.topic.title, into: &buffer, x: 1, y: 0, width: w - rw - 3, style: theme.style(.accent, bold: true),
                                glyphs: frame.glyphs)
            buffer.write(right, x: w - rw, y: 0, style: theme.style(Theme.role(of: status.phase), bold: true))
            Screen.writeClipped(TerminalText.escaped(snapshot.slot.title) + " \(frame.glyphs.dot) " + TerminalText.escaped(status.topic.speakerText),
                                into: &buffer, x: 1, y: 1, width: w - 2, style: theme.style(.text, dim: true), glyphs: frame.glyphs)
        }
        Screen.noteList(frame, state: &state, into: &buffer, top: 3, bottom: h - 3, x: 1)
        Screen.noteLine(frame, state: &state, into: &buffer, y: h - 2)
        Screen.legend(frame, state: &state, into: &buffer, y: h - 1)
    }
}
