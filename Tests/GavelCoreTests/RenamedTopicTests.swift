import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// A topic whose id came from its title, renamed while the day runs ("Lightning talk 1" gets its
/// real title): the session keeps its clock and notes, says which ids it lost, and `[renamed]`
/// maps them (issue 11).
@Suite struct RenamedTopicTests {
    static func agenda(second: String, renamed: [String: String] = [:]) -> Agenda {
        Agenda(title: "MC", timeZone: TimeZone(identifier: "UTC")!, slots: [
            Slot(id: "lt", title: "Lightning talks", length: 600, topics: [
                Topic(id: "lightning-talk-1", title: "Lightning talk 1", length: 300, kind: .lightning),
                Topic(id: second, title: second == "vfio-next-steps" ? "VFIO next steps" : "Lightning talk 2", length: 300, kind: .lightning),
            ]),
        ], renamed: renamed)
    }

    static let t0 = Date(timeIntervalSince1970: 1_000_000)
    static let events: [SessionEvent] = [
        SessionEvent(at: t0, .start(slot: "lt", topic: "lightning-talk-1")),
        SessionEvent(at: t0 + 200, .next(slot: "lt", topic: "lightning-talk-1")),
        SessionEvent(at: t0 + 230, .noteAdded(id: "n1", slot: "lt", topic: "lightning-talk-2", text: "d: yes", by: "ada")),
    ]

    @Test func withoutAMappingNothingIsDroppedAndTheLossIsNamed() throws {
        let renamedOnly = Session(agenda: Self.agenda(second: "vfio-next-steps"), events: Self.events)
        // The slot's clock runs on (its deadline is where it was): only the topic's id is lost.
        #expect(renamedOnly.deadline("lt") == Self.t0.addingTimeInterval(600))
        #expect(renamedOnly.snapshot(at: Self.t0 + 300)?.slotRemaining == 300)
        let orphans = renamedOnly.orphans
        #expect(orphans.map(\.topic) == ["lightning-talk-2"])
        #expect(orphans.first?.notes == 1)
        #expect(orphans.first?.probably == "vfio-next-steps")
        #expect(orphans.first?.message.contains("[renamed] lightning-talk-2 = \"vfio-next-steps\"") == true)
    }

    @Test func aRenamedTopicKeepsItsClockAndNotes() throws {
        let agenda = Self.agenda(second: "vfio-next-steps", renamed: ["lightning-talk-2": "vfio-next-steps"])
        let session = Session(agenda: agenda, events: Self.events)
        #expect(session.orphans.isEmpty)
        let snap = try #require(session.snapshot(at: Self.t0 + 260))
        #expect(snap.currentTopic?.topic.title == "VFIO next steps")
        #expect(snap.currentTopic?.isRunning == true, "it started when the first was finished")
        #expect(snap.currentTopic?.elapsed == 60)
        #expect(session.notes(slot: "lt", topic: "vfio-next-steps").map(\.text) == ["d: yes"])
    }

    @Test func theAgendaFileMapsIDsAndRefusesWrongOnes() throws {
        let text = """
        title = "MC"
        [[slot]]
        id = "lt"
        title = "Lightning talks"
        length = "10m"
          [[slot.topic]]
          title = "VFIO next steps"
          length = "5m"
        [renamed]
        lightning-talk-2 = "vfio-next-steps"
        """
        let agenda = try AgendaParser.parse(text, file: "r.toml").agenda
        #expect(agenda.renamed == ["lightning-talk-2": "vfio-next-steps"])
        // Written back and read again, the mapping stays.
        #expect(try AgendaParser.parse(AgendaWriter.toml(agenda), file: "w.toml").agenda.renamed == agenda.renamed)
        #expect(throws: FileError.self) {
            try AgendaParser.parse(text.replacingOccurrences(of: "= \"vfio-next-steps\"", with: "= \"nowhere\""), file: "r.toml")
        }
        do {
            _ = try AgendaParser.parse(text.replacingOccurrences(of: "lightning-talk-2 =", with: "vfio-next-steps ="), file: "r.toml")
            Issue.record("an id still on the agenda was accepted as renamed")
        } catch {
            #expect(error.description.contains("r.toml:10:"))
        }
    }
}
