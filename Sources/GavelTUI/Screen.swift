import Foundation
import GavelCore

/// Everything one frame is drawn from.
public struct Frame: Sendable {
    public var snapshot: Snapshot?
    /// Live notes of the current topic, oldest first.
    public var notes: [Note]
    public var state: UIState
    public var theme: Theme
    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    /// The key table's view of this instant: what the legend may offer.
    public var keys: KeyState

    public init(snapshot: Snapshot?, notes: [Note], state: UIState, theme: Theme, width: Int, height: Int,
                glyphs: Glyphs = .unicode, keys: KeyState) {
        self.snapshot = snapshot
        self.notes = notes
        self.state = state
        self.theme = theme
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.keys = keys
    }
}

/// Draws a frame: the view, then any overlay, as a function of its input and the view state it
/// keeps between frames.
public enum Screen {
    /// The smallest size each view is drawn whole in; below it a compact form shows the time.
    public static func minimumSize(_ view: ViewKind) -> (width: Int, height: Int) {
        switch view {
        case .chair: (56, 16)
        case .speaker: (24, 9)
        case .notes: (30, 6)
        }
    }

    public static func render(_ frame: Frame, state: inout ViewState) -> Buffer {
        var buffer = Buffer(width: frame.width, height: frame.height, style: frame.theme.baseStyle)
        guard let snapshot = frame.snapshot else {
            buffer.write("This agenda has no slots.", x: 1, y: 0, style: frame.theme.style(.text))
            return buffer
        }
        let need = minimumSize(frame.state.view)
        if frame.width < need.width || frame.height < need.height {
            CompactView.draw(frame, snapshot, state: &state, into: &buffer)
        } else {
            switch frame.state.view {
            case .chair: ChairView.draw(frame, snapshot, state: &state, into: &buffer)
            case .speaker: SpeakerView.draw(frame, snapshot, into: &buffer)
            case .notes: NotesView.draw(frame, snapshot, state: &state, into: &buffer)
            }
            Overlays.draw(frame, snapshot, state: &state, into: &buffer)
        }
        if !frame.glyphs.isUnicode { buffer.keepASCII() }
        return buffer
    }

    // MARK: - Pieces the views share

    /// The legend bar: what the keys of the current context do now, from the key table, leaving
    /// out the least needed first when the bar is too narrow.
    static func legend(_ frame: Frame, into buffer: inout Buffer, y: Int) {
        if let message = frame.state.message {
            let style = message.isError ? frame.theme.style(.urgent, bold: true) : frame.theme.style(.accent)
            buffer.write(" " + message.text, x: 0, y: y, style: style)
            return
        }
        if let question = question(frame) {
            buffer.write(" " + question, x: 0, y: y, style: frame.theme.style(.accent, bold: true))
            return
        }
        var items = KeyTable.legend(in: frame.state.context, frame.keys).map { (text: "\($0.keys) \($0.word)", rank: $0.rank) }
        // Too long for the width: leave out the least needed first, keeping the order.
        func width(_ list: [(text: String, rank: Int)]) -> Int { list.reduce(0) { $0 + TextWidth.of($1.text) + 2 } }
        while width(items) > buffer.width - 1, let worst = items.map(\.rank).max(), worst > 0,
              let i = items.lastIndex(where: { $0.rank == worst }) {
            items.remove(at: i)
        }
        var x = 1
        for item in items.map(\.text) {
            let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
            x += buffer.write(parts[0], x: x, y: y, style: frame.theme.style(.accent, bold: true))
            if parts.count > 1 { x += buffer.write(" " + parts[1], x: x, y: y, style: frame.theme.style(.text, dim: true)) }
            x += 2
        }
    }

    static func question(_ frame: Frame) -> String? {
        switch frame.state.overlay {
        case .confirmQuit: return "A topic is running. Quit? (y/n)"
        case .confirmEndSlot:
            return "End the slot \"\(frame.snapshot.map { TerminalText.escaped($0.slot.title) } ?? "")\" now? (y/n)"
        case .confirmCommand(_, .endRunningSlot(let slotID)):
            let title = frame.snapshot?.agenda.slot(id: slotID)?.title ?? slotID
            return "\(TerminalText.escaped(title)) is still running. End it first? (y/n)"
        default: return nil
        }
    }

    /// The note line: `note> text` with the caret, or a hint when it has no focus.
    static func noteLine(_ frame: Frame, state: inout ViewState, into buffer: inout Buffer, y: Int) {
        let ui = frame.state
        let theme = frame.theme
        guard ui.typingNote else {
            guard ui.role.writesNotes else { return }
            if ui.view == .chair, !ui.editor.isEmpty {
                // A draft waits in the line (restored after a restart, or left with Esc).
                let x = 1 + buffer.write("Tab: continue the note: ", x: 1, y: y, style: theme.style(.text, dim: true))
                writeClipped(ui.editor.text, into: &buffer, x: x, y: y, width: buffer.width - x - 1,
                             style: theme.style(.text), glyphs: frame.glyphs)
            } else {
                let hint = ui.view == .notes ? "press a command key, or Tab to type again" : "Tab: type a note"
                buffer.write(hint, x: 1, y: y, style: theme.style(.text, dim: true))
            }
            return
        }
        let label = ui.editing != nil ? "edit> " : "note> "
        let x0 = 1 + buffer.write(label, x: 1, y: y, style: theme.style(.accent, bold: true))
        let room = buffer.width - x0 - 1
        let shown = ui.editor.view(width: room, scroll: &state.noteLineScroll)
        buffer.write(shown.text, x: x0, y: y, style: theme.style(.text))
        if ui.selectedNote == nil, room > 1, x0 + shown.caret < buffer.width { buffer.cursor = (x0 + shown.caret, y) }
    }

    /// Notes of the topic, newest at the bottom, the selected one highlighted, in the rows from
    /// `top` to `bottom`.
    static func noteList(_ frame: Frame, snapshot: Snapshot, into buffer: inout Buffer, top: Int, bottom: Int, x: Int) {
        let rows = bottom - top + 1
        guard rows > 0 else { return }
        let theme = frame.theme
        if frame.notes.isEmpty {
            buffer.write("no notes yet", x: x, y: top, style: theme.style(.text, dim: true))
            return
        }
        var end = frame.notes.count
        if let selected = frame.state.selectedNote, let i = frame.notes.firstIndex(where: { $0.id == selected }) {
            end = max(min(frame.notes.count, i + 1), min(frame.notes.count, rows))
            end = max(end, i + 1)
        }
        let start = max(0, end - rows)
        for (row, note) in frame.notes[start..<end].enumerated() {
            let y = top + row
            let selected = note.id == frame.state.selectedNote
            let parsed = note.parsed
            let offset = ClockText.mmss(note.offset)
            let style = selected ? theme.style(.accent, reverse: true) : theme.style(.text)
            if selected { buffer.fill(x: x, y: y, width: buffer.width - x - 1, height: 1, style: style) }
            var col = x
            col += buffer.write(offset + " ", x: col, y: y, style: selected ? style : theme.style(.text, dim: true))
            let tag: String? = switch parsed.kind {
            case .action: "ACTION"
            case .decision: "DECISION"
            case .question: "QUESTION"
            case .discussion: nil
            }
            if let tag { col += buffer.write(tag + " ", x: col, y: y, style: selected ? style : theme.style(.accent, bold: true)) }
            let body = tag == nil ? note.text : parsed.body
            writeClipped(body, into: &buffer, x: col, y: y, width: buffer.width - col - 1, style: style, glyphs: frame.glyphs)
        }
    }

    /// Writes `text` in at most `width` columns, ending with an ellipsis when cut.
    static func writeClipped(_ text: String, into buffer: inout Buffer, x: Int, y: Int, width: Int, style: Style,
                             glyphs: Glyphs = .unicode) {
        guard width > 0 else { return }
        let safe = TerminalText.escaped(text)
        if TextWidth.of(safe) <= width {
            buffer.write(safe, x: x, y: y, style: style, limit: width)
        } else {
            let used = buffer.write(safe, x: x, y: y, style: style, limit: width - 1)
            buffer.write(glyphs.ellipsis, x: x + used, y: y, style: style)
        }
    }

    /// The phase in words, as every view shows it: a stopped clock says PAUSED in any phase.
    static func phaseWords(_ status: TopicStatus, snapshot: Snapshot) -> String {
        if snapshot.hasEnded { return "SLOT ENDED" }
        if status.phase == .overtime { return status.clockText + " OVER" + (status.isPaused ? " PAUSED" : "") }
        if status.isPaused { return "PAUSED" }
        return status.phase.words
    }

    /// The countdown and its phase on one line: `04:30 WRAP UP`, `+01:10 OVER PAUSED`.
    static func clockLine(_ status: TopicStatus, snapshot: Snapshot) -> String {
        let words = phaseWords(status, snapshot: snapshot)
        if status.phase == .overtime && !snapshot.hasEnded { return words }
        return [status.clockText, words].filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func wallClock(_ snapshot: Snapshot) -> String {
        LocalTime.hhmm(snapshot.now, zone: snapshot.agenda.timeZone)
    }

    /// The slot's time left as shown: whole minutes, then m:ss in its last minute.
    static func slotLeft(_ snapshot: Snapshot) -> String {
        let shown = max(0, snapshot.slotShown)
        if shown > 60 { return "\(shown / 60) min" }
        return "\(shown / 60):" + (shown % 60 < 10 ? "0" : "") + "\(shown % 60)"
    }

    /// Whether overtime's flash is in its "on" half now: odd seconds past zero, when the theme flashes.
    static func flashOn(_ status: TopicStatus, theme: Theme) -> Bool {
        theme.flash && status.phase == .overtime && status.isRunning && status.overtime % 2 == 1
    }
}

extension Theme {
    /// The style for text in a role, with the theme's boldness.
    public func style(_ role: ColorRole, bold: Bool = false, reverse: Bool = false, dim: Bool = false) -> Style {
        Style(role, on: .background, bold: bold || self.bold, reverse: reverse, dim: dim && !self.bold)
    }

    public var baseStyle: Style { Style(.text, on: .background) }
}
