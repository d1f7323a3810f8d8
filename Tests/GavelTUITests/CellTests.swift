import GavelTestSupport
import Testing
@testable import GavelTUI

/// A cell is two words (a glyph's bytes; its width and style): what goes in comes out.
@Suite struct CellTests {
    @Test func everyStyleAndWidthRoundTripsThroughTheCell() {
        var seen = Set<UInt32>()
        for fg in ColorRole.allCases {
            for bg in ColorRole.allCases {
                for flags in 0..<16 {
                    let style = Style(fg, on: bg, bold: flags & 1 != 0, reverse: flags & 2 != 0, underline: flags & 4 != 0, dim: flags & 8 != 0)
                    for width in 0...2 {
                        var cell = Cell("x", width: width, style: style)
                        #expect(cell.style == style && cell.width == width)
                        cell.width = 2 - width
                        #expect(cell.style == style && cell.width == 2 - width)
                        cell.style = .accent
                        #expect(cell.style == .accent && cell.width == 2 - width)
                    }
                    seen.insert(style.bits)
                }
            }
        }
        #expect(seen.count == 7 * 7 * 16, "two styles share their bits")
    }

    @Test func scalarsAreDecodedFromTheGlyphAsTheCharacterHasThem() {
        let samples: [Character] = ["a", " ", "~", "é", "·", "█", "─", "日", "€", "😀", "e\u{301}", "👍🏽", "🇫🇷",
                                    "👨\u{200D}👩\u{200D}👧", "a\u{200D}", "\u{10FFFD}", "ǅ", "1\u{FE0F}\u{20E3}"]
        var r = SeededRandom(seed: 11)
        let random = (0..<2_000).compactMap { _ -> Character? in
            let scalars = (0..<Int.random(in: 1...3, using: &r)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: [0x20...0x7E, 0xA0...0x7FF, 0x800...0xFFFD, 0x10000...0x10FFFF].randomElement(using: &r)!, using: &r))
            }
            let text = String(String.UnicodeScalarView(scalars))
            return text.count == 1 ? text.first : nil
        }
        for character in samples + random {
            var decoded: [UInt32] = []
            Glyph(character).forEachScalar { decoded.append($0) }
            #expect(decoded == character.unicodeScalars.map(\.value), "\(character.unicodeScalars.map(\.value))")
            #expect(Glyph(character).character == character)
        }
    }
}
