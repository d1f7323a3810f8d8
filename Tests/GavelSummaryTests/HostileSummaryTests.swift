import Foundation
import GavelCore
import GavelSummary
import Testing

/// Titles, speakers and notes carrying terminal escapes, bidi overrides, NULs and 10,000-character
/// lines: every format stays well formed. JSON parses; Markdown and MediaWiki keep the headings a
/// plain session has; no output holds a control character but the line break; each ends in one.
@Suite struct HostileSummaryTests {
    static let hostile = [
        "\u{1b}]2;pwned\u{07}", "\u{1b}[2J\u{1b}[H", "evil \u{202e}gnp.exe", "nul\0byte", "\u{9b}31m c1 \u{85}",
        "line\u{2028}sep\r\n# not a heading\n== nor this ==", "action: @\u{1b}[31mbob\u{1b}[0m send it", "decision: \0",
        String(repeating: "long ", count: 2000), String(repeating: "会", count: 10_000),
    ]

    /// One slot with a topic per text (title, speakers and notes all that text), run and ended.
    static func session(_ texts: [String]) throws -> (Session, Date) {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let start = Date(timeIntervalSince1970: 1_346_230_800)
        let topics = texts.enumerated().map { i, t in Topic(id: "t\(i)", title: t, speakers: [t, "Ann"], length: 120, note: t) }
        let agenda = Agenda(title: texts[0], event: texts[1], room: texts[2], timeZone: zone, slots: [
            Slot(id: "s", title: texts[3], start: start, length: 3600, room: texts[4], topics: topics),
        ])
        var session = Session(agenda: agenda)
        var at = start
        session.apply(SessionEvent(at: at, .openSlot(slot: "s")))
        for (i, text) in texts.enumerated() {
            session.apply(SessionEvent(at: at, .start(slot: "s", topic: "t\(i)")))
            for (j, note) in [text, "action: " + text, "question: " + text].enumerated() {
                session.apply(SessionEvent(at: at + 10, .noteAdded(id: "n\(i)-\(j)", slot: "s", topic: "t\(i)", text: note, by: text)))
            }
            at += 130
            if i + 1 < texts.count { session.apply(SessionEvent(at: at, .next(slot: "s", topic: "t\(i)"))) }
        }
        session.apply(SessionEvent(at: at, .endSlot(slot: "s", cause: .chair)))
        return (session, at + 60)
    }

    static func headings(_ text: String, format: SummaryFormat) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            switch format {
            case .markdown:
                let n = line.prefix(while: { $0 == "#" }).count
                return n > 0 && line.dropFirst(n).first == " " ? n : nil
            case .mediawiki:
                let n = line.prefix(while: { $0 == "=" }).count
                return n > 0 && line.hasSuffix(String(repeating: "=", count: n)) ? n : nil
            default: return nil
            }
        }
    }

    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
    }

    @Test(arguments: SummaryFormat.allCases)
    func everyFormatStaysWellFormed(format: SummaryFormat) throws {
        let (hostile, now) = try Self.session(Self.hostile)
        let (plain, plainNow) = try Self.session(Self.hostile.enumerated().map { i, t in
            // The same kind of note as the hostile text, so both have the same sections.
            let kind = NoteText(PeopleText.clean(t)).kind
            return (kind == .discussion ? "" : kind.rawValue + ": ") + "X\(i)"
        })
        let outputs = [try #require(format.slot(hostile, id: "s", at: now)), format.day(hostile, at: now)]
        let references = [try #require(format.slot(plain, id: "s", at: plainNow)), format.day(plain, at: plainNow)]
        for (out, reference) in zip(outputs, references) {
            #expect(Self.controls(out).isEmpty, "\(format): control characters \(Self.controls(out).prefix(5))")
            #expect(out.hasSuffix("\n") && !out.hasSuffix("\n\n\n"), "\(format) does not end in one line break")
            switch format {
            case .json:
                let object = try JSONSerialization.jsonObject(with: Data(out.utf8))
                #expect(object is [String: Any])
                // What was typed is in the JSON, minus the control and bidi override characters
                // dropped on purpose.
                #expect(out.contains("evil gnp.exe"))
                #expect(out.contains(String(repeating: "会", count: 10_000)))
            case .markdown, .mediawiki:
                #expect(Self.headings(out, format: format) == Self.headings(reference, format: format),
                        "\(format): headings changed\n\(out.prefix(2000))")
            case .text:
                #expect(out.split(separator: "\n").count >= Self.hostile.count)
            }
        }
    }
}
