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
    /// Each slot's state, while the slot picker is open (it shows them all).
    public var slotStates: [SlotState] = []
    /// The web links, while their overlay is open.
    public var webLinks: WebLinkCodes?

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

/// A slot as the slot picker shows it.
public struct SlotState: Sendable, Equatable {
    public enum Progress: Sendable, Equatable {
        case notStarted
        /// Its clock counts; seconds left as shown.
        case running(left: Int)
        case ended(at: Date, cause: SlotEndCause)
    }
    public var slot: Slot
    public var progress: Progress

    public init(slot: Slot, progress: Progress) {
        self.slot = slot
        self.progress = progress
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
            // The links take the whole screen and fit themselves to it: shown at any size.
            if case .webLinks = frame.state.overlay { Overlays.draw(frame, snapshot, state: &state, into: &buffer) }
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
    static func legend(_ frame: Frame, state: inout ViewState, into buffer: inout Buffer, y: Int) {
        if let message = frame.state.message {
            let style = message.isError ? frame.theme.style(.urgent, bold: true) : frame.theme.style(.accent)
            buffer.write(" " + message.text, x: 0, y: y, style: style)
            return
        }
        if let question = question(frame) {
            buffer.write(" " + question, x: 0, y: y, style: frame.theme.style(.accent, bold: true))
            return
        }
        let listed = KeyTable.legend(in: frame.state.context, frame.keys).map { LegendItem(keys: $0.keys, word: $0.word, rank: $0.rank) }
        let key = LegendKey(items: listed, accent: frame.theme.style(.accent, bold: true), text: frame.theme.style(.text, dim: true))
        RowsMemo.draw(key, rows: y..<(y + 1), in: &buffer, memo: &state.legend) { buffer in
            drawLegend(listed, accent: key.accent, text: key.text, into: &buffer, y: y)
        }
    }

    static func drawLegend(_ listed: [LegendItem], accent: Style, text textStyle: Style, into buffer: inout Buffer, y: Int) {
        var items = listed.map { item in
            let text = "\(item.keys) \(item.word)"
            return (text: text, rank: item.rank, width: TextWidth.of(text) + 2)
        }
        // Too long for the width: leave out the least needed first, keeping the order.
        var width = items.reduce(0) { $0 + $1.width }
        while width > buffer.width - 1, let worst = items.map(\.rank).max(), worst > 0,
              let i = items.lastIndex(where: { $0.rank == worst }) {
            width -= items.remove(at: i).width
        }
        var x = 1
        for item in items.map(\.text) {
            let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
            x += buffer.write(parts[0], x: x, y: y, style: accent)
            if parts.count > 1 { x += buffer.write(" " + parts[1], x: x, y: y, style: textStyle) }
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
        case .confirmCommand(_, .extendSlot(_, let seconds)):
            return "The slot's time ran out. Extend the slot by \(seconds / 60) min? (y/n)"
        case .confirmCommand(_, .rebalance(let plan)):
            return "Rebalance \(plan.changes.count) topic\(plan.changes.count == 1 ? "" : "s") as shown? (y/n; u takes it back)"
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
        let label = ui.composingMessage != nil ? "message> " : (ui.editing != nil ? "edit> " : "note> ")
        let x0 = 1 + buffer.write(label, x: 1, y: y, style: theme.style(.accent, bold: true))
        let room = buffer.width - x0 - 1
        let shown = ui.editor.view(width: room, scroll: &state.noteLineScroll)
        buffer.write(shown.text, x: x0, y: y, style: theme.style(.text))
        if ui.selectedNote == nil, room > 1, x0 + shown.caret < buffer.width { buffer.cursor = (x0 + shown.caret, y) }
    }

    /// Notes of the topic, newest at the bottom, each wrapped to the width with its time into the
    /// topic and its author (muted), the selected one highlighted, in the rows from `top` to
    /// `bottom`. Only the notes that fit are laid out, however many the topic has.
    static func noteList(_ frame: Frame, state: inout ViewState, into buffer: inout Buffer, top: Int, bottom: Int, x: Int) {
        guard bottom >= top else { return }
        let theme = frame.theme
        // Only the notes the drawing can reach are compared (at most a row each, back from the
        // newest and from the selected one), not a topic's thousands.
        let notes = frame.notes
        let rows = bottom - top + 1
        let selectedIndex = frame.state.selectedNote.flatMap { id in notes.firstIndex { $0.id == id } }
        func window(endingAt end: Int) -> [Note] { Array(notes[max(0, end - rows)..<end]) }
        let key = NoteListKey(count: notes.count, newest: window(endingAt: notes.count), selectedIndex: selectedIndex,
                              aroundSelected: selectedIndex.map { window(endingAt: $0 + 1) } ?? [],
                              selected: frame.state.selectedNote, writesNotes: frame.state.role.writesNotes,
                              x: x, glyphs: frame.glyphs,
                              styles: [theme.style(.text), theme.style(.text, dim: true), theme.style(.accent, dim: true),
                                       theme.style(.accent, bold: true), theme.style(.accent, reverse: true)])
        RowsMemo.draw(key, rows: top..<(bottom + 1), in: &buffer, memo: &state.noteList) { buffer in
            drawNoteList(frame, into: &buffer, top: top, bottom: bottom, x: x)
        }
    }

    /// The note list, laid out: what `NoteListKey` names is all it reads of the frame.
    static func drawNoteList(_ frame: Frame, into buffer: inout Buffer, top: Int, bottom: Int, x: Int) {
        let rows = bottom - top + 1
        guard rows > 0 else { return }
        let theme = frame.theme
        if frame.notes.isEmpty {
            buffer.write("no notes yet", x: x, y: top, style: theme.style(.text, dim: true))
            if frame.state.role.writesNotes, rows > 2 {
                // What to type first, from the same guide the notes are read with.
                buffer.write("a note starts with:", x: x, y: top + 1, style: theme.style(.text, dim: true))
                for (i, line) in NoteKind.guideLines.prefix(rows - 2).enumerated() {
                    writeClipped(line, into: &buffer, x: x + 2, y: top + 2 + i, width: buffer.width - x - 3,
                                 style: theme.style(.text, dim: true), glyphs: frame.glyphs)
                }
            }
            return
        }
        let width = buffer.width - x - 1
        guard width > 8 else { return }
        var end = frame.notes.count
        let selectedIndex = frame.state.selectedNote.flatMap { id in frame.notes.firstIndex { $0.id == id } }
        if let selectedIndex { end = min(end, max(selectedIndex + 1, end)) }
        // Lay out from the newest backwards until the rows are full; the selected one must show.
        func layout(endingAt end: Int) -> [(note: Note, lines: [String], head: String)] {
            var out: [(Note, [String], String)] = []
            var used = 0
            var i = end - 1
            while i >= 0, used < rows {
                let note = frame.notes[i]
                let head = ClockText.mmss(note.offset) + " " + authorTag(note.by) + " "
                let lines = noteLines(note, width: width - TextWidth.of(head))
                out.insert((note, lines, head), at: 0)
                used += lines.count
                i -= 1
            }
            return out
        }
        var laid = layout(endingAt: end)
        if let selectedIndex, !laid.contains(where: { $0.note.id == frame.notes[selectedIndex].id }) {
            laid = layout(endingAt: selectedIndex + 1)
        }
        // Bottom-aligned when the notes fill the rows; the oldest shown may lose its first lines.
        var lines: [(text: String, head: String?, note: Note, first: Bool)] = []
        for item in laid {
            for (k, line) in item.lines.enumerated() { lines.append((line, k == 0 ? item.head : nil, item.note, k == 0)) }
        }
        if lines.count > rows { lines.removeFirst(lines.count - rows) }
        for (row, line) in lines.enumerated() {
            let y = top + row
            let note = line.note
            let selected = note.id == frame.state.selectedNote
            let style = selected ? theme.style(.accent, reverse: true) : theme.style(.text)
            if selected { buffer.fill(x: x, y: y, width: width, height: 1, style: style) }
            var col = x
            let indent = TextWidth.of(ClockText.mmss(note.offset) + " " + authorTag(note.by) + " ")
            if line.first, let head = line.head {
                let time = ClockText.mmss(note.offset) + " "
                col += buffer.write(time, x: col, y: y, style: selected ? style : theme.style(.text, dim: true))
                col += buffer.write(String(head.dropFirst(time.count)), x: col, y: y, style: selected ? style : theme.style(.accent, dim: true))
            } else {
                col += indent
            }
            var text = line.text
            if line.first, let tag = tag(note.parsed.kind), text.hasPrefix(tag) {
                col += buffer.write(tag, x: col, y: y, style: selected ? style : theme.style(.accent, bold: true))
                text = String(text.dropFirst(tag.count))
            }
            buffer.write(text, x: col, y: y, style: style, limit: x + width - col)
        }
    }

    /// Who wrote a note, as its list shows it: the name, at most 8 columns.
    static func authorTag(_ by: String) -> String {
        let safe = TerminalText.escaped(by)
        var out = ""
        for ch in safe {
            if TextWidth.of(out) + TextWidth.of(String(ch)) > 8 { break }
            out.append(ch)
        }
        return out.isEmpty ? "?" : out
    }

    static func tag(_ kind: NoteKind) -> String? {
        switch kind {
        case .action: "ACTION "
        case .decision: "DECISION "
        case .question: "QUESTION "
        case .discussion: nil
        }
    }

    /// A note's text (its kind as a tag, the body after it), wrapped to `width` columns at spaces
    /// where it can be, every character escaped.
    static func noteLines(_ note: Note, width: Int) -> [String] {
        let parsed = note.parsed
        let text = (tag(parsed.kind).map { $0 + parsed.body } ?? note.text)
        return wrap(TerminalText.escaped(text), width: max(4, width))
    }

    /// `text` in lines of at most `width` columns, broken after a space where one is near.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var lastSpace: String.Index?
        for ch in text {
            let w = TextWidth.of(String(ch))
            if lineWidth + w > width, !line.isEmpty {
                if let space = lastSpace, line.distance(from: line.startIndex, to: space) > 0 {
                    let head = String(line[..<space])
                    let rest = String(line[line.index(after: space)...])
                    lines.append(head)
                    line = rest
                    lineWidth = TextWidth.of(rest)
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                lastSpace = line.lastIndex(of: " ")
            }
            if ch == " " { lastSpace = line.endIndex }
            line.append(ch)
            lineWidth += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
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
        if let left = snapshot.autoNextIn { return "NEXT IN \(Int(left.rounded(.up))) S" }
        if status.phase == .overtime { return status.clockText + " OVER" + (status.isPaused ? " PAUSED" : "") }
        if status.isPaused { return "PAUSED" }
        if !status.hasStarted, let start = status.topic.start, start > snapshot.now {
            return "AT " + LocalTime.hhmm(start, zone: snapshot.agenda.timeZone)
        }
        return status.phase.words
    }

    /// The countdown and its phase on one line: `04:30 WRAP UP`, `+01:10 OVER PAUSED`.
    static func clockLine(_ status: TopicStatus, snapshot: Snapshot) -> String {
        let words = phaseWords(status, snapshot: snapshot)
        if status.phase == .overtime && !snapshot.hasEnded { return words }
        return [status.clockText, words].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// What comes after the notice of an automatic next topic: `next: AutoNUMA in 7 s`.
    static func autoNextText(_ snapshot: Snapshot) -> String? {
        guard let left = snapshot.autoNextIn else { return nil }
        let next = snapshot.topics.indices.contains(snapshot.current + 1) ? snapshot.topics[snapshot.current + 1].topic.title : "the slot's end"
        return "next: \(next) in \(Int(left.rounded(.up))) s"
    }

    /// The slot at this pace, for the chair: `ends 10:52, 7 min over`; and the day's next slot.
    static func projection(_ snapshot: Snapshot) -> (text: String, over: Bool)? {
        var parts: [String] = []
        var over = false
        let zone = snapshot.agenda.timeZone
        if let end = snapshot.projectedEnd, let by = snapshot.projectedOver {
            // Whole seconds first (Date arithmetic leaves ulps), then whole minutes: any second past
            // the slot's end is a minute over (1 s to 60 s: 1 min over); the spare counts only
            // whole minutes (59 s spare is on time, 5:00 is 5 min to spare).
            let seconds = Int(by.rounded())
            over = seconds > 0
            let minutes = over ? (seconds + 59) / 60 : -seconds / 60
            parts.append("ends " + LocalTime.hhmm(end, zone: zone) + (over ? ", \(minutes) min over" : minutes > 0 ? ", \(minutes) min to spare" : ", on time"))
        }
        if let next = snapshot.nextSlot {
            parts.append("next: " + next.title + (next.start.map { " at " + LocalTime.hhmm($0, zone: zone) } ?? ""))
        }
        return parts.isEmpty ? nil : (parts.joined(separator: " · "), over)
    }

    /// Whether a new message's flash is in its "on" half: its first six seconds, odd ones off.
    static func messageFlashOn(_ snapshot: Snapshot, theme: Theme) -> Bool {
        guard let m = snapshot.message else { return false }
        let age = snapshot.now.timeIntervalSince(m.at)
        return !theme.flash || age >= messageFlashSeconds || Int(age.rounded(.down)) % 2 == 0
    }

    static let messageFlashSeconds: TimeInterval = 6

    static func wallClock(_ snapshot: Snapshot) -> String {
        LocalTime.hhmm(snapshot.now, zone: snapshot.agenda.timeZone)
    }

    /// The slot's time left as shown: whole minutes, then m:ss in its last minute.
    static func slotLeft(_ snapshot: Snapshot) -> String { DurationText.left(max(0, snapshot.slotShown)) }

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
