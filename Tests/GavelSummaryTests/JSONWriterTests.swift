import Foundation
import GavelTestSupport
import Testing
@testable import GavelSummary

/// The JSON writer writes through a pointer into room guessed beforehand and looks at eight bytes
/// at a time: neither may change a byte of what it writes.
@Suite struct JSONWriterTests {
    static let pieces = ["\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{2028}",
                         "\u{2029}", "\u{2027}", "\u{FEFF}", "\u{FEFE}", "é", "日本", "🎉", "abcdefgh", "ABCDEFGHIJKLMNOP", " ", "~", "!"]

    static func text(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            + (Bool.random(using: &random) ? TypedTextGenerator.text(&random) : "")
    }

    /// Eight bytes are plain when each byte, looked at alone, is plain ASCII.
    @Test func eightPlainBytesAreTheRule() {
        var random = SeededRandom(seed: 0x8B17E)
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x41, 0x61]
        for round in 0..<200_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let rule = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
            #expect(JSONWriter.allPlain(word) == rule, "round \(round): \(bytes)")
        }
    }

    /// A string comes back exactly through a JSON parser, and escapes what JavaScript and readers
    /// trip on.
    @Test func stringsRoundTrip() throws {
        var random = SeededRandom(seed: 0x0517)
        for round in 0..<4000 {
            let text = Self.text(&random)
            let bytes = JSONWriter.write(capacity: 4) { $0.array { $0.string(text) } }
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String])
            #expect(parsed == [text], "round \(round): \(text.debugDescription)")
            let written = String(decoding: bytes, as: UTF8.self)
            #expect(!written.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "round \(round)")
            #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}") && !written.contains("\u{FEFF}"), "round \(round)")
        }
    }

    /// Room too small is only slower: the document is written again in more, the same bytes.
    @Test func theRoomGuessedChangesNothing() {
        var random = SeededRandom(seed: 0x7003)
        for round in 0..<300 {
            let texts = (0..<Int.random(in: 0...40, using: &random)).map { _ in Self.text(&random) }
            func document(_ w: inout JSONWriter) {
                w.object { w in
                    w.field("n", texts.count)
                    w.key("texts")
                    w.array(texts)
                    w.key("at")
                    w.quoted { SummaryTime.offset(texts.count * 61, to: &$0) }
                    w.field("none", nil as String?)
                    w.field("yes", true)
                }
            }
            let roomy = JSONWriter.write(capacity: 1 << 20, document)
            for room in [0, 1, 17, Int.random(in: 0...roomy.count, using: &random), roomy.count - 1, roomy.count] {
                #expect(JSONWriter.write(capacity: room, document) == roomy, "round \(round), room \(room)")
            }
            #expect(roomy.last == 0x0A)
        }
    }
}
