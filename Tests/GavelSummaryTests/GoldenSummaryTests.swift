import Foundation
import GavelCore
import GavelSummary
import Testing

@Suite struct GoldenSummaryTests {
    @Test(arguments: SummaryFormat.allCases)
    func wholeMicroconference(format: SummaryFormat) throws {
        let script = try ScriptedSession.morning()
        try Golden.check(format.day(script.session, at: script.clock.now()), name: "index." + Self.ext(format))
    }

    @Test(arguments: SummaryFormat.allCases)
    func oneSlot(format: SummaryFormat) throws {
        let script = try ScriptedSession.morning()
        let text = try #require(format.slot(script.session, id: "x86", at: script.clock.now()))
        try Golden.check(text, name: "x86." + Self.ext(format))
    }

    /// Renderers hand over bytes, and `gavel summary` prints them as they are: they must be valid
    /// UTF-8 (a String made of them, as the views write, would repair anything else), in every
    /// format, for each slot and the whole day of a session with hostile text.
    @Test(arguments: SummaryFormat.allCases)
    func theBytesAreTheTextsBytes(format: SummaryFormat) throws {
        let script = try ScriptedSession.morning()
        let now = script.clock.now()
        let day = SummaryBuilder.day(script.session, at: now)
        #expect(format.renderBytes(day) == Array(format.day(script.session, at: now).utf8))
        for slot in script.session.agenda.slots {
            let model = try #require(SummaryBuilder.slot(script.session, id: slot.id, at: now))
            let bytes = format.renderBytes(model, context: SummaryBuilder.context(script.session, at: now))
            #expect(bytes == Array(try #require(format.slot(script.session, id: slot.id, at: now)).utf8), "\(slot.id)")
            #expect(!bytes.isEmpty)
        }
    }

    @Test func theScriptEndsBothSlotsAndMarksLateNotesStale() throws {
        let script = try ScriptedSession.morning()
        #expect(script.effects == [
            .slotEnded(slot: "x86", cause: .lastTopic),
            .summaryStale(slot: "x86"),
            .slotEnded(slot: "mm", cause: .timeUp),
            .slotEnded(slot: "arm", cause: .lastTopic),
        ])
    }

    @Test func everyLiveNoteAppearsAndTheDeletedOneDoesNot() throws {
        let script = try ScriptedSession.morning()
        let markdown = SummaryFormat.markdown.day(script.session, at: script.clock.now())
        #expect(!markdown.contains("this note is deleted"))
        #expect(markdown.contains("Does nested virtualization need it at all?"))
        #expect(!markdown.contains("need this?"))
        #expect(markdown.contains("Unlisted topic: dropped-talk"))
        #expect(markdown.contains("Unlisted slot: old-slot"))
        let json = SummaryFormat.json.day(script.session, at: script.clock.now())
        for note in script.session.notes.values where !note.deleted {
            #expect(json.contains("\"id\": \"\(note.id)\""), "note \(note.id) missing from the JSON summary")
        }
    }

    /// The README's summary excerpt is cut from the golden index: every line of it, in order,
    /// `…` standing for lines left out. Re-recording the golden files without updating the README
    /// fails here.
    @Test func theReadmeExcerptIsTheGoldenIndex() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let golden = try String(contentsOf: Golden.folder.appendingPathComponent("index.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```markdown\n# Virtualization Microconference: summary"))
        let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let excerpt = readme[readme.index(start.lowerBound, offsetBy: "```markdown\n".count)..<end.lowerBound]
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        var at = 0
        for line in excerpt.split(separator: "\n", omittingEmptySubsequences: false) where line != "…" && !line.isEmpty {
            guard let found = goldenLines[at...].firstIndex(of: line) else {
                Issue.record("README line not in Golden/index.md (in order): \(line)")
                return
            }
            at = found + 1
        }
    }

    static func ext(_ format: SummaryFormat) -> String {
        switch format {
        case .markdown: "md"
        case .mediawiki: "wiki"
        case .json: "json"
        case .text: "txt"
        }
    }
}
