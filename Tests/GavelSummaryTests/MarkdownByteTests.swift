import GavelTestSupport
import Testing
@testable import GavelSummary

/// Markdown's checks read bytes; written on Unicode scalars and characters, as their rules are,
/// they must answer the same for any typed text.
@Suite struct MarkdownByteTests {
    static let pieces = ["https://e.x/", "a", " ", "<", ">", "|", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é", "\u{0600} ",
                         " \u{301}", "\t", "日本", "🎉", "x y", "\u{85}", "Ā", "\u{C2}"]

    static func text(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            + (Bool.random(using: &random) ? TypedTextGenerator.text(&random) : "")
    }

    @Test func anAutolinkIsTheRule() {
        var random = SeededRandom(seed: 0xA17)
        for round in 0..<5000 {
            let url = Self.text(&random)
            let rule = !url.unicodeScalars.contains { $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0 == "|" || (0x7F...0x9F).contains($0.value) }
            #expect(MarkdownRenderer.isAutolinkable(url) == rule, "round \(round): \(url.debugDescription)")
        }
    }

    @Test func aSpaceAtEitherEndIsTheRule() {
        var random = SeededRandom(seed: 0x5BA)
        for round in 0..<5000 {
            let text = Self.text(&random)
            let bytes = Array(text.utf8)
            guard let first = bytes.first, let last = bytes.last else { continue }
            let rule = text.first == " " || text.last == " "
            #expect(MarkdownRenderer.startsOrEndsWithSpace(bytes, first: first, last: last) == rule, "round \(round): \(text.debugDescription)")
        }
    }
}
