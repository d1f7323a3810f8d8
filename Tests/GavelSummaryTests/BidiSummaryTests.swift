import Foundation
import GavelCore
import GavelSummary
import Testing

/// Bidirectional overrides, embeddings and isolates typed into a title, a speaker's name or a note
/// reorder what a reader sees (`evil \u{202E}gnp.exe` reads as `evil exe.png`, and an unclosed one
/// reorders the rest of the line). Every summary format drops them, the same way, so the Markdown
/// file, the wiki page, the JSON and the text piped into a mail all show the letters as typed.
@Suite struct BidiSummaryTests {
    static let controls: [Unicode.Scalar] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        .compactMap(Unicode.Scalar.init)

    static func bidi(_ text: String) -> [String] {
        text.unicodeScalars.filter { controls.contains($0) }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static func session() throws -> (Session, Date) {
        let zone = try #require(TimeZone(identifier: "UTC"))
        let start = Date(timeIntervalSince1970: 1_346_230_800)
        let agenda = Agenda(title: "MC \u{202E}evil", event: "\u{2067}event", room: "room\u{202B}", timeZone: zone, slots: [
            Slot(id: "s", title: "slot \u{2066}isolate", start: start, length: 3600, topics: [
                Topic(id: "t", title: "talk \u{202E}gnp.exe", speakers: ["\u{202D}Eve"], length: 600),
            ]),
        ])
        var session = Session(agenda: agenda)
        session.apply(SessionEvent(at: start, .openSlot(slot: "s")))
        session.apply(SessionEvent(at: start, .start(slot: "s", topic: "t")))
        for (i, text) in ["evil \u{202E}gnp.exe", "action: @bob \u{2068}send\u{2069} it", "decision: \u{202A}keep\u{202C}",
                          "question: unclosed \u{2067}rest of the line"].enumerated() {
            session.apply(SessionEvent(at: start + 10, .noteAdded(id: "n\(i)", slot: "s", topic: "t", text: text, by: "ann\u{202E}")))
        }
        session.apply(SessionEvent(at: start + 700, .endSlot(slot: "s", cause: .chair)))
        return (session, start + 800)
    }

    @Test(arguments: SummaryFormat.allCases)
    func noFormatKeepsAnOverride(format: SummaryFormat) throws {
        let (session, now) = try Self.session()
        for out in [try #require(format.slot(session, id: "s", at: now)), format.day(session, at: now)] {
            #expect(Self.bidi(out).isEmpty, "\(format): \(Self.bidi(out))")
            #expect(out.contains("gnp.exe"), "\(format): the letters stay, in the order typed")
            #expect(!out.contains("\\u202e") && !out.contains("\\u202E"), "\(format): not escaped either: dropped")
        }
    }

    @Test func cleaningKeepsDirectionMarksAndEverythingElse() {
        #expect(PeopleText.clean("a\u{200F}b\u{200E}c") == "a\u{200F}b\u{200E}c")
        #expect(PeopleText.clean("שלום \u{202B}עולם\u{202C}!") == "שלום עולם!")
        #expect(PeopleText.clean("x\u{2066}y\u{2069}z") == "xyz")
    }
}
