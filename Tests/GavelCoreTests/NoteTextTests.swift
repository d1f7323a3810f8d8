import Testing
import GavelTestSupport
@testable import GavelCore

@Suite struct NoteTextTests {
    @Test(arguments: [
        ("action: @alex send v2", NoteKind.action, "@alex send v2"),
        ("A: do it", .action, "do it"),
        ("Decision: merge", .decision, "merge"),
        ("d:merge", .decision, "merge"),
        ("QUESTION: why?", .question, "why?"),
        ("q: how", .question, "how"),
        ("quick note", .discussion, "quick note"),
        ("dq: not a kind", .discussion, "dq: not a kind"),
        ("TODO: @ana send the slides", .action, "@ana send the slides"),
        ("todo:fix the build", .action, "fix the build"),
        ("AI: @bob review v2", .action, "@bob review v2"),
        ("ai:  ask the list", .action, "ask the list"),
        ("aim: higher", .discussion, "aim: higher"),
        ("todo list is long", .discussion, "todo list is long"),
    ])
    func kinds(text: String, kind: NoteKind, body: String) {
        let parsed = NoteText(text)
        #expect(parsed.kind == kind)
        #expect(parsed.body == body)
    }

    @Test func ownersAndLinks() {
        let n = NoteText("a: @alex, @marc.z and @alex (see https://lore.kernel.org/kvm/1234.) mail x@y.org")
        #expect(n.owners == ["alex", "marc.z"])
        #expect(n.links == ["https://lore.kernel.org/kvm/1234"])
        #expect(NoteText("@alex said hi").owners.isEmpty)
    }

    @Test func todoAndAINamesOwners() {
        #expect(NoteText("TODO: @ana send the slides").owners == ["ana"])
        #expect(NoteText("AI: @bob and @carol review").owners == ["bob", "carol"])
    }

    @Test(arguments: [
        ("see https://example.com/a_b_(c)", ["https://example.com/a_b_(c)"]),
        ("see https://example.com/a_b_(c).", ["https://example.com/a_b_(c)"]),
        ("(see https://example.com/a_b_(c))", ["https://example.com/a_b_(c)"]),
        ("(see https://example.com/a_b_(c)).", ["https://example.com/a_b_(c)"]),
        ("(see https://example.com/x)", ["https://example.com/x"]),
        ("https://en.wikipedia.org/wiki/C_(programming_language), again", ["https://en.wikipedia.org/wiki/C_(programming_language)"]),
        ("[https://example.com/q?a[0]=1]", ["https://example.com/q?a[0]=1"]),
        ("\"https://example.com/quoted\"!", ["https://example.com/quoted"]),
        ("<https://example.com/angle>", ["https://example.com/angle"]),
        ("https://example.com/((a)b)c)", ["https://example.com/((a)b)c"]),
        ("two: https://a.example/x, https://b.example/(y);", ["https://a.example/x", "https://b.example/(y)"]),
    ])
    func linksKeepTheirBalancedBrackets(text: String, links: [String]) {
        #expect(NoteText(text).links == links)
    }

    @Test func linksInAWordOfManyBrackets() {
        let word = "https://example.com/" + String(repeating: ")", count: 20_000)
        #expect(NoteText(word).links == ["https://example.com/"])
        let balanced = "https://example.com/" + String(repeating: "(", count: 20_000) + String(repeating: ")", count: 20_001)
        #expect(NoteText(balanced).links.first?.count == balanced.count - 1)
    }

    /// The guide the views show is the table the parser reads: every prefix it lists makes a note
    /// of its kind, every kind is listed once, and only discussion has no prefix.
    @Test func theGuideIsWhatIsRead() {
        #expect(Set(NoteKind.guide.map(\.kind)) == Set(NoteKind.allCases))
        #expect(NoteKind.guide.count == NoteKind.allCases.count)
        for entry in NoteKind.guide {
            #expect(entry.prefixes.isEmpty == (entry.kind == .discussion))
            #expect(!entry.description.isEmpty && !entry.description.contains("\n"))
            for prefix in entry.prefixes {
                #expect(NoteText(prefix + " x").kind == entry.kind, "\(prefix)")
                #expect(NoteText(prefix.uppercased() + "x").kind == entry.kind, "\(prefix)")
                #expect(NoteText(prefix + " x").body == "x")
            }
        }
        #expect(NoteKind.action.prefixes == ["action:", "a:", "todo:", "ai:"])
        #expect(NoteKind.guideLines == [
            "action: a: todo: ai:  to do; each @name owns it",
            "decision: d:          what was decided",
            "question: q:          open, for the closing session",
            "anything else         discussion: what was said",
        ])
    }
}

/// The ASCII fast paths of owners and links against the character rules they stand in for.
@Suite struct NoteTextASCIIPathTests {
    @Test func bytesAndCharactersFindTheSameOwnersAndLinks() {
        var r = SeededRandom(seed: 11)
        let pieces = ["@", "@ana", "@bob_2", "a", "Z", "9", " ", "\t", ".", ",", ";", ":", "!", "?", ")", "(", "[", "]",
                      "{", "}", "<", ">", "\"", "'", "-", "_", "http://", "https://", "x.org", "/wiki/C_(x)", "e@mail", "\r\n", "\r"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...14, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer(NoteText.asciiMentions) == NoteText.characterMentions(in: text), "\(text)")
            #expect(bytes.withUnsafeBufferPointer(NoteText.asciiLinks) == NoteText.characterLinks(in: text), "\(text)")
        }
    }

    @Test func anASCIINoteReadsAsItsCharactersDo() {
        var r = SeededRandom(seed: 12)
        let starts = ["", " ", "   ", "a:", "A:", "a: ", "Action:", "ACTION:  ", "todo:", "ToDo:", "ai:", "aI: ", "d:", "D:",
                      "decision:", "Decision: ", "q:", "Q:", "question:", "QUESTION:", "a", "ac:", "act", "qu:", ":", "d", "@"]
        let pieces = ["@", "@ana", "@Bob_2", "a", "Z", "9", " ", "\t", ".", ",", ":", ")", "(", "]", "[", "\"", "'", "-",
                      "http://", "https://", "x.org", "/wiki/C_(x)", "e@mail", "http", "\r\n", "\u{7F}", "\u{1}"]
        for _ in 0..<20_000 {
            let text = starts.randomElement(using: &r)!
                + (0..<Int.random(in: 0...10, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
            #expect(NoteText(text) == NoteText(characters: text), "\(text)")
        }
        // Not ASCII: the general reading.
        #expect(NoteText("a: Grüße @jörg").owners == ["jörg"])
    }
}
