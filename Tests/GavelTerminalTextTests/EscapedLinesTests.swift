import Testing
@testable import GavelTerminalText

/// Multi-line escaping with its fast path (text that needs nothing is returned as it is) against
/// the line-by-line rule.
@Suite struct EscapedLinesTests {
    static let pieces = ["a", "Z", " ", "·", "—", "\n", "\n", "\r\n", "\r", "\t", "\u{1B}[2J", "\u{7F}", "\u{85}", "é",
                         "e\u{301}", "\u{301}", "日本", "🎉", "\u{202E}", "\u{2028}", "┌─┐", "\u{200B}", "x86"]

    @Test func fastPathAgreesWithTheLineRule() {
        var r = SplitMix(state: 47)
        for _ in 0..<20_000 {
            let t = (0..<Int.random(in: 0...10, using: &r)).map { _ in Self.pieces.randomElement(using: &r)! }.joined()
            let reference = t.split(separator: "\n", omittingEmptySubsequences: false)
                .map { TerminalText.escaped(String($0)) }.joined(separator: "\n")
            #expect(TerminalText.escapedLines(t) == reference, "\(t.debugDescription)")
        }
    }
}

/// A seeded generator (SplitMix64), so a failure repeats.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
