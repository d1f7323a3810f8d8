import Foundation
import GavelCore
import Testing
@testable import GavelWeb

/// The state JSON keeps its documented shape: every key present (null when empty), instants not
/// countdowns, notes only for the roles that see them, text that can never become markup.
@Suite struct WebStateTests {
    let t0 = WebFixtures.t0

    func session(_ actions: [(TimeInterval, SessionEvent.Action)]) -> Session {
        Session(agenda: WebFixtures.agenda, events: actions.map { SessionEvent(at: t0.addingTimeInterval($0.0), $0.1) })
    }

    @Test func aRunningTopicIsSentAsInstantsNotAsACountdown() throws {
        let s = session([(0, .start(slot: "x86", topic: "avic")), (100, .pause(slot: "x86", topic: "avic")),
                         (160, .start(slot: "x86", topic: "avic")), (170, .adjust(slot: "x86", topic: "avic", seconds: 60))])
        let now = t0.addingTimeInterval(200)
        let state = WebState.stamped(WebState.make(session: s, at: now, role: .speaker), serverTime: now)
        let json = try WebFixtures.json(state.serialized)
        #expect(json["format"] as? String == "gavel-state")
        #expect(json["version"] as? Int == 1)
        #expect(json["serverTimeMs"] as? Int64 == Int64(now.timeIntervalSince1970 * 1000))
        #expect(json["role"] as? String == "speaker")
        #expect(json["warnSeconds"] as? [Int] == [300, 120])
        #expect(json["message"] is NSNull, "reserved for the chair's messages, null until they exist")
        #expect(json["notes"] is NSNull, "the speaker does not see notes")
        let slot = try #require(json["slot"] as? [String: Any])
        #expect(slot["id"] as? String == "x86")
        #expect(slot["number"] as? Int == 1 && slot["count"] as? Int == 2)
        #expect(slot["ended"] is NSNull && slot["scheduledStartMs"] is NSNull)
        #expect(slot["deadlineMs"] as? Int64 == Int64(t0.addingTimeInterval(45 * 60).timeIntervalSince1970 * 1000))
        #expect(slot["current"] as? Int == 0)
        let topics = try #require(slot["topics"] as? [[String: Any]])
        #expect(topics.count == 3)
        let avic = topics[0]
        #expect(avic["state"] as? String == "running")
        #expect(avic["plannedSeconds"] as? Int == 21 * 60)
        #expect(avic["accumulatedSeconds"] as? Double == 100)
        #expect(avic["runningSinceMs"] as? Int64 == Int64(t0.addingTimeInterval(160).timeIntervalSince1970 * 1000))
        #expect(topics[1]["state"] as? String == "ready" && topics[1]["runningSinceMs"] is NSNull)
        #expect(topics[2]["kind"] as? String == "lightning")
        #expect(avic["warnSeconds"] as? [Int] == [300, 120])
        #expect(topics[2]["warnSeconds"] as? [Int] == [60, 30], "a lightning talk warns at its kind's times")
        #expect(Set(json.keys) == ["format", "version", "serverTimeMs", "role", "agenda", "warnSeconds", "slot", "message", "notes"])
    }

    @Test func theStateDoesNotChangeWhileTimeMerelyPasses() {
        let s = session([(0, .start(slot: "x86", topic: "avic"))])
        let a = WebState.make(session: s, at: t0.addingTimeInterval(10), role: .speaker)
        let b = WebState.make(session: s, at: t0.addingTimeInterval(500), role: .speaker)
        #expect(a == b, "nothing to send each second: the page computes the seconds")
        let c = WebState.make(session: s, at: t0.addingTimeInterval(45 * 60 + 1), role: .speaker)
        #expect(a != c, "the slot's time running out is a change")
    }

    @Test func aSlotThatRanOutStopsItsClocksAtItsEnd() throws {
        let s = session([(0, .start(slot: "x86", topic: "avic"))])
        let now = t0.addingTimeInterval(50 * 60)
        let json = try WebFixtures.json(WebState.make(session: s, at: now, role: .feed).serialized)
        let slot = try #require(json["slot"] as? [String: Any])
        let ended = try #require(slot["ended"] as? [String: Any])
        #expect(ended["cause"] as? String == "timeUp")
        let topic = try #require((slot["topics"] as? [[String: Any]])?.first)
        #expect(topic["runningSinceMs"] is NSNull)
        #expect(topic["accumulatedSeconds"] as? Double == 2700.0, "all it ran, up to the slot's end")
    }

    @Test func notesGoToTheNotesPageNewestFirstWithKindsAndAuthors() throws {
        let s = session([(0, .start(slot: "x86", topic: "avic")),
                         (10, .noteAdded(id: "n1", slot: "x86", topic: "avic", text: "a: @avi review it", by: "ada")),
                         (20, .noteAdded(id: "n2", slot: "x86", topic: "avic", text: "<img src=x onerror=alert(1)>", by: "bob")),
                         (30, .noteAdded(id: "n3", slot: "x86", topic: "markup", text: "elsewhere", by: "bob"))])
        let text = WebState.make(session: s, at: t0.addingTimeInterval(40), role: .notes).serialized
        #expect(!text.contains("<") && !text.contains(">"), "markup characters travel escaped")
        let json = try WebFixtures.json(text)
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.map { $0["id"] as? String } == ["n2", "n1"], "the running topic's notes, newest first")
        #expect(notes[0]["text"] as? String == "<img src=x onerror=alert(1)>")
        #expect(notes[1]["kind"] as? String == "action" && notes[1]["owners"] as? [String] == ["avi"])
        #expect(notes[1]["by"] as? String == "ada" && notes[1]["offsetSeconds"] as? Int == 10)
        let speaker = try WebFixtures.json(WebState.make(session: s, at: t0.addingTimeInterval(40), role: .speaker).serialized)
        #expect(speaker["notes"] is NSNull)
    }

    @Test func jsonTextEscapesWhatCouldCloseATagOrBreakALine() {
        let value = JSONValue.string("</script>\u{2028}\n\"&\u{0}")
        #expect(value.serialized == #""\u003c/script\u003e\u2028\n\"\u0026\u0000""#)
    }
}
