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

    public init(snapshot: Snapshot?, notes: [Note], state: UIState, theme: Theme, width: Int, height: Int) {
        self.snapshot = snapshot
        self.notes = notes
        self.state = state
        self.theme = theme
        self.width = width
        self.height = height
    }
}

/// Draws a frame: the view, then any overlay, as a pure function of its input.
public enum Screen {
    /// The smallest size each view can be drawn in.
    public static func minimumSize(_ view: ViewKind) -> (width: Int, height: Int) {
        switch view {
        case .chair: (56, 16)
        case .speaker: (24, 9)
        case .notes: (30, 6)
        }
    }

    public static func render(_ frame: Frame) -> Buffer {
        var buffer = Buffer(width: frame.width, height: frame.height, style: frame.theme.baseStyle)
        let need = minimumSize(frame.state.view)
        if frame.width < need.width || frame.height < need.height {
            drawTooSmall(into: &buffer, need: need, theme: frame.theme)
            return buffer
        }
        guard let snapshot = frame.snapshot else {
            buffer.write("This agenda has no slots.", x: 1, y: 0, style: frame.theme.style(.text))
            return buffer
        }
        switch frame.state.view {
        case .chair: ChairView.draw(frame, snapshot, into: &buffer)
        case .speaker: SpeakerView.draw(frame, snapshot, into: &buffer)
        case .notes: NotesView.draw(frame, snapshot, into: &buffer)
        }
        Overlays.draw(frame, snapshot, into: &buffer)
        return buffer
    }

    static func drawTooSmall(into buffer: inout Buffer, need: (width: Int, height: Int), theme: Theme) {
        let words = ["terminal", "too small", "(need \(need.width)x\(need.height))"]
        // One line when it fits, else a word group a line.
        let one = "terminal too small (need \(need.width)x\(need.height))"
        let lines = TextWidth.of(one) <= buffer.width ? [one] : words
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - TextWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + i, style: theme.style(.text))
        }
    }

    // MARK: - Pieces the views share

    /// The legend bar: the keys of the current context, dropping middle items to fit, keeping `? help`.
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
        var context = frame.state.context
        if context == .notesCommand, !frame.state.commandPending, !frame.state.readOnly { context = .noteLine }
        var items = KeyTable.bindings(in: context, readOnly: frame.state.readOnly).filter { $0.inLegend && !(context == .chair && $0.command == .selectEarlier) }
            .map { (text: "\($0.keys.first?.description ?? "") \(legendWord($0, frame))", rank: legendRank($0.command)) }
        if [.chair, .speaker, .notesCommand].contains(context), !frame.state.readOnly {
            items.insert(("+/- time", 2), at: min(3, items.count))
        }
        if context == .noteLine || context == .selectedNote {
            items.append(("Esc,? help", 0))
        }
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

    /// The legend's word for a binding; space says what it will do now.
    static func legendWord(_ binding: KeyBinding, _ frame: Frame) -> String {
        guard binding.command == .toggle, let status = frame.snapshot?.currentTopic else { return binding.short }
        if status.isRunning { return "pause" }
        return status.hasStarted && !status.isFinished ? "resume" : "start"
    }

    /// Which legend items go first when the bar is too narrow (higher goes first).
    static func legendRank(_ command: UserCommand) -> Int {
        switch command {
        case .toggle, .quit, .help, .saveNote, .leaveNotes, .yes, .no, .choose, .cancel: 0
        case .next, .focusNotes, .editNote, .deleteNote, .moveNote, .deselect: 1
        case .nextView, .selectEarlier, .undo, .listUp, .listDown: 2
        case .endSlot, .previous: 3
        default: 4
        }
    }

    static func question(_ frame: Frame) -> String? {
        switch frame.state.overlay {
        case .confirmQuit: "A topic is running. Quit? (y/n)"
        case .confirmEndSlot:
            "End the slot \"\(frame.snapshot.map { TerminalText.escaped($0.slot.title) } ?? "")\" now? (y/n)"
        default: nil
        }
    }

    /// The note line: `note> text` with the caret, or a hint when it has no focus.
    static func noteLine(_ frame: Frame, into buffer: inout Buffer, y: Int) {
        var state = frame.state
        let theme = frame.theme
        let label = state.editing != nil ? "edit> " : "note> "
        guard state.typingNote else {
            let hint: String
            switch frame.state.view {
            case .notes where frame.state.readOnly: hint = ""
            case .notes: hint = "(press a command key, or Esc to type again)"
            default: hint = frame.state.readOnly ? "" : "Tab: type a note"
            }
            if !frame.state.readOnly, frame.state.view == .chair, !frame.state.editor.isEmpty {
                // A draft waits in the line (restored after a restart, or left with Esc).
                let x = 1 + buffer.write("Tab: continue the note: ", x: 1, y: y, style: theme.style(.text, dim: true))
                writeClipped(frame.state.editor.text, into: &buffer, x: x, y: y, width: buffer.width - x - 1, style: theme.style(.text))
                return
            }
            buffer.write(hint, x: 1, y: y, style: theme.style(.text, dim: true))
            return
        }
        let x0 = 1 + buffer.write(label, x: 1, y: y, style: theme.style(.accent, bold: true))
        let room = buffer.width - x0 - 1
        let shown = state.editor.view(width: room)
        buffer.write(shown.text, x: x0, y: y, style: theme.style(.text))
        if state.selectedNote == nil { buffer.cursor = (x0 + shown.caret, y) }
    }

    /// Notes of the topic, newest at the bottom, the selected one highlighted, in `rows` rows
    /// ending at `bottom`.
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
            writeClipped(body, into: &buffer, x: col, y: y, width: buffer.width - col - 1, style: style)
        }
    }

    /// Writes `text` in at most `width` columns, ending with `…` when cut.
    static func writeClipped(_ text: String, into buffer: inout Buffer, x: Int, y: Int, width: Int, style: Style) {
        guard width > 0 else { return }
        let safe = TerminalText.escaped(text)
        if TextWidth.of(safe) <= width {
            buffer.write(safe, x: x, y: y, style: style, limit: width)
        } else {
            let used = buffer.write(safe, x: x, y: y, style: style, limit: width - 1)
            buffer.write("…", x: x + used, y: y, style: style)
        }
    }

    /// The phase in words, as the speaker view and chair console show it.
    static func phaseWords(_ status: TopicStatus, snapshot: Snapshot) -> String {
        if snapshot.hasEnded { return "SLOT ENDED" }
        if status.phase == .overtime { return status.clockText + " OVER" }
        if status.hasStarted && !status.isRunning && !status.isFinished { return "PAUSED" }
        return status.phase.words
    }

    static func wallClock(_ snapshot: Snapshot) -> String {
        LocalTime.hhmm(snapshot.now, zone: snapshot.agenda.timeZone)
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
