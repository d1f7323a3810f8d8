import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

/// Issue 13, "Import: found": one hand-written fixture per finding (Fixtures/issue13), each with
/// the line that matters, from RFC 5545 and the frab/pentabarf formats.
@Suite struct RealScheduleImportTests {
    static func read(_ name: String, zone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        try ScheduleReading.read(path: Fixtures.path("issue13/\(name)"), fallbackZone: zone)
    }

    static func agenda(_ name: String, _ options: ScheduleImport.Options = .init(), zone: TimeZone? = nil,
                       notices: inout [Diagnostic]) throws -> Agenda {
        guard case .agenda(let a) = ScheduleImport.run(try read(name, zone: zone), options: options, notices: &notices) else {
            Issue.record("\(name): expected an agenda")
            return Agenda(title: "", slots: [])
        }
        return a
    }

    static func agenda(_ name: String, _ options: ScheduleImport.Options = .init(), zone: TimeZone? = nil) throws -> Agenda {
        var notices: [Diagnostic] = []
        return try agenda(name, options, zone: zone, notices: &notices)
    }

    static func date(_ s: String, _ zone: String) -> Date { Fixtures.date(s, zone) }

    // MARK: identity

    @Test func oneUIDForManyEventsKeepsEveryEventAndWarnsOnce() throws {
        let s = try Self.read("ics-uid-reused.ics")
        #expect(s.events.map(\.title) == ["Opening", "Soldering for beginners", "Mesh networks"])
        let about = s.warnings.filter { $0.message.contains("camp-talk@example.org") }
        #expect(about.count == 1 && about[0].message.contains("3 events with different starts"), "\(s.warnings)")
    }

    // MARK: markers

    @Test func anEventWithoutEndIsAMarkerThatSplitsTheSlotAndIsNoted() throws {
        var notices: [Diagnostic] = []
        let a = try Self.agenda("ics-no-end.ics", notices: &notices)
        // 16:30 "Coffee is served" ends the slot: "Closing" at 16:35 is a slot of its own.
        #expect(a.slots.map { $0.topics.map(\.title) } == [["Last talk"], ["Closing"]])
        #expect(a.slots[1].topics[0].note?.contains("16:30 Coffee is served") == true)
        #expect(a.slots[1].topics[0].note?.contains("18:00 Evening social") == true)
        #expect(notices.contains { $0.message.contains("Coffee is served") && $0.message.contains("takes no time") })
        #expect(notices.contains { $0.line == 11 } && notices.contains { $0.line == 24 })
    }

    // MARK: published starts

    @Test func topicsKeepTheirPublishedStartsSoChangeoversStay() throws {
        let a = try Self.agenda("frab-changeovers.xml")
        let topics = a.allTopics.map(\.topic)
        #expect(topics.map(\.start) == [Self.date("2024-02-03T17:00", "Europe/Brussels"), Self.date("2024-02-03T17:35", "Europe/Brussels"),
                                        Self.date("2024-02-03T18:00", "Europe/Brussels")])
        #expect(topics.map(\.ref) == ["frab:e1", "frab:e2", "frab:e3"])
        #expect(topics.map(\.eventID) == ["1", "2", "3"])
        #expect(topics[2].url == "https://example.org/e3")
        // Through the agenda file and back: 18:00 stays 18:00.
        let text = AgendaWriter.toml(a)
        #expect(text.contains("start = \"18:00\""))
        let back = try AgendaParser.parse(text, file: "t.toml").agenda
        #expect(back == a)
        // The export carries the published start, not the end-to-end drift (17:50).
        let ics = try ICalendarWriter.ics(back, stamp: Date(timeIntervalSince1970: 0)).get()
        #expect(ics.contains("DTSTART:20240203T170000Z"))
        #expect(!ics.contains("DTSTART:20240203T165000Z"))
    }

    // MARK: time zones

    @Test func pentabarfStartsAreWallTimesInTheGivenZoneNeverConverted() throws {
        let zone = Fixtures.zone("Europe/Brussels")
        let s = try Self.read("pentabarf-no-zone.xml", zone: zone)
        let morning = try #require(s.events.first { $0.title == "Morning" })
        #expect(morning.start == Self.date("2024-02-03T10:30", "Europe/Brussels"))
        #expect(s.zoneGuess == nil)
        let a = try Self.agenda("pentabarf-no-zone.xml", zone: zone)
        #expect(LocalTime.hhmm(a.allTopics[0].topic.start ?? .distantPast, zone: a.timeZone) == "10:30")
        #expect(a.timeZoneGuess == nil)
    }

    @Test func withoutAZoneTheGuessIsSaidAndKeptForGavelCheck() throws {
        let a = try Self.agenda("pentabarf-no-zone.xml")
        #expect(["UTC", "GMT"].contains(a.timeZone.identifier))
        let guess = try #require(a.timeZoneGuess)
        #expect(guess.contains("no time zone"))
        let text = AgendaWriter.toml(a)
        #expect(text.contains("timezone_guess = "))
        let checked = try AgendaParser.parse(text, file: "imported.toml")
        #expect(checked.warnings.contains { $0.message.contains("is a guess") && $0.line == 5 }, "\(checked.warnings)")
        let utc = try Self.agenda("ics-utc-only.ics")
        #expect(utc.timeZoneGuess?.contains("UTC") == true)
    }

    @Test func pentabarfDayChangePutsLateTalksOnTheNextDate() throws {
        let s = try Self.read("pentabarf-no-zone.xml", zone: Fixtures.zone("Europe/Brussels"))
        let late = try #require(s.events.first { $0.title == "After midnight" })
        #expect(late.start == Self.date("2024-02-04T00:30", "Europe/Brussels"))
        #expect(late.day == "2024-02-03")
    }

    @Test func windowsZoneNamesAreMappedWithCLDR() throws {
        let s = try Self.read("ics-windows-zone.ics")
        #expect(s.timeZone?.identifier == "Europe/Berlin")
        #expect(s.events.first?.start == Self.date("2024-09-18T10:00", "Europe/Berlin"))
        #expect(s.warnings.contains { $0.message.contains("W. Europe Standard Time") })
        #expect(ScheduleReading.zone(named: "Pacific Standard Time")?.identifier == "America/Los_Angeles")
        for (windows, iana) in WindowsZones.iana { #expect(TimeZone(identifier: iana) != nil, "\(windows) -> \(iana)") }
    }

    @Test func anUnknownZoneIsReadFromItsVTIMEZONE() throws {
        let s = try Self.read("ics-vtimezone-custom.ics")
        let summer = try #require(s.events.first { $0.title == "Summer time" })
        let winter = try #require(s.events.first { $0.title == "Winter time" })
        #expect(summer.start == Date(timeIntervalSince1970: 1_726_646_400))   // 2024-09-18T08:00Z (+02:00)
        #expect(winter.start == Date(timeIntervalSince1970: 1_732_093_200))   // 2024-11-20T09:00Z (+01:00)
        #expect(s.warnings.contains { $0.message.contains("VTIMEZONE") })
    }

    @Test func theRepeatedHourKeepsItsLengthAndTheSkippedHourIsImported() throws {
        let s = try Self.read("ics-dst.ics")
        let repeated = try #require(s.events.first { $0.title == "Repeated hour" })
        #expect(repeated.length == 30 * 60)                                      // not 90 minutes
        #expect(repeated.start == Date(timeIntervalSince1970: 1_729_992_600))   // 01:30Z = 02:30 CET, the second 02:30
        let skipped = try #require(s.events.first { $0.title == "Skipped hour" })
        #expect(skipped.start == Date(timeIntervalSince1970: 1_711_848_600))    // 01:30Z = 03:30 CEST
        #expect(skipped.length == 60 * 60)
        #expect(s.warnings.contains { $0.line == 12 && $0.message.contains("does not exist") })
        #expect(s.warnings.contains { $0.line == 6 && $0.message.contains("happens twice") })
    }

    // MARK: recurrence and cancellation

    @Test func cancelledEventsLeaveRecurringOnesExpandAndOverridesReplaceOneOccurrence() throws {
        let s = try Self.read("ics-recurrence.ics")
        #expect(!s.events.contains { $0.title == "Cancelled keynote" })
        #expect(s.warnings.contains { $0.message.contains("CANCELLED") })
        let breaks = s.events.filter { $0.title.hasPrefix("Coffee break") }.sorted { $0.start < $1.start }
        #expect(breaks.map { LocalTime.format($0.start, zone: Fixtures.zone("Europe/Paris")) } ==
                ["2024-09-16T10:30:00", "2024-09-17T10:45:00", "2024-09-19T10:30:00"])
        #expect(breaks[1].title == "Coffee break (late)")
        #expect(Set(breaks.compactMap(\.ref)).count == 3)
    }

    // MARK: parallel sessions

    @Test func overlappingEventsInOneRoomBecomeSeparateSlots() throws {
        var notices: [Diagnostic] = []
        let a = try Self.agenda("ics-parallel.ics", notices: &notices)
        #expect(a.slots.map { $0.topics.map(\.title) } == [["Workshop A"], ["Workshop B", "Wrap-up"]])
        #expect(notices.contains { $0.message.contains("overlaps \"Workshop A\"") })
        for slot in a.slots { #expect(slot.plannedLength <= slot.length) }
    }

    // MARK: text

    @Test func entitiesAreDecodedAndSpeakerNamesLeaveTitles() throws {
        let e = try #require(try Self.read("ics-entities-speakers.ics").events.first)
        #expect(e.title == "Q&A with the maintainers")
        #expect(e.speakers == ["Jane Doe"])
        let p = try #require(try Self.read("ics-pretalx.ics").events.first)
        #expect(p.title == "Rust in the kernel")
        #expect(p.speakers == ["Ana Souza", "Li Wei"])
        #expect(p.url == "https://pretalx.example.org/conf/talk/ABCD/")
        let f = try #require(try Self.read("frab-speaker-in-title.xml").events.first)
        #expect(f.title == "Tales from the & bench")
        #expect(f.speakers == ["Ana Souza"])
    }

    @Test func aFoldInsideAUTF8CharacterAndCROnlyLinesAreRead() throws {
        #expect(try Self.read("ics-fold-in-utf8.ics").events.first?.title == "Café au lait")
        let cr = try Self.read("ics-cr-only.ics")
        #expect(cr.events.first?.title == "Old Mac line ends")
    }

    // MARK: encodings (issue 15, item 15)

    @Test func utf16WithoutAByteOrderMarkIsDecodedFirst() throws {
        let s = try Self.read("frab-utf16le-no-bom.xml")
        #expect(s.events.map(\.title) == ["First", "Second", "Third"])
        do {
            _ = try Self.read("frab-utf16be-entity.xml")
            Issue.record("an entity declaration hidden behind NUL bytes must be refused")
        } catch {
            #expect(error.description.contains("<!ENTITY") && error.diagnostics.first?.line == 2, "\(error.description)")
        }
    }

    // MARK: size and depth

    @Test func deepNestingIsRefusedWithoutCrashing() throws {
        let depth = 28_000
        let xml = "<schedule>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</schedule>"
        do {
            _ = try ScheduleReading.read(Data(xml.utf8), file: "deep.xml")
            Issue.record("a schedule without days must be refused")
        } catch {
            #expect(error.description.contains("no <day>"))
        }
    }

    @Test func frabOverTenMegabytesIsRead() throws {
        var xml = "<?xml version=\"1.0\"?><schedule><conference><title>Big</title><time_zone_name>Europe/Brussels</time_zone_name></conference><day index=\"1\" date=\"2024-02-03\"><room name=\"R\">"
        let abstract = String(repeating: "x", count: 11 * 1024 * 1024)
        xml += "<event guid=\"g\" id=\"1\"><date>2024-02-03T10:00:00+01:00</date><duration>00:25</duration><title>Long abstract</title><abstract>\(abstract)</abstract></event>"
        xml += "</room></day></schedule>"
        let s = try ScheduleReading.read(Data(xml.utf8), file: "big.xml")
        #expect(s.events.map(\.title) == ["Long abstract"])
    }
}
