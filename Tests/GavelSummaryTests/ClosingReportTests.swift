import Foundation
import GavelCore
import GavelSummary
import Testing

/// The summary read as the owner preparing the closing session: a fast slot of 20-second topics
/// (as the day in the room was rehearsed), with time granted by the chair, a topic skipped with
/// `n`, three note-takers, actions typed every way, an open question and a link ending in `)`.
@Suite struct ClosingReportTests {
    static let zone = TimeZone(identifier: "UTC") ?? .current
    static let t0 = Date(timeIntervalSince1970: 1_346_230_800)   // 2012-08-29 09:00 UTC

    /// The slot's events up to `until` seconds after its start, and the instant to summarise it at.
    static func session(until: Double = 200) -> (Session, Date) {
        let agenda = Agenda(title: "Fast MC", timeZone: zone, slots: [
            Slot(id: "fast", title: "Fast", length: 300, topics: [
                Topic(id: "a", title: "Alpha", speakers: ["Ann"], length: 20),
                Topic(id: "b", title: "Beta", speakers: ["Bo"], length: 20),
                Topic(id: "c", title: "Gamma", speakers: ["Cy"], length: 30),
                Topic(id: "d", title: "Delta", speakers: ["Di"], length: 20, kind: .lightning),
            ]),
        ])
        var s = Session(agenda: agenda)
        let t0 = Self.t0
        func at(_ seconds: Double, _ action: SessionEvent.Action) {
            if seconds <= until { s.apply(SessionEvent(at: t0 + seconds, action)) }
        }
        var n = 0
        func note(_ seconds: Double, _ topic: String, _ text: String, by: String) {
            n += 1
            at(seconds, .noteAdded(id: "n\(n)", slot: "fast", topic: topic, text: text, by: by))
        }
        at(0, .openSlot(slot: "fast"))
        at(0, .start(slot: "fast", topic: "a"))
        note(5, "a", "discussion one", by: "nora")
        note(10, "a", "a: @avi review the patch", by: "nora")
        note(12, "a", "TODO: @bo write the docs", by: "chair")
        note(13, "a", "AI: ask the list", by: "chair")
        note(14, "a", "q: does it scale?", by: "ivo")
        note(15, "a", "see https://example.com/a_b_(c).", by: "ivo")
        at(20, .adjust(slot: "fast", topic: "a", seconds: 30))      // granted +0:30, used 1:18
        at(78, .next(slot: "fast", topic: "a"))                     // Beta starts
        at(93, .next(slot: "fast", topic: "b"))                     // Beta used 0:15; Gamma starts
        at(95, .adjust(slot: "fast", topic: "c", seconds: 30))      // granted +0:30, used 0:40
        at(133, .pause(slot: "fast", topic: "c"))
        at(134, .next(slot: "fast", topic: "c"))                    // Delta is current, not started
        at(135, .next(slot: "fast", topic: "d"))                    // skipped: the slot ends
        return (s, t0 + until)
    }

    static func day(_ format: SummaryFormat) -> String {
        let (s, now) = session()
        return format.day(s, at: now)
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The JSON summary of the day, parsed.
    static func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(day(.json).utf8)) as? [String: Any])
    }

    static func overview() throws -> [String: Any] { try #require(try json()["overview"] as? [String: Any]) }

    static func topic(_ id: String) throws -> [String: Any] {
        let slots = try #require(try json()["slots"] as? [[String: Any]])
        let topics = try #require(slots.first?["topics"] as? [[String: Any]])
        return try #require(topics.first { $0["id"] as? String == id })
    }

    @Test(arguments: SummaryFormat.allCases)
    func discussionOffsetsReadAsOffsets(format: SummaryFormat) throws {
        let text = Self.day(format)
        switch format {
        case .json:
            #expect(text.contains("\"offset\": \"+00:05\""))
            #expect(!text.contains("\"offset\": \"00:"))
        default:
            let bullet = format == .mediawiki ? "* " : format == .text ? "  - " : "- "
            #expect(Self.lines(text).contains(bullet + "+00:05 discussion one"), "\(text)")
            // No list item starts with what reads as a clock time.
            let clockLike = try Regex(#"^\s*[-*] \d\d:\d\d "#)
            #expect(!Self.lines(text).contains { $0.contains(clockLike) }, "\(text)")
            #expect(text.contains("notes are marked with their time into the topic (+mm:ss)"))
        }
    }

    @Test func actionsSayTheirOwnerOnce() {
        let md = Self.day(.markdown)
        let lines = Self.lines(md)
        #expect(lines.contains("- @avi review the patch"))
        #expect(lines.contains("- @bo write the docs"))
        #expect(lines.contains("- ask the list — *no owner*"))
        #expect(!md.contains("owner: "))
        #expect(!md.contains("owners: "))
    }

    @Test func todoAndAIAreActions() throws {
        let md = Self.day(.markdown)
        #expect(md.contains("#### @bo\n\n- @bo write the docs — *Fast / Alpha*"))
        #expect(md.contains("#### No owner\n\n- ask the list — *Fast / Alpha*"))
        let owners = try #require(try Self.overview()["actionsByOwner"] as? [[String: Any]])
        #expect(owners.compactMap { $0["owner"] as? String } == ["avi", "bo"])
    }

    @Test func theOverviewNamesWhatWasNotHeldTheOpenQuestionsAndTheNoteTakers() throws {
        let lines = Self.lines(Self.day(.markdown))
        #expect(lines.contains("- Topics held: 3 of 4"))
        #expect(lines.contains("- Topics not held: Delta (Fast)"))
        #expect(lines.contains("- Notes by: chair (2), ivo (2), nora (2)"))
        guard let questions = lines.firstIndex(of: "### Open questions") else {
            Issue.record("no open questions in the overview")
            return
        }
        #expect(lines[questions + 1] == "- does it scale? — *Fast / Alpha*")
        #expect(questions < lines.firstIndex(of: "## Fast") ?? 0, "the open questions are not in the overview")
        let overview = try Self.overview()
        let notHeld = try #require(overview["topicsNotHeld"] as? [[String: Any]])
        #expect(notHeld.map { $0["topic"] as? String } == ["d"])
        let open = try #require(overview["questions"] as? [[String: Any]])
        #expect(open.map { ($0["note"] as? [String: Any])?["body"] as? String } == ["does it scale?"])
        let takers = try #require(overview["noteTakers"] as? [[String: Any]])
        #expect(takers.map { $0["name"] as? String } == ["chair", "ivo", "nora"])
        #expect(takers.map { $0["notes"] as? Int } == [2, 2, 2])
    }

    @Test func theSlotAloneCreditsItsNoteTakers() throws {
        let (s, now) = Self.session()
        let md = try #require(SummaryFormat.markdown.slot(s, id: "fast", at: now))
        #expect(Self.lines(md).contains("- Notes by: chair (2), ivo (2), nora (2)"))
    }

    /// Granted time is the chair's, not the speaker's: overruns are measured against planned +
    /// granted, and the plan's own figure is given beside it.
    @Test func plannedGrantedAndUsedAreAllShown() throws {
        let md = Self.day(.markdown)
        let lines = Self.lines(md)
        #expect(lines.contains("Speaker: Ann · planned 0:20, granted +0:30, used 1:18: 0:28 over planned+granted, 0:58 over the plan"))
        #expect(lines.contains("Speaker: Bo · planned 0:20, used 0:15: 0:05 under the plan"))
        #expect(lines.contains("Speaker: Cy · planned 0:30, granted +0:30, used 0:40: 0:20 under planned+granted, 0:10 over the plan"))
        #expect(lines.contains("| Topic | Started | Planned | Granted | Used | Over planned+granted | Over plan |"))
        #expect(lines.contains("| Alpha | 09:00 | 0:20 | +0:30 | 1:18 | +0:28 | +0:58 |"))
        #expect(lines.contains("| Gamma | 09:01 | 0:30 | +0:30 | 0:40 | -0:20 | +0:10 |"))
        #expect(lines.contains("| Total | 09:00 | 1:30 | +1:00 | 2:13 | +0:03 | +1:03 |"))
        // Gamma ran over the plan within what the chair granted: not an overrun.
        #expect(lines.contains("- Overruns (past planned+granted): 1"))
        #expect(lines.contains("- Alpha (Fast): planned 0:20, granted +0:30, used 1:18: 0:28 over planned+granted, 0:58 over the plan"))
        #expect(!lines.contains { $0.hasPrefix("- Gamma (Fast)") })
        let overruns = try #require(try Self.overview()["overruns"] as? [[String: Any]])
        #expect(overruns.count == 1)
        let alpha = try #require(overruns.first)
        #expect(alpha["topic"] as? String == "a")
        for (key, value) in [("plannedSeconds", 20), ("adjustSeconds", 30), ("grantedSeconds", 50), ("usedSeconds", 78),
                             ("overrunSeconds", 58), ("overGrantedSeconds", 28)] {
            #expect(alpha[key] as? Int == value, "\(key)")
            #expect(try Self.topic("a")[key] as? Int == value, "\(key)")
        }
        #expect(try Self.topic("c")["overGrantedSeconds"] as? Int == -20)
    }

    @Test(arguments: SummaryFormat.allCases)
    func noDurationHasADecimal(format: SummaryFormat) throws {
        let text = Self.day(format)
        let decimal = try Regex(#"\d\.\d"#)
        // The only digits with a point are in the link's host or the JSON's dates: none here.
        #expect(!text.contains(decimal), "\(text)")
    }

    @Test func aSkippedTopicIsNotHeldEverywhere() throws {
        let lines = Self.lines(Self.day(.markdown))
        #expect(lines.contains("Lightning talk · Speaker: Di · planned 0:20, not held"))
        #expect(lines.contains("| Delta | — | 0:20 | 0:00 | not held | — | — |"))
        let delta = try Self.topic("d")
        #expect(delta["held"] as? Bool == false)
        #expect(delta["holding"] as? String == "notHeld")
        #expect(try Self.topic("a")["holding"] as? String == "held")
    }

    /// While the slot runs, the topics to come are "not held yet", and the running one is not
    /// called under its time.
    @Test func midSlotTheTopicsToComeAreNotHeldYet() throws {
        let (s, now) = Self.session(until: 30)
        let lines = Self.lines(SummaryFormat.markdown.day(s, at: now))
        #expect(lines.contains("- Topics held: 1 of 4"))
        #expect(lines.contains("- Topics not held yet: Beta (Fast), Gamma (Fast), Delta (Fast)"))
        #expect(!lines.contains { $0.hasPrefix("- Topics not held:") })
        #expect(lines.contains("Speaker: Ann · planned 0:20, granted +0:30, used 0:30 so far"))
        #expect(lines.contains("Speaker: Bo · planned 0:20, not held yet"))
        #expect(lines.contains("- Actual: 09:00–, running at 09:00"))
    }

    @Test func aLinkKeepsItsClosingBracket() throws {
        #expect(Self.day(.markdown).contains("see <https://example.com/a_b_(c)>."))
        #expect(Self.day(.mediawiki).contains("see https://example.com/a_b_(c)."))
        let discussion = try #require(try Self.topic("a")["discussion"] as? [[String: Any]])
        #expect(discussion.compactMap { $0["links"] as? [String] }.flatMap { $0 } == ["https://example.com/a_b_(c)"])
    }
}
