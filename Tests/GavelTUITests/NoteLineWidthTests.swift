import GavelTestSupport
import GavelCore
import Testing
@testable import GavelTUI

/// Found by the key decoder fuzz at 100,000 inputs: the note line's window is measured a character
/// at a time, but what is drawn is one string, in which an escaped control (`^[`) or a deletion lets
/// a following zero-width character (U+FE0F, a combining mark) join the character before it into a
/// two-column grapheme. The line is then one column wider than its window and the caret one off.
/// Fixed: a mark with nothing to mark is shown by its code (TerminalText), and every deletion
/// re-segments the line as insertions do (LineEditor.resegment).
@Suite struct NoteLineWidthTests {
    @Test func escapedControlBeforeAVariationSelector() {
        var editor = LineEditor("abc\u{1b}\u{FE0F}d")
        editor.home()
        var scroll = 0
        let shown = editor.view(width: 6, scroll: &scroll)
        #expect(TextWidth.of(shown.text) <= 6, "\(shown.text.debugDescription) is \(TextWidth.of(shown.text)) columns")
    }

    @Test func deletionJoinsNeighbours() {
        var editor = LineEditor("1\u{1b}\u{FE0F}")
        editor.left()
        editor.backspace()
        // "1" and U+FE0F now stand side by side: they must be one character, as the text has them.
        #expect(editor.characters.count == Array(editor.text).count, "\(editor.characters)")
    }
}
