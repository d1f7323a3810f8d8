import Foundation
import GavelTestSupport
import GavelCore
import Testing
@testable import GavelTUI

/// Every view at 80x24 and 120x40 in every phase, read as text.
@Suite struct ViewSnapshotTests {
    /// Moves the example's first topic (20 minutes, warn at 5 and 2) into `phase`.
    static func fixture(_ phase: String, view: ViewKind) throws -> Fixture {
        // Driven from the chair console's keys, then shown in `view`.
        let f = try Fixture(view: .chair)
        defer { f.model.state.view = view }
        switch phase {
        case "ready":
            break
        case "running":
            f.press(.char(" "))
            f.clock.advance(61)
            f.model.live.record(noteText: "会議 ✓ first note, with a wide title", at: f)
            f.clock.advance(30)
            f.model.live.record(noteText: "action: @alice send the patch \u{1b}]2;pwned\u{07}", at: f)
            f.clock.advance(28.5)
        case "warn":
            f.press(.char(" "))
            f.clock.advance(15 * 60 + 30)
        case "urgent":
            f.press(.char(" "))
            f.clock.advance(18 * 60 + 5)
        case "overtime":
            f.press(.char(" "))
            f.clock.advance(20 * 60 + 192)
        case "paused":
            f.press(.char(" "))
            f.clock.advance(100)
            f.press(.char(" "))
            f.clock.advance(50)
        case "ended":
            f.press(.char(" "))
            f.clock.advance(600)
            f.press(.char("E"), .char("y"))
            f.clock.advance(60)
        default:
            Issue.record("unknown phase \(phase)")
        }
        return f
    }

    static let phases = ["ready", "running", "warn", "urgent", "overtime", "paused", "ended"]

    @Test(arguments: ViewKind.allCases)
    func everyPhaseAtBothSizes(view: ViewKind) throws {
        for phase in Self.phases {
            let f = try Self.fixture(phase, view: view)
            for (w, h) in [(80, 24), (120, 40)] {
                let buffer = f.render(width: w, height: h)
                SnapshotFile.check(SnapshotFile.colored(buffer), named: "\(view.rawValue)-\(phase)-\(w)x\(h)")
                #expect(!buffer.text.contains("\u{1b}"), "no raw escape reaches the frame")
            }
        }
    }

    @Test func speakerDigitsAreAtLeastSevenRowsAt80x24() throws {
        let f = try Self.fixture("running", view: .speaker)
        let rows = f.render().lines.filter { $0.contains("█") }.count
        #expect(rows >= 7)
        let big = try Self.fixture("running", view: .speaker).render(width: 120, height: 40).lines.filter { $0.contains("█") }.count
        #expect(big > rows, "larger terminals get larger digits")
        let projector = try Self.fixture("running", view: .speaker)
        projector.model.state.message = nil
        for _ in 0..<2 where projector.model.theme.name != "projector" { projector.press(.char("t")) }
        #expect(projector.model.theme.name == "projector")
        let tall = projector.render().lines.filter { $0.contains("█") }.count
        #expect(tall > rows, "the projector theme's digits fill the height")
    }

    @Test func phaseInWords() throws {
        #expect(try Self.fixture("warn", view: .speaker).render().text.contains("WRAP UP"))
        #expect(try Self.fixture("urgent", view: .speaker).render().text.contains("TIME"))
        #expect(try Self.fixture("overtime", view: .speaker).render().text.contains("+03:12 OVER"))
    }

    @Test func chairShowsTheCountdownAsPlainText() throws {
        let f = try Self.fixture("running", view: .chair)
        let text = f.render().text
        #expect(text.contains("18:01"))
        #expect(text.contains("AMD's new interrupt-virtualization hardware"))
        #expect(text.contains("01:01 tester 会議 ✓ first note"))
        #expect(text.contains("^[]2;pwned^G"), "control characters are shown escaped")
    }

    /// The chair's controls over time as the screens show them (issue 12): a message, TIME held at
    /// zero, the notice before the next topic starts by itself, the projected end.
    @Test func steeringScreens() throws {
        // A message: on the speaker's screen instead of the title; the chair sees it too.
        let f = try Fixture(view: .chair)
        f.press(.char(" "))
        f.clock.advance(16 * 60)
        f.press(.char("m"), .down, .down, .enter)   // "please wrap up"
        f.clock.advance(10)
        SnapshotFile.check(SnapshotFile.colored(f.render()), named: "chair-message-80x24")
        #expect(f.render().text.contains("speaker sees: \u{201C}please wrap up\u{201D}"))
        #expect(f.render().text.contains("ends 10:40, 5 min to spare"), "\(f.render().text)")
        f.model.state.view = .speaker
        let speaker = f.render()
        SnapshotFile.check(SnapshotFile.colored(speaker), named: "speaker-message-80x24")
        #expect(speaker.lines[0].contains("please wrap up"))
        #expect(!speaker.text.contains("AMD's new"), "instead of the title")

        // at_zero: stop holds 00:00 and says TIME; next shows its notice.
        var agenda = try Fixture.agenda()
        agenda.slots[0].topics[0].atZero = .stop
        agenda.slots[0].topics[1].atZero = .next
        let z = try Fixture(view: .speaker, agenda: agenda)
        z.model.state = UIState(view: .speaker, role: .chair)
        z.press(.char(" "))
        z.clock.advance(20 * 60 + 42)
        SnapshotFile.check(SnapshotFile.colored(z.render()), named: "speaker-held-at-zero-80x24")
        #expect(z.render().text.contains("00:00") && z.render().text.contains("TIME"))
        #expect(!z.render().text.contains("OVER"))
        z.press(.char("n"))
        z.clock.advance(20 * 60 + 3)
        z.model.state.view = .chair
        SnapshotFile.check(SnapshotFile.colored(z.render()), named: "chair-auto-next-80x24")
        #expect(z.render().text.contains("next: the slot's end in 7 s, space holds") || z.render().text.contains("in 7 s"))
        z.model.state.view = .speaker
        #expect(z.render().text.contains("in 7 s"))
    }

    /// Below a view's full size the time and phase stay on screen, on one line, down to 10x1.
    @Test func smallTerminalsStillShowTheTime() throws {
        for view in ViewKind.allCases {
            let f = try Self.fixture("warn", view: view)
            for (w, h) in [(20, 6), (23, 8), (10, 1), (12, 3)] {
                let buffer = f.render(width: w, height: h)
                #expect(buffer.lines.contains { $0.contains("04:30") }, "\(view) at \(w)x\(h):\n\(buffer.text)")
                if w >= 13 { #expect(buffer.lines.contains { $0.contains("04:30 WRAP UP") }, "\(view) at \(w)x\(h)") }
                // In the phase's colour.
                let row = try #require(buffer.lines.firstIndex { $0.contains("04:30") })
                let x = try #require(buffer.lines[row].range(of: "04:30")).lowerBound.utf16Offset(in: buffer.lines[row])
                #expect(buffer[x, row].style.foreground == .warn)
            }
            SnapshotFile.check(SnapshotFile.colored(f.render(width: 20, height: 6)), named: "\(view.rawValue)-warn-20x6")
            // Any size at all draws without trapping.
            for (w, h) in [(1, 1), (0, 0), (9, 1), (300, 100)] { _ = f.render(width: w, height: h) }
        }
    }

    /// Without UTF-8 (LANG unset, over ssh) the speaker's digits are reverse-video spaces, at
    /// least 7 rows tall at 80x24, and nothing on screen is beyond ASCII.
    @Test func theSpeakerViewWithoutUTF8() throws {
        let f = try Fixture(view: .chair, glyphs: .ascii)
        f.press(.char(" "))
        f.clock.advance(15 * 60 + 30)
        f.model.state.view = .speaker
        let buffer = f.render()
        let digitRows = (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].style.reverse && buffer[$0, y].character == " " } }
        #expect(digitRows.count >= 7, "\(digitRows.count) rows of digits")
        #expect(buffer.cells.allSatisfy { $0.character.isASCII }, "\(buffer.text)")
        #expect(buffer.text.contains("WRAP UP"))
        SnapshotFile.check(SnapshotFile.colored(buffer), named: "speaker-warn-ascii-80x24")
    }

    /// A clock stopped in overtime says so: the speaker sees PAUSED, not a count that seems to run.
    @Test func pausedShowsInEveryPhase() throws {
        for (advance, phase) in [(60.0, "running"), (16 * 60.0, "warn"), (19 * 60.0, "urgent"), (21 * 60.0, "overtime")] {
            let f = try Fixture(view: .chair)
            f.press(.char(" "))
            f.clock.advance(advance)
            f.press(.char(" "))
            f.clock.advance(5)
            for view in ViewKind.allCases {
                f.model.state.view = view
                #expect(f.render().text.contains("PAUSED"), "\(view) paused in \(phase)")
            }
        }
    }

    @Test func overtimeFlashesOnlyWhenTheThemeFlashes() throws {
        var frames: Set<String> = []
        let f = try Self.fixture("overtime", view: .speaker)
        for _ in 0..<2 {
            frames.insert(f.render().cells.map { $0.style.reverse ? "r" : "." }.joined())
            f.clock.advance(1)
        }
        #expect(frames.count == 2)
        let noFlash = try Fixture(view: .speaker, theme: Theme(name: "still", colors: [:], flash: false, bell: false))
        noFlash.press(.char(" "))
        noFlash.clock.advance(20 * 60 + 10)
        var still: Set<String> = []
        for _ in 0..<2 {
            still.insert(noFlash.render().cells.map { $0.style.reverse ? "r" : "." }.joined())
            noFlash.clock.advance(1)
        }
        #expect(still.count == 1)
    }
}

extension LiveSession {
    /// Adds a note on the current topic, as the note line would.
    func record(noteText: String, at fixture: Fixture) {
        fixture.press(.tab)
        fixture.model.type(noteText)
        fixture.press(.enter, .escape)
    }
}
