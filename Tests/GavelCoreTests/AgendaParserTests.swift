import Foundation
import Testing
@testable import GavelCore

@Suite struct AgendaParserTests {
    static let la = TimeZone(identifier: "America/Los_Angeles")!

    func parse(_ text: String) throws(FileError) -> AgendaParser.Result {
        try AgendaParser.parse(text, file: "a.toml", defaultTimeZone: Self.la)
    }

    /// The diagnostics of an agenda that must fail.
    func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            Issue.record("agenda was accepted:\n\(text)")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func exampleLoads() throws {
        let result = try parse(BundledExample.source)
        let agenda = result.agenda
        #expect(result.warnings.isEmpty)
        #expect(agenda.title == "Virtualization Microconference")
        #expect(agenda.slots.map(\.id) == ["x86", "mm", "arm", "security-storage", "networking"])
        #expect(agenda.slots.reduce(0) { $0 + $1.topics.count } == 17)
        #expect(agenda.totalLength == 270 * 60)
        #expect(agenda.slots.last?.length == 90 * 60)
        let lightning = agenda.slots.last?.topics.filter { $0.kind == .lightning } ?? []
        #expect(lightning.count == 4)
        #expect(lightning.allSatisfy { $0.length == 300 })
        #expect(agenda.timeZone.identifier == "America/Los_Angeles")
        #expect(agenda.slot(id: "mm")?.topics.map(\.speakers) == [["Dario Faggioli"], ["Andrea Arcangeli"], ["Daniel Kiper"]])
    }

    /// A view re-reads an agenda in its session's zone only when the file names none: one that
    /// names its zone reads the same in any default, and a conference agenda costs 40 ms a read.
    @Test func anAgendaThatNamesItsZoneReadsTheSameInAnyDefault() throws {
        let body = "title = \"T\"\n[[slot]]\ntitle = \"S\"\nstart = 2026-11-29T09:00:00\nlength = \"1h\"\n[[slot.topic]]\ntitle = \"a\"\n"
        let named = "timezone = \"Europe/Paris\"\n" + body
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let a = try AgendaParser.parse(named, file: "a.toml", defaultTimeZone: Self.la).agenda
        let b = try AgendaParser.parse(named, file: "a.toml", defaultTimeZone: tokyo).agenda
        #expect(a.namesTimeZone && b.namesTimeZone)
        #expect(a == b)
        let c = try AgendaParser.parse(body, file: "a.toml", defaultTimeZone: Self.la).agenda
        let d = try AgendaParser.parse(body, file: "a.toml", defaultTimeZone: tokyo).agenda
        #expect(!c.namesTimeZone && !d.namesTimeZone)
        #expect(c.slots[0].start != d.slots[0].start)
    }

    @Test func aTopicsPublishedClockTimeIsTwoDigitsEach() {
        let good: [(String, Int, Int, Int)] = [("10:30", 10, 30, 0), (" 09:05 ", 9, 5, 0), ("23:59:59", 23, 59, 59), ("00:00", 0, 0, 0)]
        for (text, h, m, s) in good {
            let c = TableReader.clockTime(text)
            #expect(c?.h == h && c?.m == m && c?.s == s, "\(text)")
        }
        for text in ["9:30", "24:00", "10:60", "10:30:60", "+9:30", "10:3", "10:30:", "١٠:٣٠", "10.30", "10:30:5", "", "ab:cd", "10:30 am"] {
            #expect(TableReader.clockTime(text) == nil, "\(text)")
        }
    }

    @Test func bundledExampleEqualsTheFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/lpc2012-virt.toml")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == BundledExample.source)
    }

    @Test func defaultsAndDerivedIDs() throws {
        let agenda = try parse("""
        title = "T"
        [defaults]
        topic = "25m"
        lightning = "3m"
        warn = ["4m", "1m"]
        [[slot]]
        title = "Slot One"
        length = "45m"
        start = 2012-08-29T13:30:00
          [[slot.topic]]
          title = "VFIO: a new way"
          speakers = ["Alex Williamson"]
          [[slot.topic]]
          title = "Quick"
          kind = "lightning"
        """).agenda
        let slot = try #require(agenda.slots.first)
        #expect(slot.id == "slot-one")
        #expect(slot.topics.map(\.id) == ["vfio-a-new-way", "quick"])
        #expect(slot.topics.map(\.length) == [1500, 180])
        #expect(agenda.defaults.warn == [240, 60])
        #expect(slot.start.map { LocalTime.format($0, zone: Self.la) } == "2012-08-29T13:30:00")
        #expect(slot.start?.timeIntervalSince1970 == 1_346_272_200)
    }

    /// Lightning talks have warn times of their own, a slot or topic can set its own, and a warn
    /// time at or above a topic's length is a warning and left out, never amber all along.
    @Test func warnTimesByKindSlotAndTopic() throws {
        let result = try AgendaParser.parse("""
        title = "T"
        [defaults]
        lightning = "5m"
        warn = ["5m", "2m"]
        [[slot]]
        id = "a"
        title = "A"
        length = "45m"
          [[slot.topic]]
          title = "Talk"
          [[slot.topic]]
          title = "Flash"
          kind = "lightning"
          [[slot.topic]]
          title = "Own"
          length = "10m"
          warn = ["3m"]
          [[slot.topic]]
          title = "Short"
          length = "4m"
        [[slot]]
        id = "b"
        title = "B"
        length = "20m"
        warn = ["1m"]
          [[slot.topic]]
          title = "In B"
          length = "10m"
        """, file: "w.toml")
        let agenda = result.agenda
        let a = agenda.slots[0], b = agenda.slots[1]
        #expect(a.topics.map { agenda.warn(for: $0, in: a) } == [[300, 120], [60, 30], [180], [120]])
        #expect(b.topics.map { agenda.warn(for: $0, in: b) } == [[60]])
        #expect(result.warnings.map(\.description) == [
            "w.toml:18: warning: topic \"Short\": warn time 5m is not below its length 4m; it is left out (set warn = [...] on the topic, or warn_lightning in [defaults])",
        ])
        // The bundled example's lightning talks are not amber from their first second.
        let example = try AgendaParser.parse(BundledExample.source, file: "x.toml")
        #expect(example.warnings.isEmpty)
        for slot in example.agenda.slots {
            for topic in slot.topics { #expect(example.agenda.warn(for: topic, in: slot).allSatisfy { $0 < topic.length }, "\(topic.title)") }
        }
    }

    @Test func unknownKeyNamesItsLine() {
        #expect(errors("""
        title = "T"
        [[slot]]
        id = "a"
        title = "A"
        length = "45m"
          [[slot.topic]]
          title = "x"
          lenght = "20m"
        """) == ["a.toml:8: unknown key \"lenght\" in [slot.topic]; known keys: id, title, speakers, length, kind, note, warn, at_zero, until, start, ref, event_id, url"])
    }

    @Test func missingTitleAndBadDuration() {
        let e = errors("""
        title = "T"
        [[slot]]
        id = "a"
        length = "45"
          [[slot.topic]]
          title = "x"
          length = "20 minutes"
        """)
        #expect(e.contains("a.toml:2: missing \"title\""))
        #expect(e.contains { $0.hasPrefix("a.toml:4: bad duration \"45\"") })
        #expect(e.contains { $0.hasPrefix("a.toml:7: bad duration \"20 minutes\"") })
    }

    @Test func duplicateIDs() {
        let e = errors("""
        title = "T"
        [[slot]]
        id = "a"
        title = "A"
        length = "45m"
          [[slot.topic]]
          id = "t"
          title = "x"
          [[slot.topic]]
          id = "t"
          title = "y"
        [[slot]]
        id = "a"
        title = "B"
        length = "45m"
          [[slot.topic]]
          title = "z"
        """)
        #expect(e.contains { $0.hasPrefix("a.toml:10: duplicate topic id \"t\"") })
        #expect(e.contains { $0.hasPrefix("a.toml:13: duplicate slot id \"a\"") })
    }

    @Test func badTimeZone() {
        #expect(errors("""
        title = "T"
        timezone = "Mars/Olympus"
        [[slot]]
        title = "A"
        length = "45m"
          [[slot.topic]]
          title = "x"
        """).first?.hasPrefix("a.toml:2: unknown time zone \"Mars/Olympus\"") == true)
    }

    @Test func overbookingIsAWarning() throws {
        let result = try parse("""
        title = "T"
        [[slot]]
        id = "a"
        title = "A"
        length = "30m"
          [[slot.topic]]
          title = "x"
          [[slot.topic]]
          title = "y"
        """)
        #expect(result.warnings.map(\.description) == ["a.toml:5: warning: slot \"a\" is overbooked: 40m of topics in 30m"])
    }

    @Test func syntaxErrorHasALine() {
        let e = errors("title = \"T\"\n[[slot]]\ntitle = \"A\n")
        #expect(e.count == 1)
        #expect(e.first?.hasPrefix("a.toml:3: TOML syntax:") == true)
    }

    @Test func wrongTypesAndKinds() {
        let e = errors("""
        title = 5
        [[slot]]
        title = "A"
        length = 45
          [[slot.topic]]
          title = "x"
          kind = "keynote"
          speakers = "Solo Speaker"
        """)
        #expect(e.contains("a.toml:1: \"title\" must be a string, not an integer"))
        #expect(e.contains { $0.hasPrefix("a.toml:4: \"length\" must be a duration string") })
        #expect(e.contains("a.toml:7: unknown kind \"keynote\"; use \"talk\" or \"lightning\""))
    }

    @Test func emptyAndNoSlots() {
        #expect(errors("").contains("a.toml:1: missing \"title\""))
        #expect(errors("title = \"T\"").contains { $0.contains("no slots") })
    }

    @Test func badWarnTimes() {
        let e = errors("""
        title = "T"
        [defaults]
        warn = ["2m", "5m"]
        [[slot]]
        title = "A"
        length = "45m"
          [[slot.topic]]
          title = "x"
        """)
        #expect(e.first?.hasPrefix("a.toml:3: \"warn\" times must go down") == true)
    }

    @Test func badSlotID() {
        let e = errors("""
        title = "T"
        [[slot]]
        id = "../../etc"
        title = "A"
        length = "45m"
          [[slot.topic]]
          title = "x"
        """)
        #expect(e.first?.hasPrefix("a.toml:3: slot id \"../../etc\" may hold only") == true)
    }
}
