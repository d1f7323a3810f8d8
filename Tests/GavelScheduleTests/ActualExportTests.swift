import Foundation
import GavelCore
@testable import GavelSchedule
import GavelTestSupport
import Testing

/// Issue 13, "Timings out": actual times recovered from the session's events, written as frab,
/// JSON, CSV and iCalendar; and issue 11's export items (no private note, no control bytes).
@Suite struct ActualExportTests {
    static let zone = Fixtures.zone("Europe/Brussels")
    static let nine = Fixtures.date("2024-02-03T09:00", "Europe/Brussels")

    static func agenda() -> Agenda {
        Agenda(title: "Kernel devroom", event: "FOSDEM 2024", room: "K.3.201", timeZone: zone, slots: [
            Slot(id: "am", title: "Morning", start: nine, length: 3600, topics: [
                Topic(id: "a", title: "Alpha", speakers: ["Ana Souza"], length: 20 * 60, note: "bring the HDMI adapter",
                      start: nine, ref: "frab:aaaa-1111", eventID: "101"),
                Topic(id: "b", title: "Beta", length: 20 * 60, start: nine.addingTimeInterval(25 * 60), ref: "frab:bbbb-2222"),
                Topic(id: "c", title: "Gamma", length: 10 * 60),
            ]),
        ])
    }

    /// A morning as it happened: Alpha from 09:00:12, paused 2 minutes at 09:10:12, finished
    /// 09:25:42; Beta straight on to 09:48:00; the chair ends the slot; Gamma never held.
    static func events() -> [SessionEvent] {
        let t = { (s: TimeInterval) in nine.addingTimeInterval(s) }
        return [
            SessionEvent(at: t(12), .start(slot: "am", topic: "a")),
            SessionEvent(at: t(612), .pause(slot: "am", topic: "a")),
            SessionEvent(at: t(732), .start(slot: "am", topic: "a")),
            SessionEvent(at: t(800), .adjust(slot: "am", topic: "a", seconds: 60)),
            SessionEvent(at: t(1542), .next(slot: "am", topic: "a")),
            SessionEvent(at: t(2880), .endSlot(slot: "am", cause: .chair)),
        ]
    }

    @Test func intervalsComeFromTheEventsAndAddUpToTheEnginesTime() throws {
        let times = ActualTimes(agenda: Self.agenda(), events: Self.events(), asOf: Self.nine.addingTimeInterval(4000))
        let a = try #require(times.timing(slot: "am", topic: "a"))
        #expect(a.intervals.map { [$0.start, $0.end].map { $0.timeIntervalSince(Self.nine) } } == [[12, 612], [732, 1542]])
        #expect(a.usedSeconds == 1410)
        #expect(a.grantedSeconds == 21 * 60)
        #expect(a.finished == Self.nine.addingTimeInterval(1542))
        let b = try #require(times.timing(slot: "am", topic: "b"))
        #expect(b.intervals.map { [$0.start, $0.end].map { $0.timeIntervalSince(Self.nine) } } == [[1542, 2880]])
        #expect(times.timing(slot: "am", topic: "c")?.held == false)
        #expect(times.slots["am"]?.cause == .chair)
        // The engine agrees on every second.
        let session = Session(agenda: Self.agenda(), events: Self.events())
        #expect(session.runs["am"]?.run("a").elapsed(at: Self.nine.addingTimeInterval(4000)) == a.usedSeconds)
    }

    @Test func aSlotWhoseTimeRanOutStopsTheClockAtItsDeadline() throws {
        let events = [SessionEvent(at: Self.nine, .start(slot: "am", topic: "a"))]
        let times = ActualTimes(agenda: Self.agenda(), events: events, asOf: Self.nine.addingTimeInterval(2 * 3600))
        let a = try #require(times.timing(slot: "am", topic: "a"))
        #expect(a.intervals.count == 1 && a.intervals[0].end == Self.nine.addingTimeInterval(3600))
        #expect(times.slots["am"]?.cause == .timeUp)
    }

    @Test func aClockStepSplitsTheIntervalAtTheStep() throws {
        let events = [
            SessionEvent(at: Self.nine, .start(slot: "am", topic: "a")),
            SessionEvent(at: Self.nine.addingTimeInterval(900), .clockJump(seconds: 600)),
            SessionEvent(at: Self.nine.addingTimeInterval(1200), .pause(slot: "am", topic: "a")),
        ]
        let times = ActualTimes(agenda: Self.agenda(), events: events, asOf: Self.nine.addingTimeInterval(3000))
        let a = try #require(times.timing(slot: "am", topic: "a"))
        #expect(a.intervals.map { [$0.start, $0.end].map { $0.timeIntervalSince(Self.nine) } } == [[0, 300], [900, 1200]])
        #expect(a.usedSeconds == Session(agenda: Self.agenda(), events: events).runs["am"]?.run("a").elapsed(at: Self.nine.addingTimeInterval(3000)))
    }

    func export() -> ScheduleExport {
        let times = ActualTimes(agenda: Self.agenda(), events: Self.events(), asOf: Self.nine.addingTimeInterval(2880))
        return .actual(Self.agenda(), times: times, stamp: Self.nine.addingTimeInterval(2880))
    }

    @Test func frabCarriesTheActualStartAndDurationAndThePlan() throws {
        let xml = FrabWriter.xml(export())
        #expect(xml.contains("<event guid=\"aaaa-1111\" id=\"101\">"))
        #expect(xml.contains("<date>2024-02-03T09:00:12+01:00</date>"))
        #expect(xml.contains("<duration>00:25:30</duration>"))
        #expect(xml.contains("<planned_date>2024-02-03T09:00:00+01:00</planned_date>"))
        #expect(xml.contains("<interval start=\"2024-02-03T09:10:12+01:00\" end=\"2024-02-03T09:12:12+01:00\"") == false)
        #expect(xml.contains("<interval start=\"2024-02-03T09:12:12+01:00\" end=\"2024-02-03T09:25:42+01:00\"/>"))
        #expect(xml.contains("overrun_seconds=\"210\""))
        #expect(!xml.contains("Gamma"))
        #expect(!xml.contains("HDMI"))
        // Any frab reader reads it back as the schedule it was.
        let back = try ScheduleReading.read(Data(xml.utf8), file: "actual.xml")
        #expect(back.events.map(\.start) == [Self.nine.addingTimeInterval(12), Self.nine.addingTimeInterval(1542)])
        #expect(back.events.map(\.length) == [1530, 1338])
        #expect(back.events.map(\.ref) == ["frab:aaaa-1111", "frab:bbbb-2222"])
    }

    @Test func jsonIsVersionedAndCarriesEveryStartAndStop() throws {
        let json = ScheduleTables.json(export())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "gavel-schedule")
        #expect(object["version"] as? Int == 1)
        #expect(object["kind"] as? String == "actual")
        let topics = try #require(object["topics"] as? [[String: Any]])
        #expect(topics.count == 2)
        let actual = try #require(topics[0]["actual"] as? [String: Any])
        #expect(actual["usedSeconds"] as? Int == 1410)
        #expect(actual["overrunSeconds"] as? Int == 210)
        #expect(actual["grantedSeconds"] as? Int == 1260)
        #expect(actual["startUTC"] as? String == "2024-02-03T08:00:12Z")
        #expect((actual["intervals"] as? [Any])?.count == 2)
        #expect(topics[0]["ref"] as? String == "frab:aaaa-1111")
        #expect(!json.contains("HDMI"))
    }

    @Test func csvHasOneRowPerTopicHeldAndNoFormulas() throws {
        var agenda = Self.agenda()
        agenda.slots[0].topics[0].title = "=HYPERLINK(\"http://x\")"
        let times = ActualTimes(agenda: agenda, events: Self.events(), asOf: Self.nine.addingTimeInterval(2880))
        let csv = ScheduleTables.csv(.actual(agenda, times: times, stamp: Self.nine))
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("slot,slot_title,topic,title"))
        #expect(lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(lines[1].contains("2024-02-03T09:00:12+01:00") && lines[1].contains(",1410,210,"))
    }

    @Test func icsAsItHappenedWithoutNotesAttendeesOrControlBytes() throws {
        var agenda = Self.agenda()
        agenda.slots[0].topics[1].title = "Beta \u{1B}]2;pwned\u{07} \u{9B}31m and \u{202E}txet"
        agenda.slots[0].topics[1].speakers = ["Li \u{1B}[2JWei"]
        let times = ActualTimes(agenda: agenda, events: Self.events(), asOf: Self.nine.addingTimeInterval(2880))
        let ics = ICalendarWriter.ics(.actual(agenda, times: times, stamp: Self.nine))
        #expect(ics.contains("DTSTART:20240203T080012Z\r\n"))
        #expect(ics.contains("DTEND:20240203T082542Z\r\n"))
        #expect(ics.contains("X-GAVEL-INTERVAL:20240203T080012Z/20240203T081012Z"))
        #expect(!ics.contains("HDMI") && !ics.contains("X-GAVEL-NOTE"))
        #expect(!ics.contains("ATTENDEE"))
        #expect(ics.contains("X-GAVEL-SPEAKER:Ana Souza"))
        for scalar in ics.unicodeScalars {
            let v = scalar.value
            #expect(v == 0x0D || v == 0x0A || v == 0x20 || (v > 0x20 && v != 0x7F && !(0x80...0x9F).contains(v) && v != 0x202E), "U+\(String(v, radix: 16))")
        }
    }

    @Test func thePlannedCalendarIsTheSameBytesTwiceAndKeepsNotesPrivate() throws {
        let a = try ICalendarWriter.ics(Self.agenda(), stamp: Self.nine).get()
        let b = try ICalendarWriter.ics(Self.agenda(), stamp: Self.nine).get()
        #expect(a == b)
        #expect(a.contains("DTSTAMP:20240203T080000Z"))
        #expect(!a.contains("HDMI"))
        // Topic c has no published start: it follows b's planned end (09:25 + 20m).
        #expect(a.contains("DTSTART:20240203T084500Z"))
    }

    /// Property: any agenda run by any chair, exported with --actual and imported back, has the
    /// actual times as its schedule (to the second, as the formats hold them).
    @Test func exportedActualTimesImportBackAsTheSchedule() throws {
        var rng = SeededRandom(seed: 0xAC7_0A1)
        for round in 0..<60 {
            let (agenda, events, end) = Self.randomDay(&rng)
            let times = ActualTimes(agenda: agenda, events: events, asOf: end)
            let export = ScheduleExport.actual(agenda, times: times, stamp: end)
            let held = export.rows.compactMap { row -> (String, Date, Int)? in
                guard let s = row.actual?.start, let e = row.actual?.end else { return nil }
                let start = ScheduleExport.whole(s)
                return (row.topic.title, start, Int(ScheduleExport.whole(e).timeIntervalSince(start)))
            }
            // iCalendar: gavel's own fields rebuild the slots; the times are what happened.
            let ics = ICalendarWriter.ics(export)
            let file = try ScheduleReading.read(Data(ics.utf8), file: "actual.ics")
            if held.isEmpty { continue }
            guard case .agenda(let back) = ScheduleImport.run(file, options: .init()) else {
                Issue.record("round \(round): the ics export did not import"); continue
            }
            let topics = back.allTopics.map(\.topic)
            #expect(topics.map(\.title) == held.map(\.0), "round \(round)")
            #expect(topics.map(\.start) == held.map { $0.1 }, "round \(round)")
            #expect(topics.map(\.length) == held.map(\.2), "round \(round)")
            _ = try AgendaParser.parse(AgendaWriter.toml(back), file: "back.toml")
            // frab: a schedule as any frab reader sees it, one room, one day.
            let xml = FrabWriter.xml(export)
            let frab = try ScheduleReading.read(Data(xml.utf8), file: "actual.xml")
            let read = frab.events.sorted { $0.start < $1.start }
            #expect(read.map(\.title) == held.map(\.0), "round \(round)")
            #expect(read.map(\.start) == held.map { $0.1 }, "round \(round)")
            #expect(read.map(\.length) == held.map(\.2), "round \(round)")
        }
    }

    /// A random agenda of 1–3 slots and a random chair: starts, pauses, nexts, extensions,
    /// early ends, slots left to run out.
    static func randomDay(_ rng: inout SeededRandom) -> (Agenda, [SessionEvent], Date) {
        let words = ["Alpha", "Beta", "Gamma", "Delta", "Épsilon", "Zeta & Eta", "Theta; Iota", "Kappa, Lambda", "日本語", "Mu \"Nu\""]
        var slots: [Slot] = []
        var at = nine
        var n = 0
        for s in 0..<Int.random(in: 1...3, using: &rng) {
            var topics: [Topic] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                n += 1
                topics.append(Topic(id: "t\(n)", title: "\(words[Int.random(in: 0..<words.count, using: &rng)]) \(n)",
                                    speakers: Bool.random(using: &rng) ? ["Speaker \(n)"] : [], length: Int.random(in: 5...25, using: &rng) * 60))
            }
            let length = topics.reduce(0) { $0 + $1.length } + Int.random(in: 0...20, using: &rng) * 60
            slots.append(Slot(id: "s\(s)", title: "Slot \(s)", start: at, length: length, topics: topics))
            at = at.addingTimeInterval(TimeInterval(length + 900))
        }
        let agenda = Agenda(title: "Random", timeZone: zone, slots: slots)
        var events: [SessionEvent] = []
        var t = nine
        for slot in slots {
            t = max(t, slot.start ?? t).addingTimeInterval(Double(Int.random(in: 0...300, using: &rng)) + Double(Int.random(in: 0...999, using: &rng)) / 1000)
            var running = false
            for (i, topic) in slot.topics.enumerated() {
                if Int.random(in: 0..<6, using: &rng) == 0 && i > 0 { break }     // the chair stops early
                if !running { events.append(SessionEvent(at: t, .start(slot: slot.id, topic: topic.id))); running = true }
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    t = t.addingTimeInterval(Double(Int.random(in: 30...400, using: &rng)))
                    events.append(SessionEvent(at: t, .pause(slot: slot.id, topic: topic.id)))
                    t = t.addingTimeInterval(Double(Int.random(in: 10...200, using: &rng)))
                    events.append(SessionEvent(at: t, .start(slot: slot.id, topic: topic.id)))
                }
                if Bool.random(using: &rng) { events.append(SessionEvent(at: t, .adjust(slot: slot.id, topic: topic.id, seconds: 60))) }
                t = t.addingTimeInterval(Double(Int.random(in: 60...Int(Double(topic.length) * 1.3), using: &rng)) + 0.25)
                events.append(SessionEvent(at: t, .next(slot: slot.id, topic: topic.id)))
            }
            if Bool.random(using: &rng) { events.append(SessionEvent(at: t, .endSlot(slot: slot.id, cause: .chair))) }
        }
        return (agenda, events, t.addingTimeInterval(7200))
    }
}
