import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

@Suite struct BufferTests {
    @Test func clipsByDisplayWidth() {
        var b = Buffer(width: 10, height: 1)
        let used = b.write("会議会議会議", x: 0, y: 0)
        #expect(used == 10)
        #expect(b.lines[0] == "会議会議会")
        var c = Buffer(width: 10, height: 1)
        c.write("a会議会議会", x: 0, y: 0)
        #expect(c.lines[0] == "a会議会議 ", "a wide character that does not fit is left out")
        var d = Buffer(width: 6, height: 1)
        d.write("abcdef", x: 0, y: 0, limit: 3)
        #expect(d.lines[0] == "abc   ")
    }

    @Test func controlCharactersNeverReachACell() {
        var b = Buffer(width: 40, height: 1)
        b.write("a\u{1b}[2Jb\u{7}c\u{202e}d\u{0}", x: 0, y: 0)
        #expect(b.lines[0].hasPrefix("a^[[2Jb^Gc\\u{202e}d^@"))
        for cell in b.cells {
            #expect(!cell.character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        }
    }

    @Test func combiningMarksJoinTheirCell() {
        var b = Buffer(width: 5, height: 1)
        b.write("e\u{301}x", x: 0, y: 0)
        #expect(b[0, 0].character == "e\u{301}")
        #expect(b[1, 0].character == "x")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("会議", x: 0, y: 0)
        b.write("x", x: 1, y: 0)
        #expect(b.lines[0] == " x議")
    }

    @Test func digitsFitTheirBox() {
        for h in 5...20 {
            let font = BigDigits(height: h)
            var b = Buffer(width: 200, height: h)
            font.draw("+88:88", into: &b, x: 0, y: 0, style: .plain)
            let lit = b.lines.map { $0.reversed().drop(while: { $0 == " " }).count }.max() ?? 0
            #expect(lit <= font.width(of: "+88:88"))
        }
        #expect(BigDigits.fitting("20:00", columns: 76, rows: 18, maxHeight: 7)?.height == 7)
        #expect(BigDigits.fitting("20:00", columns: 10, rows: 18) == nil)
    }
}

/// `a` + ZWJ is one grapheme cluster that a terminal draws in one column; a buffer that gave it two
/// put everything after it one column to the right of where the terminal shows it.
@Suite struct JoinerWidthTests {
    @Test func aLetterWithAJoinerTakesOneColumn() {
        var b = Buffer(width: 6, height: 1)
        let used = b.write("a\u{200D}bc", x: 0, y: 0)
        #expect(used == 3)
        #expect(b[1, 0].character == "b", "b is drawn right after the a, as the terminal shows it")
        #expect(b[2, 0].character == "c")
    }
}

/// The fast paths of `Buffer.write` (printable ASCII; plain scalars) against the general one, over
/// clipping, offsets and overwriting wide characters.
@Suite struct BufferASCIIPathTests {
    @Test(arguments: [
        (5, ["a", "Z", " ", "~", "!", "09", "long words here", "|", "#"]),
        (6, ["a", " ", "·", "—", "…", "é", "ÿ", "█", "─", "•", "“q”", "x86 · slot: 4 min left", "Ł", "ǅ"]),
    ] as [(UInt64, [String])])
    func fastPathsWriteTheSameCellsAsTheGeneralPath(seed: UInt64, pieces: [String]) {
        var r = SeededRandom(seed: seed)
        for _ in 0..<3_000 {
            var base = Buffer(width: 12, height: 2)
            base.write("日本x", x: Int.random(in: -2...8, using: &r), y: 0)
            let text = (0..<Int.random(in: 0...6, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
            let x = Int.random(in: -4...14, using: &r), y = Int.random(in: -1...2, using: &r)
            let limit: Int? = Bool.random(using: &r) ? Int.random(in: -1...10, using: &r) : nil
            var fast = base, general = base
            let a = fast.write(text, x: x, y: y, style: .accent, limit: limit)
            let b = general.writeCharacters(text, x: x, y: y, style: .accent, limit: limit)
            #expect(a == b && fast == general, "\(text) at \(x),\(y) limit \(String(describing: limit))")
        }
    }

    @Test func repeatingWritesWhatWritingTheRepeatedTextWrites() {
        var r = SeededRandom(seed: 8)
        for _ in 0..<2_000 {
            var base = Buffer(width: 12, height: 2)
            base.write("日本x", x: Int.random(in: -2...8, using: &r), y: 0)
            let character: Character = ["─", "█", "░", "-", "#", ".", "日", "é"].randomElement(using: &r)!
            let count = Int.random(in: 0...14, using: &r)
            let x = Int.random(in: -4...14, using: &r), y = Int.random(in: -1...2, using: &r)
            var fast = base, general = base
            let a = fast.repeating(character, count: count, x: x, y: y, style: .accent)
            let b = general.write(String(repeating: character, count: count), x: x, y: y, style: .accent)
            #expect(a == b && fast == general, "\(character) ×\(count) at \(x),\(y)")
        }
    }
}
