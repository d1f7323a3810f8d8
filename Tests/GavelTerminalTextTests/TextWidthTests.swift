import GavelTerminalText
import Testing

/// Widths of grapheme clusters that hold a joiner or a selector: what the terminal draws.
@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a\u{200D}", 1),                 // a + ZERO WIDTH JOINER: the joiner draws nothing
        ("a\u{FE0F}", 1),                 // a presentation selector on a letter changes nothing
        ("会\u{200D}", 2),
        ("e\u{301}", 1),
        ("👨\u{200D}👩\u{200D}👧", 2),       // a family: emoji joined by ZWJ
        ("❤\u{FE0F}", 2),                 // text-default emoji shown as emoji
        ("1\u{FE0F}\u{20E3}", 2),         // keycap
        ("🇫🇷", 2),                        // flag
        ("👍🏽", 2),                        // skin tone
        ("❤", 1),
    ] as [(String, Int)])
    func clusterWidth(text: String, columns: Int) throws {
        let ch = try #require(text.count == 1 ? text.first : nil, "one grapheme cluster")
        #expect(TextWidth.of(ch) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
