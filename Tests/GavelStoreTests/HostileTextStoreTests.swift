import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// Notes, authors and drafts carrying terminal escapes, bidi overrides, NULs, lone combining marks
/// and 10,000-character lines are stored exactly: what a second process reads back from the file
/// is the same scalars, byte for byte.
@Suite struct HostileTextStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_346_270_400)

    static let hostile = [
        "\u{1b}]2;pwned\u{07}", "\u{1b}[2J", "evil \u{202e}gnp.exe", "nul\0byte\0", "\0", "\u{9b}31m \u{85}",
        "line\u{2028}sep\r\nbreak\ttab", "\u{301}lone mark", "🧑‍💻 zwj \u{200d}", "'); DROP TABLE events; --",
        String(repeating: "x", count: 10_000), String(repeating: "会", count: 10_000),
    ]

    @Test func hostileTextRoundTripsExactly() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("hostile.gavel")
        var events: [SessionEvent] = [SessionEvent(at: Self.t0, .openSlot(slot: Self.hostile[0]))]
        for (i, text) in Self.hostile.enumerated() {
            events.append(SessionEvent(at: Self.t0 + Double(i + 1),
                                       .noteAdded(id: "n\(i)\(text.prefix(3))", slot: "s", topic: text, text: text, by: text)))
            events.append(SessionEvent(at: Self.t0 + Double(i + 1) + 0.5, .noteEdited(id: "n\(i)", text: text + text, undo: false)))
        }
        do {
            let store = try SessionStore(path: path)
            for event in events { try store.append(event) }
            for (i, text) in Self.hostile.enumerated() {
                try SessionStore(path: path, view: ViewIdentity(author: "author\(i)", role: .notes, terminal: text),
                                 options: .init(processIdentity: "999999999:1:gone")).saveDraft(Draft(line: text))
            }
        }
        let reopened = try SessionStore(path: path, readOnly: true)
        let back = try reopened.newEvents()
        #expect(back == events)
        // Equal Strings may differ in normalisation; the stored scalars must be the very same.
        for (a, b) in zip(back, events) {
            if case .noteAdded(_, _, _, let ta, let ba) = a.action, case .noteAdded(_, _, _, let tb, let bb) = b.action {
                #expect(Array(ta.unicodeScalars) == Array(tb.unicodeScalars))
                #expect(Array(ba.unicodeScalars) == Array(bb.unicodeScalars))
            }
        }
        for (i, text) in Self.hostile.enumerated() {
            let draft = try SessionStore(path: path, view: ViewIdentity(author: "author\(i)", role: .notes, terminal: text)).claimDraft()
            #expect(draft.map { Array($0.line.unicodeScalars) } == Array(text.unicodeScalars), "draft \(i)")
        }
    }
}
