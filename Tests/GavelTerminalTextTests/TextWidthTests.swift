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

/// `TextWidth.isPlain` lets text skip grapheme breaking, the width table and escaping: every plain
/// scalar must be what the general path says, next to any other plain scalar.
@Suite struct PlainScalarTests {
    static let plain: [Unicode.Scalar] = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }.filter(TextWidth.isPlain)

    @Test func eachPlainScalarIsOneColumnAndShownAsItIs() {
        #expect(Self.plain.count > 900)
        for p in Self.plain {
            let ch = Character(p)
            #expect(TextWidth.of(ch) == 1, "U+\(String(p.value, radix: 16))")
            #expect(!TerminalText.needsEscape(p), "U+\(String(p.value, radix: 16))")
            #expect(TerminalText.escaped(String(p)) == String(p), "U+\(String(p.value, radix: 16))")
        }
    }

    @Test func everyPairOfPlainScalarsIsTwoGraphemes() {
        var joined = 0
        for p in Self.plain {
            for q in Self.plain where (String(p) + String(q)).count != 2 { joined += 1 }
        }
        #expect(joined == 0)
    }

    @Test func plainTextMeasuresAndEscapesAsTheGeneralPath() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<5_000 {
            let text = String(String.UnicodeScalarView((0..<next(12)).map { _ in Self.plain[next(Self.plain.count)] }))
            #expect(TextWidth.of(text) == text.reduce(0) { $0 + TextWidth.of($1) })
            #expect(text.count == text.unicodeScalars.count)
            #expect(TerminalText.escaped(text) == text)
        }
    }
}
