import GavelCore

/// The speaker's view, for a projector or a second terminal: the countdown as large as fits, the
/// topic, and the phase in words and colour.
enum SpeakerView {
    /// Digits are at most this share of the rows, so the rest of the frame stays readable and a
    /// second's change costs few bytes.
    static func maxDigitRows(height: Int) -> Int { max(7, height * 3 / 10) }

    static func draw(_ frame: Frame, _ snapshot: Snapshot, into buffer: inout Buffer) {
        let theme = frame.theme
        let w = buffer.width, h = buffer.height
        guard let status = snapshot.currentTopic else {
            centered("No topics in this slot.", into: &buffer, y: h / 2, style: theme.style(.text))
            return
        }
        // When the slot ends before the topic, the slot's end is the countdown the speaker sees.
        let slotFirst = snapshot.slotEndsFirst
        let role = slotFirst ? Theme.role(of: Session.phase(remaining: snapshot.slotRemainingExact, started: true,
                                                            warn: snapshot.agenda.warn(for: status.topic, in: snapshot.slot))) : Theme.role(of: status.phase)
        if let message = snapshot.message {
            // The chair's message, large and instead of the title: it must be read from the lectern.
            let reverse = Screen.messageFlashOn(snapshot, theme: theme)
            let lines = Screen.wrap(TerminalText.escaped(message.text), width: max(4, w - 4)).prefix(2)
            for (i, line) in lines.enumerated() {
                centered(" " + line + " ", into: &buffer, y: i, style: theme.style(.accent, bold: true, reverse: reverse), glyphs: frame.glyphs)
            }
        } else {
            centered(status.topic.title, into: &buffer, y: 0, style: theme.style(.text, bold: true), glyphs: frame.glyphs)
            centered(status.topic.speakerText, into: &buffer, y: 1, style: theme.style(.text), glyphs: frame.glyphs)
        }
        // The time of day, in a corner.
        let clock = Screen.wallClock(snapshot)
        if w >= 40, snapshot.message == nil { buffer.write(clock, x: w - TextWidth.of(clock) - 1, y: 0, style: theme.style(.text, dim: true)) }

        let text = slotFirst ? snapshot.slotClockText : status.clockText
        let available = h - 6
        let font = BigDigits.fitting(text, columns: w - 4, rows: available, maxHeight: theme.largeDigits ? available : maxDigitRows(height: h))
        let wordsY: Int
        if let font {
            let top = 2 + max(0, (available - font.height) / 2)
            font.draw(text, into: &buffer, x: (w - font.width(of: text)) / 2, y: top, style: theme.style(role), glyphs: frame.glyphs)
            wordsY = top + font.height + 1
        } else {
            wordsY = h / 2
        }
        // The time as plain text (for screen readers) in the text style, then the phase in words
        // in its colour. Ending each second's update on plain text saves an attribute reset.
        let words = slotFirst ? "SLOT ENDS" : (Screen.autoNextText(snapshot) ?? Screen.phaseWords(status, snapshot: snapshot))
        let flash = Screen.flashOn(status, theme: theme)
        let wordStyle = theme.style(role, bold: true, reverse: flash || status.phase == .urgent)
        if status.phase == .overtime || snapshot.hasEnded {
            centered(" " + words + " ", into: &buffer, y: wordsY, style: wordStyle)
        } else {
            let gap = words.isEmpty ? "" : "  "
            let total = TextWidth.of(text) + TextWidth.of(gap) + TextWidth.of(words) + (words.isEmpty ? 0 : 2)
            var x = max(1, (w - total) / 2)
            x += buffer.write(text + gap, x: x, y: wordsY, style: theme.style(.text))
            if !words.isEmpty { buffer.write(" " + words + " ", x: x, y: wordsY, style: wordStyle) }
        }

        let slotText: String
        if snapshot.hasEnded {
            slotText = TerminalText.escaped(snapshot.slot.title) + " \(frame.glyphs.dot) slot ended"
        } else {
            let left = snapshot.slotRemaining
            slotText = TerminalText.escaped(snapshot.slot.title) + " \(frame.glyphs.dot) slot: " + (left >= 0 ? Screen.slotLeft(snapshot) + " left" : "over")
        }
        buffer.write(slotText, x: 1, y: h - 1, style: theme.style(.text, dim: true), limit: w - 10)
        if let message = frame.state.message {
            buffer.write(message.text, x: 1, y: h - 2, style: theme.style(message.isError ? .urgent : .accent), limit: w - 2)
        } else if let question = Screen.question(frame) {
            buffer.write(question, x: 1, y: h - 2, style: theme.style(.accent, bold: true), limit: w - 2)
        }
        buffer.write("? help", x: w - 7, y: h - 1, style: theme.style(.text, dim: true))
    }

    static func centered(_ text: String, into buffer: inout Buffer, y: Int, style: Style, glyphs: Glyphs = .unicode) {
        let safe = TerminalText.escaped(text)
        let width = TextWidth.of(safe)
        if width <= buffer.width - 2 {
            buffer.write(safe, x: (buffer.width - width) / 2, y: y, style: style)
        } else {
            Screen.writeClipped(safe, into: &buffer, x: 1, y: y, width: buffer.width - 2, style: style, glyphs: glyphs)
        }
    }
}
