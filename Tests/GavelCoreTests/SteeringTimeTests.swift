import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// The chair's controls over time (issue 12), every rule with the manual clock: messages, what
/// happens at zero, the projected end, rebalancing, counting to a time of day.
@Suite struct SteeringTimeTests {
    static let zone = TimeZone(identifier: "UTC")!
    /// 2012-08-29 13:30:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_346_247_000)

    static func agenda(atZero: AtZero? = nil, until: TimeOfDay? = nil, slotLength: Int = 45 * 60) -> Agenda {
        Agenda(title: "MC", timeZone: zone, defaults: .init(topic: 600, lightning: 300, warn: [120, 60], minTopic: 300), slots: [
            Slot(id: "s", title: "S", length: slotLength, topics: [
                Topic(id: "a", title: "A", length: 600, atZero: atZero, until: until),
                Topic(id: "b", title: "B", length: 600),
                Topic(id: "lt", title: "Flash", length: 300, kind: .lightning),
                Topic(id: "c", title: "C", length: 600),
            ]),
        ])
    }

    static func live(_ agenda: Agenda) throws -> (LiveSession, ManualClock, MemoryLog) {
        let clock = ManualClock(t0)
        let log = MemoryLog()
        let live = try LiveSession(agenda: agenda, log: log, clock: clock, author: "chair", role: .chair)
        return (live, clock, log)
    }

    // MARK: - Messages

    @Test func aMessageOutlivesAPauseAndEndsWithItsTopic() throws {
        let (live, clock, _) = try Self.live(Self.agenda())
        try live.perform(.toggle)
        clock.advance(60)
        try live.perform(.message("please wrap up"))
        #expect(live.snapshot()?.message?.text == "please wrap up")
        try live.perform(.toggle)   // pause
        clock.advance(30)
        #expect(live.snapshot()?.message?.text == "please wrap up", "a pause does not clear it")
        try live.perform(.toggle)
        try live.perform(.next)
        #expect(live.snapshot()?.message == nil, "the next topic starts without it")
        try live.perform(.message("use the microphone"))
        try live.perform(.message(nil))
        #expect(live.snapshot()?.message == nil, "cleared by the chair")
        #expect(try live.perform(.message(nil)).answer == .refused("no message is shown"))
        #expect(try live.perform(.message("  ")).answer == .refused("an empty message shows nothing"))
    }

    @Test func messagesAreEventsOthersSee() throws {
        let (live, clock, log) = try Self.live(Self.agenda())
        try live.perform(.toggle)
        try live.perform(.message("questions now"))
        let speaker = try LiveSession(agenda: live.session.agenda, log: MemoryLog(storage: log.storage, view: "speaker"),
                                      clock: clock, author: "speaker", role: .speaker)
        #expect(speaker.snapshot()?.message?.text == "questions now")
        #expect(log.events.contains { $0.action.name == "message" && $0.by == "chair" })
    }

    // MARK: - At zero

    @Test func stopHoldsZeroAndSaysTime() throws {
        let (live, clock, _) = try Self.live(Self.agenda(atZero: .stop))
        try live.perform(.toggle)
        clock.advance(600 + 75)
        let topic = try #require(live.snapshot()?.currentTopic)
        #expect(topic.isHeldAtZero)
        #expect(topic.phase == .urgent)
        #expect(topic.clockText == "00:00")
        #expect(topic.overtime == 0)
        #expect(topic.usedSeconds == 675, "what it really used is kept for the summary")
        try live.tick()
        #expect(live.snapshot()?.current == 0, "stop never moves on by itself")
    }

    @Test func nextGivesANoticeThenStartsTheNextTopicOnce() throws {
        let (live, clock, log) = try Self.live(Self.agenda(atZero: .next))
        try live.perform(.toggle)
        clock.advance(600 + 3)
        #expect(live.snapshot()?.autoNextIn == 7)
        try live.tick()
        #expect(live.snapshot()?.current == 0, "still in the notice")
        clock.advance(8)
        try live.tick()
        let s = try #require(live.snapshot())
        #expect(s.current == 1)
        #expect(s.currentTopic?.isRunning == true)
        // It started at the notice's end, not when someone saw it.
        #expect(s.currentTopic?.elapsed == 1)
        let nexts = log.events.filter { $0.action == .next(slot: "s", topic: "a") }
        #expect(nexts.count == 1)
        #expect(nexts.first?.at == Self.t0.addingTimeInterval(610))
        // A second writer that wakes late records nothing more.
        let other = try LiveSession(agenda: live.session.agenda, log: MemoryLog(storage: log.storage, view: "o"), clock: clock,
                                    author: "ada", role: .notes)
        try other.tick()
        #expect(log.events.filter { $0.action.name == "next" }.count == 1)
    }

    @Test func spaceInTheNoticeHoldsTheTopic() throws {
        let (live, clock, _) = try Self.live(Self.agenda(atZero: .next))
        try live.perform(.toggle)
        clock.advance(604)
        #expect(try live.perform(.toggle).answer == .recorded)
        #expect(live.snapshot()?.autoNextIn == nil)
        clock.advance(60)
        try live.tick()
        let s = try #require(live.snapshot())
        #expect(s.current == 0, "held: it runs on into overtime")
        #expect(s.currentTopic?.isRunning == true)
        #expect(s.currentTopic?.phase == .overtime)
    }

    // MARK: - Projected end

    @Test func theProjectedEndFollowsThePace() throws {
        let (live, clock, _) = try Self.live(Self.agenda(slotLength: 40 * 60))
        try live.perform(.toggle)
        clock.advance(60)
        // 9 min left of A, then B 10, the flash 5, C 10: 34 min from now, in a 40-minute slot.
        var s = try #require(live.snapshot())
        #expect(s.projectedEnd == Self.t0.addingTimeInterval(60 + 34 * 60))
        // To the second: Date arithmetic leaves a few ulps.
        #expect(try #require(s.projectedOver).rounded() == -300)
        // A overruns by 8 minutes: the projection moves with the clock.
        clock.advance(9 * 60 + 8 * 60)
        s = try #require(live.snapshot())
        #expect(try #require(s.projectedOver).rounded() == 180)
    }

    // MARK: - Rebalance

    @Test func rebalanceSharesTheTimeLeftAndOneUndoTakesItBack() throws {
        let (live, clock, _) = try Self.live(Self.agenda(slotLength: 30 * 60))
        try live.perform(.toggle)
        clock.advance(5 * 60)
        // 25 min left; A has 5 to go, B 10, the flash 5, C 10: 30 planned, 5 over.
        let plan = try #require(live.session.rebalance("s", at: clock.now(), id: "r1"))
        // The flash talk keeps 5; A, B and C share 20: 400 s each; A keeps the 5 min it used.
        #expect(plan.changes.map(\.topic) == ["a", "b", "c"])
        #expect(plan.changes.map(\.after) == [300 + 400, 400, 400])
        #expect(plan.stillOver == 0)
        guard case .asked(.rebalance) = try live.perform(.rebalance).answer else {
            Issue.record("rebalance did not ask first")
            return
        }
        try live.perform(.rebalance, confirmed: true)
        var s = try #require(live.snapshot())
        #expect(s.topics.map(\.planned) == [700, 400, 300, 400])
        #expect(s.fairShare == nil, "it fits now")
        #expect(try live.undo(at: clock.now()).answer == .recorded)
        s = try #require(live.snapshot())
        #expect(s.topics.map(\.planned) == [600, 600, 300, 600], "one undo takes the whole rebalance back")
    }

    @Test func rebalanceNeverGoesBelowTheMinimum() throws {
        let (live, clock, _) = try Self.live(Self.agenda(slotLength: 20 * 60))
        try live.perform(.toggle)
        clock.advance(15 * 60)
        let plan = try #require(live.session.rebalance("s", at: clock.now()))
        for change in plan.changes where change.topic != "a" { #expect(change.after >= 300) }
        #expect(plan.stillOver > 0, "it says it still does not fit")
    }

    // MARK: - Until

    @Test func untilCountsToATimeOfDayAcrossAPauseAndAClockStep() throws {
        // A runs until 13:50 whatever happens: it started at 13:30.
        let (live, clock, _) = try Self.live(Self.agenda(until: TimeOfDay("13:50")))
        try live.perform(.toggle)
        clock.advance(5 * 60)
        #expect(live.snapshot()?.currentTopic?.remaining == 15 * 60)
        try live.perform(.toggle)   // pause: the hall is needed at 13:50 all the same
        clock.advance(5 * 60)
        #expect(live.snapshot()?.currentTopic?.remaining == 10 * 60)
        try live.perform(.toggle)
        // The wall clock was 2 minutes slow and is corrected: 13:50 is 2 minutes nearer.
        clock.jump(120)
        try live.tick()
        #expect(live.session.clockJumps.count == 1)
        #expect(live.snapshot()?.currentTopic?.remaining == 8 * 60)
        clock.advance(8 * 60)
        #expect(live.snapshot()?.currentTopic?.phase == .overtime)
    }

    @Test func aSlotUntilEndsAtItsTimeOfDay() throws {
        var agenda = Self.agenda()
        agenda.slots[0].until = TimeOfDay("14:00")
        let (live, clock, _) = try Self.live(agenda)
        try live.perform(.toggle)
        #expect(live.session.deadline("s") == Self.t0.addingTimeInterval(30 * 60))
        clock.advance(30 * 60)
        try live.tick()
        #expect(live.snapshot()?.ended?.cause == .timeUp)
    }

    @Test func theAgendaReadsTheNewKeys() throws {
        let result = try AgendaParser.parse("""
        title = "T"
        [defaults]
        at_zero = "stop"
        min_topic = "4m"
        messages = ["two minutes", "thank you"]
        [[slot]]
        id = "s"
        title = "S"
        length = "45m"
        at_zero = "next"
        until = "11:00"
          [[slot.topic]]
          title = "Keynote"
          until = 10:30:00
          at_zero = "overtime"
        """, file: "t.toml")
        let agenda = result.agenda
        #expect(agenda.defaults.atZero == .stop)
        #expect(agenda.defaults.minTopic == 240)
        #expect(agenda.defaults.messages == ["two minutes", "thank you"])
        #expect(agenda.slots[0].atZero == .next)
        #expect(agenda.slots[0].until == TimeOfDay("11:00"))
        #expect(agenda.slots[0].topics[0].until?.seconds == 10 * 3600 + 1800)
        #expect(agenda.atZero(for: agenda.slots[0].topics[0], in: agenda.slots[0]) == .overtime)
        let back = try AgendaParser.parse(AgendaWriter.toml(agenda), file: "w.toml").agenda
        #expect(back.slots == agenda.slots && back.defaults == agenda.defaults)
        #expect(throws: FileError.self) { try AgendaParser.parse("title = \"T\"\n[defaults]\nat_zero = \"wait\"\n[[slot]]\ntitle = \"S\"\nlength = \"1m\"\n[[slot.topic]]\ntitle = \"x\"\n", file: "b.toml") }
    }
}

/// A day's summary reads every slot's notes in one pass: the same notes, in the same order, as
/// asking slot by slot.
@Suite struct NotesBySlotTests {
    @Test func onePassGivesEachSlotsNotesInOrder() throws {
        var agenda = SteeringTimeTests.agenda()
        agenda.slots.append(Slot(id: "t", title: "T", length: 600, topics: [Topic(id: "z", title: "Z", length: 600)]))
        let (live, clock, _) = try SteeringTimeTests.live(agenda)
        var ids: [String] = []
        for i in 0..<12 {
            let (slot, topic) = i % 3 == 0 ? ("t", "z") : ("s", ["a", "b", "c"][i % 3])
            ids.append(try live.addNote("note \(i)", slot: slot, topic: topic, at: clock.now()).id)
            clock.advance(1)
        }
        _ = try live.record(.noteDeleted(id: ids[4]), at: clock.now())
        _ = try live.record(.noteMoved(id: ids[0], slot: "s", topic: "a", undo: false), at: clock.now())
        let grouped = live.session.notesBySlot()
        for slot in ["s", "t", "nowhere"] {
            #expect((grouped[slot] ?? []) == live.session.notes(slot: slot), "\(slot)")
        }
        #expect(grouped["s"]?.count == 8 && grouped["t"]?.count == 3)
    }

    /// What a start-up compares a summary file with: the last change of its slot, a moved note
    /// changing both slots, an edit the slot its note is in.
    @Test func eachSlotKnowsWhenItLastChanged() throws {
        var agenda = SteeringTimeTests.agenda()
        agenda.slots.append(Slot(id: "t", title: "T", length: 600, topics: [Topic(id: "z", title: "Z", length: 600)]))
        let (live, clock, _) = try SteeringTimeTests.live(agenda)
        let id = try live.addNote("first", slot: "t", topic: "z", at: clock.now()).id
        #expect(live.session.changedAt(slot: "t") == clock.now())
        #expect(live.session.changedAt(slot: "s") == nil)
        clock.advance(60)
        _ = try live.record(.noteMoved(id: id, slot: "s", topic: "a", undo: false), at: clock.now())
        #expect(live.session.changedAt(slot: "t") == clock.now() && live.session.changedAt(slot: "s") == clock.now())
        clock.advance(60)
        _ = try live.editNote(id, text: "edited", base: 0, at: clock.now())
        #expect(live.session.changedAt(slot: "s") == clock.now())
        #expect(live.session.changedAt(slot: "t") == clock.now().addingTimeInterval(-60))
    }
}
