import Foundation
import Testing
import GavelCore

/// Two slot ids that differ but name one summary file (`day1.am` and `day1-am` both write
/// `day1-am.md`) would overwrite each other's summary: the agenda is refused at the second id's line.
@Suite struct SummaryFileCollisionTests {
    static func agenda(_ ids: [String]) -> String {
        var text = "title = \"T\"\n"
        for id in ids { text += "[[slot]]\nid = \"\(id)\"\ntitle = \"S\"\nlength = \"10m\"\n[[slot.topic]]\ntitle = \"t \(id)\"\nid = \"t-\(UUID().uuidString.prefix(8))\"\n" }
        return text
    }

    @Test(arguments: [
        ["day1.am", "day1-am"], ["index", "slot-index"], ["Day1", "day1"], ["INDEX", "slot-index"],
        ["v1.2", "v1-2"], ["a_b", "a.c", "a-c"],
    ])
    func collidingIDsAreRefusedAtTheSecondID(ids: [String]) throws {
        do {
            _ = try AgendaParser.parse(Self.agenda(ids), file: "t.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
            Issue.record("\(ids) accepted")
        } catch {
            let secondIDLine = 3 + 7 * (ids.count - 1)
            let d = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1, "\(error.description)")
            #expect(d.line == secondIDLine, "\(d.description)")
            #expect(d.message.contains("\"\(ids[ids.count - 2])\"") && d.message.contains("\"\(ids[ids.count - 1])\""), "\(d.message)")
            #expect(d.message.contains(SummaryFileName.of(slot: ids[ids.count - 1])))
        }
    }

    @Test func distinctFileNamesAreAccepted() throws {
        let result = try AgendaParser.parse(Self.agenda(["day1-am", "day1_am", "day1-pm", "index-2"]), file: "t.toml")
        let names = result.agenda.slots.map { SummaryFileName.of(slot: $0.id) }
        #expect(Set(names.map { $0.lowercased() }).count == 4)
        #expect(!names.contains(SummaryFileName.index))
    }
}
