import Foundation
import GavelCore
import Testing

@Suite struct AgendaWriterTests {
    @Test func theExampleReadsBackEqual() throws {
        let original = try AgendaParser.load(path: Fixtures.example("lpc2012-virt.toml")).agenda
        let text = AgendaWriter.toml(original, header: ["written by a test"])
        let again = try AgendaParser.parse(text, file: "written.toml").agenda
        #expect(again == original)
    }

    @Test func quotesEscapesStartsRoomsAndNotesReadBackEqual() throws {
        let zone = Fixtures.zone("Europe/Vienna")
        let agenda = Agenda(
            title: "Quotes \"inside\" and \\ backslashes", event: "Tab\there, newline\nthere", room: "Hall N1",
            timeZone: zone, defaults: Agenda.Defaults(topic: 17 * 60 + 30, lightning: 90, warn: [4 * 60]),
            slots: [
                Slot(id: "first", title: "Ünïcødé & 日本語", start: Fixtures.date("2024-09-18T10:00", "Europe/Vienna"),
                     length: 45 * 60, room: "Room \"B\"", topics: [
                        Topic(id: "a", title: "Control \u{7} bell kept escaped", speakers: ["Zoë", "O'Brien"], length: 20 * 60,
                              note: "line one\nline two"),
                        Topic(id: "b", title: "Lightning", length: 90, kind: .lightning),
                     ]),
                Slot(id: "second", title: "No start", length: 3600, topics: [Topic(id: "c", title: "#not a comment", length: 1800)]),
            ])
        let text = AgendaWriter.toml(agenda)
        let again = try AgendaParser.parse(text, file: "written.toml").agenda
        #expect(again == agenda)
        #expect(text.contains("start = 2024-09-18T10:00:00"))
        #expect(text.contains("timezone = \"Europe/Vienna\""))
    }

    @Test func anAgendaInTheDefaultZoneReadsBackEqual() throws {
        let text = "title = \"T\"\n[[slot]]\ntitle = \"S\"\nstart = 2024-01-01T09:00:00\nlength = \"45m\"\n[[slot.topic]]\ntitle = \"A\"\n"
        let agenda = try AgendaParser.parse(text, file: "t.toml").agenda
        #expect(!agenda.namesTimeZone)
        // Written, the zone it was read in is named: the times stay where they were.
        var back = try AgendaParser.parse(AgendaWriter.toml(agenda), file: "w.toml").agenda
        #expect(back.namesTimeZone)
        back.namesTimeZone = false
        #expect(back == agenda)
    }
}
