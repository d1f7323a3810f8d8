import GavelTestSupport
import Testing
@testable import GavelSummary

/// MediaWiki's escaping works on bytes in runs; written plainly from its rule, it must give the
/// same answers on any typed text.
@Suite struct MediaWikiEscapeTests {
    static func containsPlainly(_ text: String, _ part: String) -> Bool {
        let t = Array(text.utf8), p = Array(part.utf8)
        guard t.count >= p.count else { return false }
        return (0...(t.count - p.count)).contains { Array(t[$0..<($0 + p.count)]) == p }
    }

    static let bareBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:/?#@!$+,;=%()~*".utf8)

    @Test func aBareLinkIsTheRule() {
        var random = SeededRandom(seed: 0x3A1E)
        let pieces = ["https://e.x/", "~", "~~", "_", "a", "(", ")", "*", "%", " ", "<", "|", "é", "__", "~~~", "x_y", "1"]
        for round in 0..<5000 {
            let url = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let rule = url.utf8.allSatisfy(Self.bareBytes.contains) && !Self.containsPlainly(url, "~~~") && !Self.containsPlainly(url, "__")
            #expect(MediaWikiRenderer.isBareLink(url) == rule, "round \(round): \(url.debugDescription)")
        }
    }

    @Test func nowikiTextIsTheRule() {
        var random = SeededRandom(seed: 0x0E5C)
        for round in 0..<3000 {
            let text = TypedTextGenerator.text(&random) + ["", "&", "<", ">", "a&b<c>d"].randomElement(using: &random)!
            var expected = text
            if MediaWikiRenderer.needsNowiki(text) {
                var body = ""
                for ch in text.unicodeScalars {
                    switch ch {
                    case "&": body += "&amp;"
                    case "<": body += "&lt;"
                    case ">": body += "&gt;"
                    default: body.unicodeScalars.append(ch)
                    }
                }
                expected = "<nowiki>" + body + "</nowiki>"
            }
            #expect(MediaWikiRenderer.escape(text) == expected, "round \(round): \(text.debugDescription)")
        }
    }
}
