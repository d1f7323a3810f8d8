import Foundation
import GavelTestSupport
import Testing
@testable import GavelTUI

/// Bytes from the terminal to input events (issue 15, item 5, and item 16).
@Suite struct InputDecoderTests {
    static func decode(_ bytes: [UInt8]) -> [InputEvent] {
        var d = InputDecoder()
        return d.decode(bytes.map { .byte($0) })
    }

    static func text(_ events: [InputEvent]) -> String {
        events.map { e -> String in
            switch e {
            case .key(.char(let c)): String(c)
            case .text(let t): t
            case .key(.enter): "⏎"
            case .key(let k): "<\(k)>"
            case .resize: "<resize>"
            }
        }.joined()
    }

    @Test func aLatin1ByteKeepsTheRestOfTheLine() {
        // "caf\xe9 au lait" then Enter: é arrives as one Latin-1 byte, not UTF-8.
        let events = Self.decode(Array("caf".utf8) + [0xE9] + Array(" au lait".utf8) + [13])
        #expect(Self.text(events) == "café au lait⏎")
    }

    @Test func neverLosesTheEnter() {
        // A lead byte with no continuation, right before Enter, and between two notes.
        for bad: [UInt8] in [[0xE2], [0xF0, 0x9F], [0xC3], [0x80], [0xFF], [0xE2, 0x82]] {
            let events = Self.decode(Array("one".utf8) + bad + [13] + Array("two".utf8) + [13])
            #expect(events.filter { $0 == .key(.enter) }.count == 2, "\(bad)")
            #expect(Self.text(events).hasPrefix("one"))
            #expect(Self.text(events).hasSuffix("⏎two⏎"))
        }
    }

    @Test func utf8IsDecodedWholeEvenWhenSplitAcrossReads() {
        var d = InputDecoder()
        let bytes = Array("会議 ✓ 🎉".utf8)
        var events: [InputEvent] = []
        for b in bytes { events += d.decode([.byte(b)]) }
        #expect(Self.text(events) == "会議 ✓ 🎉")
    }

    @Test func aPasteIsOneTextEventWithItsLineBreaks() {
        var d = InputDecoder()
        let pasted = "line one\r\nline two\tand a tab"
        let events = d.decode([.pasteStart] + Array(pasted.utf8).map { .byte($0) } + [.pasteEnd] + [.byte(13)])
        #expect(events == [.text(pasted), .key(.enter)], "the pasted line breaks are not Enter")
    }

    @Test func keysCursesDecodedStayKeys() {
        var d = InputDecoder()
        let events = d.decode([.byte(0x61), .event(.key(.up)), .byte(0x62), .byte(0x63), .byte(27)])
        #expect(events == [.key(.char("a")), .key(.up), .text("bc"), .key(.escape)])
    }

    /// 100,000 pasted characters reach the note line in one insertion (the first landing took
    /// one insertion, and one pass over the line, per character).
    @Test func aLongPasteIsOneInsertion() throws {
        let f = try Fixture(view: .notes)
        var d = InputDecoder()
        let long = String(repeating: "abcdefghij", count: 10_000)
        let events = d.decode([.pasteStart] + Array(long.utf8).map { .byte($0) } + [.pasteEnd])
        #expect(events.count == 1)
        for e in events { f.model.handle(e) }
        #expect(f.model.state.editor.text.count == LineEditor.maximumLength)
        #expect(f.model.state.message?.text.contains("at most") == true, "the cut is said, not silent")
    }
}
