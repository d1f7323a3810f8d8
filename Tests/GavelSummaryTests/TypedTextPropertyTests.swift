import GavelTestSupport
import Foundation
import GavelCore
import GavelSummary
import Testing

/// Any text a person types survives into the JSON summary exactly (minus control characters) and
/// never changes the structure of the Markdown summary.
@Suite struct TypedTextPropertyTests {
    static let rounds = 400

    /// What cleaning must do, written independently of `PeopleText`: control characters
    /// (general category Cc) go; tabs, line breaks and the Unicode line and paragraph separators
    /// become spaces.
    static func expectedClean(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.compactMap { s in
            if [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(s.value) { return " " }
            if s.value < 0x20 || (0x7F...0x9F).contains(s.value) { return nil }
            // Bidi embeddings, overrides and isolates are dropped too (they reorder what is shown).
            if (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) { return nil }
            return s
        }
    }

    /// A one-slot, one-topic agenda whose titles and speaker are typed text too.
    static func session(note: String, title: String, speaker: String) throws -> (Session, Date) {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let start = Date(timeIntervalSince1970: 1_346_230_800)
        let agenda = Agenda(title: "MC", timeZone: zone, slots: [
            Slot(id: "s", title: title, length: 600, topics: [
                Topic(id: "t", title: title, speakers: [speaker], length: 300),
            ]),
        ])
        var session = Session(agenda: agenda)
        session.apply(SessionEvent(at: start, .start(slot: "s", topic: "t")))
        session.apply(SessionEvent(at: start + 65, .noteAdded(id: "n", slot: "s", topic: "t", text: note, by: speaker)))
        session.apply(SessionEvent(at: start + 400, .endSlot(slot: "s", cause: .chair)))
        return (session, start + 500)
    }

    @Test func cleaningFollowsTheRuleOnAnyText() {
        var random = SeededRandom(seed: 0x5EED_0006)
        let bidi = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
                    "\u{2027}", "\u{202F}", "\u{2065}", "\u{206A}", "\u{80}", "\u{9F}", "\u{A0}", "\u{C2}"]
        for round in 0..<20_000 {
            var text = TypedTextGenerator.text(&random)
            if Bool.random(using: &random) { text += bidi.randomElement(using: &random)! + TypedTextGenerator.text(&random) }
            #expect(Array(PeopleText.clean(text).unicodeScalars) == Self.expectedClean(text),
                    "round \(round): \(text.debugDescription)")
        }
    }

    @Test func noteTextSurvivesIntoJSONExactly() throws {
        var random = SeededRandom(seed: 0x5EED_0005)
        for round in 0..<Self.rounds {
            let text = TypedTextGenerator.text(&random)
            let title = TypedTextGenerator.text(&random)
            let (session, now) = try Self.session(note: text, title: title.isEmpty ? "x" : title, speaker: title)
            let json = try #require(SummaryFormat.json.slot(session, id: "s", at: now))
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            let root = try #require(object as? [String: Any], "round \(round)")
            let slot = try #require((root["slots"] as? [[String: Any]])?.first)
            let topic = try #require((slot["topics"] as? [[String: Any]])?.first)
            let notes = ["decisions", "actions", "questions", "discussion"].flatMap { topic[$0] as? [[String: Any]] ?? [] }
            #expect(notes.count == 1, "round \(round): \(notes.count) notes for \(text.debugDescription)")
            let decoded = try #require(notes.first?["text"] as? String)
            #expect(Array(decoded.unicodeScalars) == Self.expectedClean(text),
                    "round \(round): \(text.debugDescription) came back as \(decoded.debugDescription)")
            let decodedTitle = try #require(topic["title"] as? String)
            #expect(Array(decodedTitle.unicodeScalars) == Self.expectedClean(title.isEmpty ? "x" : title),
                    "round \(round): title \(title.debugDescription)")
        }
    }

    @Test func markdownStructureNeverChanges() throws {
        var random = SeededRandom(seed: 0xC0FF_EE05)
        let placeholder = try Self.session(note: "X", title: "X", speaker: "X")
        let plain = try #require(SummaryFormat.markdown.slot(placeholder.0, id: "s", at: placeholder.1))
        let plainLines = plain.split(separator: "\n", omittingEmptySubsequences: false)
        for round in 0..<Self.rounds {
            // A discussion note, so its line is always the same one; the rest of the text is random.
            var text = TypedTextGenerator.text(&random)
            if NoteText(String(String.UnicodeScalarView(Self.expectedClean(text)))).kind != .discussion { text = "x" + text }
            let title = "T" + TypedTextGenerator.text(&random)
            let (session, now) = try Self.session(note: text, title: title, speaker: "X")
            let markdown = try #require(SummaryFormat.markdown.slot(session, id: "s", at: now))
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == plainLines.count, "round \(round): \(text.debugDescription) / \(title.debugDescription)\n\(markdown)")
            guard lines.count == plainLines.count else { continue }
            for (line, reference) in zip(lines, plainLines) {
                #expect(MarkdownLine.kind(line) == MarkdownLine.kind(reference),
                        "round \(round): \(line.debugDescription) is not shaped like \(reference.debugDescription)")
                if reference == "- 01:05 X" {
                    try MarkdownLine.expectLiteral(line.unicodeScalars.dropFirst("- 01:05 ".unicodeScalars.count), equals: text, round: round)
                }
                if reference == "# X" || reference == "## X" {
                    try MarkdownLine.expectLiteral(line.unicodeScalars.drop(while: { $0 == "#" }).dropFirst(), equals: title, round: round)
                }
                if reference.hasPrefix("| X |") {
                    #expect(MarkdownLine.unescapedPipes(line) == MarkdownLine.unescapedPipes(reference),
                            "round \(round): table row \(line.debugDescription)")
                }
            }
        }
    }
}

/// Just enough CommonMark to tell what a line is, and to read typed text back from it.
enum MarkdownLine {
    enum Kind: Equatable { case blank, heading(Int), listItem, tableRow, paragraph }

    static func kind(_ line: Substring) -> Kind {
        if line.isEmpty { return .blank }
        let hashes = line.prefix(while: { $0 == "#" }).count
        if hashes > 0, line.dropFirst(hashes).first == " " { return .heading(hashes) }
        if line.hasPrefix("- ") { return .listItem }
        if line.hasPrefix("|") { return .tableRow }
        return .paragraph
    }

    /// What CommonMark lets a backslash escape.
    static func isASCIIPunctuation(_ s: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(s.value) && !("0"..."9").contains(s) && !("a"..."z").contains(s) && !("A"..."Z").contains(s)
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped { escaped = false; continue }
            if scalar == "\\" { escaped = true } else if scalar == "|" { count += 1 }
        }
        return count
    }

    /// Reads `content` as the Markdown renderer must have written `typed`, scalar by scalar as a
    /// Markdown parser does: every character with a meaning escaped, nothing at its start that
    /// begins a block, links as `<…>` autolinks; and checks what it reads equals the cleaned text
    /// (without its leading spaces).
    static func expectLiteral(_ content: Substring.UnicodeScalarView, equals typed: String, round: Int) throws {
        let expected = TypedTextPropertyTests.expectedClean(typed).drop(while: { $0 == " " })
        let meaningful: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "$", "!"]
        let shown = String(String.UnicodeScalarView(content)).debugDescription
        if let first = content.first {
            #expect(!"-+=> #\t".unicodeScalars.contains(first), "round \(round): \(shown) starts a block")
            let digits = content.prefix(while: { ("0"..."9").contains($0) })
            if !digits.isEmpty, let after = content.dropFirst(digits.count).first {
                #expect(after != "." && after != ")", "round \(round): \(shown) starts an ordered list")
            }
        }
        var literal: [Unicode.Scalar] = []
        var rest = content[...]
        while let scalar = rest.first {
            rest = rest.dropFirst()
            if scalar == "\\", let next = rest.first, Self.isASCIIPunctuation(next) {
                literal.append(next)
                rest = rest.dropFirst()
            } else if scalar == "<", let end = rest.firstIndex(of: ">"), rest.starts(with: "http".unicodeScalars) {
                literal += rest[..<end]
                rest = rest[rest.index(after: end)...]
            } else {
                #expect(!meaningful.contains(scalar), "round \(round): unescaped \(scalar) in \(shown)")
                literal.append(scalar)
            }
        }
        #expect(literal == Array(expected),
                "round \(round): \(shown) reads as \(String(String.UnicodeScalarView(literal)).debugDescription), typed \(typed.debugDescription)")
    }
}

extension TypedTextPropertyTests {
    /// The Markdown escape, one byte at a time as its rule reads: leading spaces of a first run
    /// dropped; a backslash before `\\`*_[]<>#|~&$!` anywhere, before `-`, `+` or `=` first, and
    /// before `.` or `)` after leading digits.
    static func escapedByTheRule(_ text: String, first: Bool) -> String {
        let inline = Set("\\`*_[]<>#|~&$!".utf8), block = Set("-+=".utf8)
        var out: [UInt8] = []
        var atStart = first, digitsOnly = first
        for byte in text.utf8 {
            if atStart, byte == 0x20 { continue }
            if inline.contains(byte) || (atStart && block.contains(byte))
                || (digitsOnly && !atStart && (byte == 0x2E || byte == 0x29)) {
                out.append(0x5C)
            }
            digitsOnly = digitsOnly && (0x30...0x39).contains(byte)
            atStart = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The escape copies the text in runs between special bytes; it must give the bytes the rule
    /// gives, on any typed text, a first run or not.
    @Test func markdownEscapeIsTheRuleByteByByte() {
        var random = SeededRandom(seed: 0xE5CA9E)
        let starts = ["", " ", "  ", "1", "12", "3.", "4)", "-", "+", "=", "x", "é", "1é."]
        for round in 0..<3000 {
            let text = starts[Int.random(in: 0..<starts.count, using: &random)] + TypedTextGenerator.text(&random)
            for first in [true, false] {
                #expect(MarkdownRenderer.escape(text, first: first) == Self.escapedByTheRule(text, first: first),
                        "round \(round), first \(first): \(text.debugDescription)")
            }
        }
    }
}
