import GavelCore

/// The chair console: the slot's agenda, the current topic's countdown, the slot's time, the
/// latest notes and the note line, and the keys.
enum ChairView {
    static func draw(_ frame: Frame, _ snapshot: Snapshot, state: inout ViewState, into buffer: inout Buffer) {
        let theme = frame.theme
        let w = buffer.width, h = buffer.height
        header(frame, snapshot, into: &buffer)
        buffer.repeating(Character(frame.glyphs.rule), count: w, x: 0, y: 1, style: theme.style(.text, dim: true))

        // The agenda: as many topics as fit in a third of the screen, keeping the current one in view.
        let maxRows = max(2, min(snapshot.topics.count, (h - 12) / 2))
        let first = max(0, min(snapshot.current - maxRows / 2, snapshot.topics.count - maxRows))
        var y = 2
        for i in first..<min(snapshot.topics.count, first + maxRows) {
            agendaLine(frame, snapshot, index: i, into: &buffer, y: y)
            y += 1
        }
        y += 1

        // The current topic's countdown, large, with its title, speakers and phase beside it.
        if let status = snapshot.currentTopic {
            let text = status.clockText
            // 7 rows from 80x24 up, smaller on small terminals, a little larger on tall ones.
            let digitsRows = max(5, min(9, (h - 10) / 2))
            let font = BigDigits.fitting(text, columns: w / 2, rows: digitsRows) ?? BigDigits(height: 5)
            let role = Theme.role(of: status.phase)
            font.draw(text, into: &buffer, x: 2, y: y, style: theme.style(role, bold: true), glyphs: frame.glyphs)
            let tx = 2 + font.width(of: text) + 3
            let tw = w - tx - 1
            var ty = y
            Screen.writeClipped(status.topic.title, into: &buffer, x: tx, y: ty, width: tw, style: theme.style(.text, bold: true), glyphs: frame.glyphs)
            ty += 1
            Screen.writeClipped(status.topic.speakerText, into: &buffer, x: tx, y: ty, width: tw, style: theme.style(.text), glyphs: frame.glyphs)
            ty += 1
            let words = Screen.autoNextText(snapshot).map { $0 + ", space holds" } ?? Screen.phaseWords(status, snapshot: snapshot)
            if !words.isEmpty {
                let flash = Screen.flashOn(status, theme: theme)
                buffer.write(words, x: tx, y: ty, style: theme.style(role, bold: true, reverse: flash))
            }
            ty += 1
            if snapshot.slotEndsFirst {
                // The slot's end comes before the topic's: the speaker sees it; so does the chair.
                buffer.write("slot ends in " + snapshot.slotClockText, x: tx, y: ty, style: theme.style(.urgent, bold: true))
            } else {
                let planned = "planned " + DurationText.readable(status.planned) + (status.topic.kind == .lightning ? " (lightning)" : "")
                buffer.write(planned, x: tx, y: ty, style: theme.style(.text, dim: true))
            }
            if let note = status.topic.note, ty + 1 < y + font.height {
                // The owner's own reminder ("bring the HDMI adapter"): the chair's eyes only.
                Screen.writeClipped("note: " + note, into: &buffer, x: tx, y: ty + 1, width: tw, style: theme.style(.accent),
                                    glyphs: frame.glyphs)
            }
            y += font.height + 1
        }

        slotLine(frame, snapshot, into: &buffer, y: y)
        // Under it: what the speaker is shown, and the slot at this pace with the day's next slot.
        var x = 1
        if let message = snapshot.message {
            x += buffer.write("speaker sees: ", x: x, y: y + 1, style: theme.style(.text, dim: true))
            x += buffer.write("\u{201C}" + TerminalText.escaped(message.text) + "\u{201D}", x: x, y: y + 1,
                              style: theme.style(.accent, bold: true), limit: w / 2)
            x += 2
        }
        if let projection = Screen.projection(snapshot), x < w - 10 {
            Screen.writeClipped(projection.text, into: &buffer, x: x, y: y + 1, width: w - x - 1,
                                style: projection.over ? theme.style(.warn, bold: true) : theme.style(.text, dim: true), glyphs: frame.glyphs)
        }
        y += 2

        // Notes fill the rest, above the note line and the legend.
        let noteLineY = h - 2
        if y < noteLineY {
            let title = snapshot.currentTopic.map { "Notes \(frame.glyphs.dot) " + TerminalText.escaped($0.topic.title) } ?? "Notes"
            Screen.writeClipped(title, into: &buffer, x: 1, y: y, width: w - 2, style: theme.style(.accent, bold: true), glyphs: frame.glyphs)
            Screen.noteList(frame, state: &state, into: &buffer, top: y + 1, bottom: noteLineY - 1, x: 2)
        }
        Screen.noteLine(frame, state: &state, into: &buffer, y: noteLineY)
        Screen.legend(frame, state: &state, into: &buffer, y: h - 1)
    }

    static func header(_ frame: Frame, _ snapshot: Snapshot, into buffer: inout Buffer) {
        let theme = frame.theme
        let clock = Screen.wallClock(snapshot)
        let right = clock + " "
        let rightWidth = TextWidth.of(right)
        let slotCount = snapshot.agenda.slots.count
        let title = "\(snapshot.agenda.title) \(frame.glyphs.dot) \(snapshot.slot.title) (slot \(snapshot.slotIndex + 1)/\(slotCount))"
        Screen.writeClipped(title, into: &buffer, x: 1, y: 0, width: buffer.width - rightWidth - 3, style: theme.style(.accent, bold: true),
                            glyphs: frame.glyphs)
        buffer.write(right, x: buffer.width - rightWidth, y: 0, style: theme.style(.text, bold: true))
    }

    static func agendaLine(_ frame: Frame, _ snapshot: Snapshot, index: Int, into buffer: inout Buffer, y: Int) {
        let theme = frame.theme
        let status = snapshot.topics[index]
        let isCurrent = index == snapshot.current
        let marker: String
        let right: String
        var style = theme.style(.text)
        let holding = snapshot.holding(ofTopicAt: index)
        if status.isFinished && !(isCurrent && !snapshot.hasEnded) || (holding == .notHeld && !isCurrent) {
            if holding == .held {
                marker = frame.glyphs.done
                right = DurationText.used(status.usedSeconds, of: status.planned)
            } else {
                // Passed over without starting: the summary says "not held" too (TopicHolding).
                marker = " "
                right = TopicHolding.notHeld.words
            }
            style = theme.style(.text, dim: true)
        } else if isCurrent {
            marker = status.isRunning ? frame.glyphs.running : (status.hasStarted ? frame.glyphs.paused : frame.glyphs.next)
            let words = status.phase == .overtime ? "OVER" : Screen.phaseWords(status, snapshot: snapshot)
            right = status.clockText + (words.isEmpty ? "" : " " + words)
            style = theme.style(Theme.role(of: status.phase), bold: true)
        } else {
            marker = " "
            // A published start shows: the changeover before it is visible.
            right = (status.topic.start.map { "at " + LocalTime.hhmm($0, zone: snapshot.agenda.timeZone) + "  " } ?? "")
                + DurationText.readable(status.planned)
        }
        let rightWidth = 22
        buffer.write(marker, x: 1, y: y, style: style)
        Screen.writeClipped(status.topic.title, into: &buffer, x: 3, y: y, width: buffer.width - 3 - rightWidth - 2,
                            style: isCurrent ? style : theme.style(.text, dim: style.dim), glyphs: frame.glyphs)
        buffer.write(right, x: buffer.width - rightWidth - 1, y: y, style: style)
    }

    /// The slot's remaining time with a bar, and the fair share of what is left when behind.
    static func slotLine(_ frame: Frame, _ snapshot: Snapshot, into buffer: inout Buffer, y: Int) {
        let theme = frame.theme
        let length = max(1, snapshot.slotLength)
        var x = 1
        x += buffer.write("Slot ", x: x, y: y, style: theme.style(.text, bold: true))
        if let ended = snapshot.ended {
            let why = switch ended.cause {
            case .chair: "ended by the chair"
            case .lastTopic: "ended after its last topic"
            case .timeUp: "time ran out"
            }
            buffer.write("\(why) at \(LocalTime.hhmm(ended.at, zone: snapshot.agenda.timeZone))", x: x, y: y, style: theme.style(.accent))
            return
        }
        let left = snapshot.slotRemaining
        let barWidth = max(10, min(30, buffer.width / 4))
        let usedFraction = min(1, max(0, 1 - Double(snapshot.slotShown) / Double(length)))
        let filled = Int((usedFraction * Double(barWidth)).rounded())
        let role: ColorRole = snapshot.isBehind ? .warn : .ok
        x += buffer.repeating(Character(frame.glyphs.barFull), count: filled, x: x, y: y, style: theme.style(role))
        x += buffer.repeating(Character(frame.glyphs.barEmpty), count: barWidth - filled, x: x, y: y, style: theme.style(.text, dim: true))
        // Whole minutes until the last minute, then seconds: the shown time and all judged on it
        // change together (see `Snapshot.slotShown`).
        let remainingText = left >= 0 ? DurationText.remaining(snapshot.slotShown, of: length) : "over"
        x += buffer.write("  " + remainingText, x: x, y: y, style: theme.style(snapshot.slotShown <= 60 ? .urgent : .text,
                                                                              bold: snapshot.slotShown <= 60))
        if let share = snapshot.fairShare {
            buffer.write("  behind: \(share / 60) min per topic left", x: x, y: y, style: theme.style(.warn, bold: true))
        }
    }
}
