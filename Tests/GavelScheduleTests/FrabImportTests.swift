import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

@Suite struct FrabImportTests {
    func schedule() throws -> ScheduleFile {
        try ScheduleReading.read(path: Fixtures.path("frab-two-days.xml"))
    }

    @Test func readsConferenceZoneEntitiesAndPersons() throws {
        let s = try schedule()
        #expect(s.conference == "Open Source Days & Nights 2024")
        #expect(s.timeZone?.identifier == "Europe/Brussels")
        #expect(s.events.count == 7)
        let first = try #require(s.events.first)
        #expect(first.title == "Café scheduling & <queues>")
        #expect(first.subtitle == "why fair is hard")
        #expect(first.speakers == ["Zoë Ångström", "Ravi Kumar"])
        #expect(s.events.contains { $0.title == "Memory tiering" })
        #expect(s.events.contains { $0.title == "Storage & friends" })
        // Without <date>, <start> is read on the <day>'s date in the conference's zone.
        let keynote = try #require(s.events.first { $0.title == "Keynote" })
        #expect(keynote.start == Fixtures.date("2024-02-03T09:30", "Europe/Brussels"))
    }

    @Test func severalRoomsAndDaysAreListedWithCounts() throws {
        guard case .choose(let listing) = ScheduleImport.run(try schedule(), options: .init()) else {
            Issue.record("expected a listing"); return
        }
        #expect(listing.rows == [
            .init(dayNumber: 1, date: "2024-02-03", room: "Janson", events: 1),
            .init(dayNumber: 1, date: "2024-02-03", room: "K.3.201", events: 5),
            .init(dayNumber: 2, date: "2024-02-04", room: "K.3.201", events: 1),
        ])
        #expect(listing.render().contains("--room Janson --date 2024-02-03"))
        guard case .choose = ScheduleImport.run(try schedule(), options: .init(date: "2024-02-03")) else {
            Issue.record("two rooms on that day: expected a listing"); return
        }
        guard case .choose(let none) = ScheduleImport.run(try schedule(), options: .init(room: "Nowhere", day: 1)) else {
            Issue.record("expected a listing"); return
        }
        #expect(none.reason?.contains("Nowhere") == true)
    }

    @Test func oneRoomOneDayBecomesSlotsAtGapsWithLightning() throws {
        guard case .agenda(let agenda) = ScheduleImport.run(try schedule(), options: .init(room: "k.3.201", day: 1)) else {
            Issue.record("expected an agenda"); return
        }
        #expect(agenda.room == "K.3.201")
        #expect(agenda.event == "Open Source Days & Nights 2024")
        #expect(agenda.timeZone.identifier == "Europe/Brussels")
        // 10:00-10:55, gap 20m; 11:15-11:40 (5m lightning, then Storage), gap; 00:30 past midnight, still day 1.
        #expect(agenda.slots.map(\.topics.count) == [2, 2, 1])
        #expect(agenda.slots.map(\.title) == ["Kernel (10:00)", "Kernel and Storage", "Kernel (00:30)"])
        #expect(Set(agenda.slots.map(\.id)).count == 3)
        #expect(agenda.slots[1].topics[0].kind == .lightning)
        #expect(agenda.slots[2].start == Fixtures.date("2024-02-04T00:30", "Europe/Brussels"))
        #expect(agenda.slots[0].length == 55 * 60)
        let text = AgendaWriter.toml(agenda)
        #expect(try AgendaParser.parse(text, file: "imported.toml").agenda == agenda)
    }

    @Test func aLongerGapSettingJoinsSlots() throws {
        guard case .agenda(let agenda) = ScheduleImport.run(try schedule(), options: .init(room: "K.3.201", date: "2024-02-03", gap: 30 * 60)) else {
            Issue.record("expected an agenda"); return
        }
        #expect(agenda.slots.map(\.topics.count) == [4, 1])
    }

    @Test func trackFilterKeepsOnlyThatTrack() throws {
        guard case .agenda(let agenda) = ScheduleImport.run(try schedule(), options: .init(room: "K.3.201", day: 1, track: "storage")) else {
            Issue.record("expected an agenda"); return
        }
        #expect(agenda.title == "storage")
        #expect(agenda.allTopics.map(\.topic.title) == ["Storage & friends"])
    }

    @Test(arguments: [
        ("frab-mismatched-tag.xml", 9, "closing tag"),
        ("frab-bad-entity.xml", 7, "&amp;"),
    ])
    func brokenFilesNameTheirLine(name: String, line: Int, words: String) throws {
        do {
            _ = try ScheduleReading.read(path: Fixtures.path(name))
            Issue.record("\(name): expected an error")
        } catch {
            #expect(error.diagnostics.first?.line == line, "\(error.description)")
            #expect(error.description.hasPrefix("\(Fixtures.path(name)):\(line): "))
            #expect(error.description.contains(words), "\(error.description)")
        }
    }

    @Test func aBrokenEventIsSkippedWithItsLine() throws {
        let s = try ScheduleReading.read(path: Fixtures.path("frab-bad-duration.xml"))
        let w = try #require(s.warnings.first)
        #expect(w.line == 8 && w.message.contains("twenty minutes") && w.message.contains("skipped"), "\(w.description)")
        #expect(s.events.isEmpty)
    }
}
