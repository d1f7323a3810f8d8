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

    @Test func theScriptEndsBothSlotsAndMarksLateNotesStale() throws {
        let script = try ScriptedSession.morning()
        #expect(script.effects == [
            .slotEnded(slot: "x86", cause: .lastTopic),
            .summaryStale(slot: "x86"),
            .slotEnded(slot: "mm", cause: .timeUp),
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

    static func ext(_ format: SummaryFormat) -> String {
        switch format {
        case .markdown: "md"
        case .mediawiki: "wiki"
        case .json: "json"
        case .text: "txt"
        }
    }
}
