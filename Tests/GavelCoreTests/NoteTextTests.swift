import Testing
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
}
