import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// The agenda's own trimming and slugs against what they replace: Foundation's trimming of
/// `.whitespaces`, and the character-by-character slug and id rules.
@Suite struct WhitespaceTests {
    static let pieces = [" ", "\t", "\n", "\r", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}", "\u{200A}", "\u{200B}",
                         "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{301}", "e\u{301}", "a", "Z", "9", "-", "_", ".",
                         "ß", "Ä", "日本", "🎉", "x86 & MM", "K", "\u{212A}", "İ"]

    static func text(_ r: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...8, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
    }

    /// The slug rule as it was first written, character by character.
    static func referenceSlug(_ title: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in title.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII, c.isLetter || c.isNumber {
                if pendingDash, !out.isEmpty { out.append("-") }
                out.append(Character(c.lowercased()))
                pendingDash = false
            } else {
                pendingDash = true
            }
            if out.count >= 40 { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    static func referenceValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64,
              first.isASCII, Character(first).isLetter || Character(first).isNumber else { return false }
        return id.unicodeScalars.allSatisfy { s in
            s.isASCII && (Character(s).isLetter || Character(s).isNumber || s == "-" || s == "_" || s == ".")
        }
    }

    @Test func theSetIsFoundationsOverEveryScalar() {
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if Whitespace.isSpace(s) != CharacterSet.whitespaces.contains(s) {
                Issue.record("U+\(String(v, radix: 16)): \(Whitespace.isSpace(s)) against Foundation's \(!Whitespace.isSpace(s))")
            }
        }
    }

    @Test func trimmingIsFoundationsTrimming() {
        var r = SeededRandom(seed: 41)
        for _ in 0..<20_000 {
            let t = Self.text(&r)
            let foundation = t.trimmingCharacters(in: .whitespaces)
            #expect(Array(t.trimmingSpaces.unicodeScalars) == Array(foundation.unicodeScalars), "\(t.debugDescription)")
            #expect(t.isBlank == foundation.isEmpty, "\(t.debugDescription)")
        }
    }

    @Test func slugsAndIDsFollowTheCharacterRules() {
        var r = SeededRandom(seed: 43)
        for _ in 0..<20_000 {
            let t = Self.text(&r) + (Bool.random(using: &r) ? String(repeating: "ab-", count: Int.random(in: 0...30, using: &r)) : "")
            #expect(Slug.make(t) == Self.referenceSlug(t), "\(t.debugDescription)")
            #expect(Slug.isValidID(t) == Self.referenceValidID(t), "\(t.debugDescription)")
        }
        for id in ["a", "9", "a-b", "x86.mm_2", String(repeating: "a", count: 64)] { #expect(Slug.isValidID(id)) }
        for id in ["", "-a", ".a", "_a", "a b", "ä", String(repeating: "a", count: 65)] { #expect(!Slug.isValidID(id)) }
    }
}
