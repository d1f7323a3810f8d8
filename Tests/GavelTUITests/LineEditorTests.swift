import GavelTestSupport
import Testing
@testable import GavelTUI

@Suite struct LineEditorTests {
    @Test func wideAndCombiningCharactersMoveAsOne() {
        var e = LineEditor()
        e.insert("会議 ✓ e\u{301}")
        #expect(e.text == "会議 ✓ e\u{301}")
        #expect(e.characters.count == 6)
        #expect(e.caretColumn == 2 + 2 + 1 + 1 + 1 + 1)
        e.backspace()
        #expect(e.text == "会議 ✓ ")
        e.home()
        e.right()
        #expect(e.caretColumn == 2)
        e.deleteForward()
        #expect(e.text == "会 ✓ ")
        e.end()
        e.insert("👍🏽")
        #expect(e.caretColumn == 2 + 1 + 1 + 1 + 2)
    }

    @Test func combiningMarkTypedAfterALetterJoinsIt() {
        var e = LineEditor("cafe")
        e.insert("\u{301}")
        #expect(e.characters.count == 4)
        #expect(e.text == "caf\u{e9}", "Swift compares strings by canonical equivalence")
        e.backspace()
        #expect(e.text == "caf")
    }

    @Test func wordAndLineDeletion() {
        var e = LineEditor("decision: ship it  now")
        e.deleteWord()
        #expect(e.text == "decision: ship it  ")
        e.deleteWord()
        #expect(e.text == "decision: ship ")
        e.left(); e.left()
        e.deleteToStart()
        #expect(e.text == "p ")
        #expect(e.caret == 0)
        e.deleteToStart()
        #expect(e.text == "p ")
    }

    @Test func longNotesScrollHorizontallyKeepingTheCaretVisible() {
        var e = LineEditor()
        var scroll = 0
        e.insert(String(repeating: "会議", count: 30))   // 120 columns
        let shown = e.view(width: 20, scroll: &scroll)
        #expect(TextWidth_of(shown.text) <= 20)
        #expect(shown.caret < 20 && shown.caret >= 0)
        #expect(shown.text.hasSuffix("議"))
        e.home()
        let start = e.view(width: 20, scroll: &scroll)
        #expect(start.caret == 0)
        #expect(start.text.hasPrefix("会議"))
        // A wide character cut by the window's left edge is drawn as blanks, never half.
        for _ in 0..<25 { e.right() }
        for width in 3...25 {
            let v = e.view(width: width, scroll: &scroll)
            #expect(TextWidth_of(v.text) <= width, "width \(width)")
            #expect(v.caret >= 0 && v.caret <= width)
        }
    }

    /// Item 10 of the live-loop issue: the window's scroll is view state kept between frames, so
    /// moving the caret inside the window does not make the line jump.
    @Test func theWindowStaysPutWhileTheCaretMovesInsideIt() {
        var e = LineEditor()
        var scroll = 0
        e.insert(String(repeating: "abcdefghij", count: 10))   // 100 columns
        let atEnd = e.view(width: 30, scroll: &scroll)
        for _ in 0..<5 { e.left() }
        let after = e.view(width: 30, scroll: &scroll)
        #expect(after.text == atEnd.text, "the text did not move")
        #expect(after.caret == atEnd.caret - 5)
    }

    @Test func aPasteIsCutAtTheLongestNote() {
        var e = LineEditor()
        #expect(e.insert(String(repeating: "x", count: LineEditor.maximumLength + 10)) == false)
        #expect(e.text.count == LineEditor.maximumLength)
        #expect(e.insert("more") == false)
    }

    @Test func tabsAndLineBreaksBecomeSpaces() {
        var e = LineEditor()
        e.insert("a\tb\nc\r\nd")
        #expect(e.text == "a b c d")
    }

    @Test func controlCharactersAreShownEscaped() {
        var e = LineEditor()
        var scroll = 0
        e.insert("x\u{1b}[2Jy")
        #expect(e.text == "x\u{1b}[2Jy", "kept as typed")
        #expect(e.view(width: 40, scroll: &scroll).text == "x^[[2Jy")
    }
}

import GavelCore
func TextWidth_of(_ s: String) -> Int { TextWidth.of(s) }

