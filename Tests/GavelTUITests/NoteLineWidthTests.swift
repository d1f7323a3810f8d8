import GavelCore
import Testing
@testable import GavelTUI

/// Found by the key decoder fuzz at 100,000 inputs: the note line's window is measured a character
/// at a time, but what is drawn is one string, in which an escaped control (`^[`) or a deletion lets
/// a following zero-width character (U+FE0F, a combining mark) join the character before it into a
/// two-column grapheme. The line is then one column wider than its window and the caret one off.
/// Recorded as known issues; each fails as "known issue not recorded" once LineEditor is fixed.
@Suite struct NoteLineWidthTests {
    @Test func escapedControlBeforeAVariationSelector() {
        var editor = LineEditor("abc\u{1b}\u{FE0F}d")
        editor.home()
        let shown = editor.view(width: 6)
        withKnownIssue("LineEditor.view measures shown characters one by one") {
            #expect(TextWidth.of(shown.text) <= 6, "\(shown.text.debugDescription) is \(TextWidth.of(shown.text)) columns")
        }
    }

    @Test func deletionJoinsNeighbours() {
        var editor = LineEditor("1\u{1b}\u{FE0F}")
        editor.left()
        editor.backspace()
        // Now "1" and U+FE0F stand side by side as two characters, drawn as one two-column emoji.
        withKnownIssue("deletions do not re-segment the line as insertions do") {
            #expect(editor.characters.count == Array(editor.text).count, "\(editor.characters)")
        }
    }
}
