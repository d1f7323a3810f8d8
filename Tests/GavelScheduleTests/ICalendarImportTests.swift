import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

@Suite struct ICalendarImportTests {
    func schedule() throws -> ScheduleFile {
        try ScheduleReading.read(path: Fixtures.path("ics-indico.ics"))
    }

    @Test func unfoldsUnescapesAndReadsNamesZonesAndCategories() throws {
        let s = try schedule()
        #expect(s.conference == "Linux Plumbers Conference 2024")
        #expect(s.timeZone?.identifier == "Europe/Vienna")
        let first = try #require(s.events.first)
        // The duplicate UID with SEQUENCE:1 replaces the first event in its place.
        #expect(first.title == "Scheduler, locking; and you (updated)")
        #expect(first.speakers == ["Doe, Jane"])
        #expect(first.tracks == ["Kernel Testing"])
        let folded = try #require(s.events.first { $0.uid == "evt-2@indico" })
        #expect(folded.title == "A very long title that is folded across several physical lines because Indico folds at seventy-five octets")
        #expect(folded.start == Fixtures.date("2024-09-18T10:25", "Europe/Vienna"))   // 08:25Z
        #expect(folded.length == 30 * 60)                                               // DURATION:PT30M
        #expect(folded.room == "Hall N1")                                               // stray space dropped
        #expect(folded.tracks == ["Kernel Testing"])
        #expect(folded.speakers == ["Ünïcødé Spëaker"])
        let untitled = try #require(s.events.first { $0.uid == "evt-4@indico" })
        #expect(untitled.title == "(untitled)")
        #expect(untitled.start == Fixtures.date("2024-09-18T11:40", "Europe/Vienna"))  // floating: the calendar's zone
        #expect(!s.events.contains { $0.title == "All day social" })
        let lines = s.warnings.compactMap(\.line)
        #expect(lines.contains(48) && lines.contains(67))
        // DTSTART and no end: RFC 5545 §3.6.1 gives it no length; it is kept as a marker, not dropped.
        let marker = try #require(s.events.first { $0.title == "No end" })
        #expect(marker.isMarker && marker.line == 70)
        #expect(s.warnings.contains { $0.message.contains("UID \"evt-1@indico\"") })
    }

    @Test func listsRoomsAndDaysThenImportsOne() throws {
        guard case .choose(let listing) = ScheduleImport.run(try schedule(), options: .init()) else {
            Issue.record("expected a listing"); return
        }
        #expect(listing.rows.map(\.events) == [5, 1, 1])
        #expect(listing.rows.map(\.room) == ["Hall N1", "Hall N2", "Hall N1"])
        guard case .agenda(let agenda) = ScheduleImport.run(try schedule(), options: .init(room: "Hall N1", date: "2024-09-18")) else {
            Issue.record("expected an agenda"); return
        }
        #expect(agenda.slots.map(\.topics.count) == [3, 1])
        // The marker at 15:00 is noted on the last topic before it, never silently gone.
        #expect(agenda.slots[1].topics[0].note?.contains("15:00 No end") == true)
        #expect(agenda.slots[0].title == "Kernel Testing")
        #expect(agenda.slots[0].topics.map(\.kind) == [.talk, .talk, .lightning])
        #expect(agenda.slots[0].length == 65 * 60)
        #expect(agenda.slots[1].start == Fixtures.date("2024-09-18T11:40", "Europe/Vienna"))
        guard case .agenda(let next) = ScheduleImport.run(try schedule(), options: .init(room: "Hall N1", day: 2)) else {
            Issue.record("expected an agenda"); return
        }
        #expect(next.allTopics.map(\.topic.title) == ["Next day"])
    }

    @Test func durationsAndTextValues() {
        #expect(ICalendarTime.duration("PT25M") == 1500)
        #expect(ICalendarTime.duration("PT1H30M") == 5400)
        #expect(ICalendarTime.duration("P1DT2H") == 93600)
        #expect(ICalendarTime.duration("P1W") == 604_800)
        #expect(ICalendarTime.duration(" pt5m ") == 300)
        #expect(ICalendarTime.duration("PT") == nil)
        #expect(ICalendarTime.duration("30 minutes") == nil)
        #expect(ICalendarLine.unescape(#"a\, b\; c\\d\ne\N"#) == "a, b; c\\d\ne\n")
        #expect(ICalendarLine.list(#"One\, two,Three"#) == ["One, two", "Three"])
        let parsed = ICalendarLine.parse(#"ORGANIZER;CN="Doe, Jane: PhD";ROLE=CHAIR:mailto:j@example.org"#)
        #expect(parsed?.name == "ORGANIZER")
        #expect(parsed?.parameters["CN"] == "Doe, Jane: PhD")
        #expect(parsed?.value == "mailto:j@example.org")
    }

    @Test(arguments: [
        ("ics-unclosed.ics", 8, "closes BEGIN:VEVENT of line 3"),
        ("ics-no-colon.ics", 5, "SUMMARY Missing colon"),
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

    @Test func invalidUTF8IsRefusedAtItsLine() throws {
        let bytes = Array("BEGIN:VCALENDAR\nSUMMARY:ok\nSUMMARY:".utf8) + [0xC3, 0x28] + Array("\nEND:VCALENDAR\n".utf8)
        do {
            _ = try ScheduleReading.read(Data(bytes), file: "bad.ics")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "bad.ics:3: not UTF-8 text; iCalendar files are UTF-8")
        }
    }

    /// One event that cannot be read no longer aborts the file: it is skipped with its line.
    @Test(arguments: [
        ("ics-bad-dtstart.ics", 6, "DTSTART \"2024091810000\""),
        ("ics-bad-duration.ics", 7, "DURATION"),
        ("ics-unknown-tzid.ics", 6, "Mars/Olympus_Mons"),
    ])
    func aBrokenEventIsSkippedWithItsLine(name: String, line: Int, words: String) throws {
        let s = try ScheduleReading.read(path: Fixtures.path(name))
        let w = try #require(s.warnings.first { $0.line == line })
        #expect(w.description.hasPrefix("\(Fixtures.path(name)):\(line): "))
        #expect(w.message.contains(words) && w.message.contains("skipped"), "\(w.description)")
        #expect(!s.events.contains { $0.line == line - 3 || $0.title.contains("Bad") })
    }
}
