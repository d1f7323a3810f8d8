import Foundation
import GavelTestSupport
import Testing
@testable import GavelCore

/// The engine's rules, with a manual clock: nothing here sleeps.
@Suite struct SessionTests {
    static let agenda: Agenda = {
        let talk = { (id: String, min: Int) in Topic(id: id, title: id.uppercased(), speakers: ["S \(id)"], length: min * 60) }
        return Agenda(title: "MC", timeZone: TimeZone(identifier: "UTC")!,
                      defaults: .init(topic: 1200, lightning: 300, warn: [300, 120]),
                      slots: [
                          Slot(id: "one", title: "One", length: 45 * 60, topics: [talk("a", 20), talk("b", 20)]),
                          Slot(id: "two", title: "Two", length: 30 * 60, topics: [talk("c", 10), talk("d", 10), talk("e", 10)]),
                      ])
    }()

    let clock = ManualClock(Date(timeIntervalSince1970: 1_000_000))

    func live() throws -> LiveSession {
        try LiveSession(agenda: Self.agenda, log: MemoryLog(), clock: clock, author: "chair", role: .chair)
    }

    @Test func readyThenRunningThenWarnThenUrgentThenOvertime() throws {
        let s = try live()
        var topic = try #require(s.snapshot()?.currentTopic)
        #expect(topic.phase == .ready)
        #expect(topic.clockText == "20:00")
        try s.perform(.toggle)
        clock.advance(0.4)
        topic = try #require(s.snapshot()?.currentTopic)
        #expect(topic.phase == .running)
        #expect(topic.clockText == "20:00")
        clock.advance(0.6)
        #expect(s.snapshot()?.currentTopic?.clockText == "19:59")
        clock.advance(899) // 15:00 elapsed -> 5:00 left
        topic = try #require(s.snapshot()?.currentTopic)
        #expect(topic.clockText == "05:00")
        #expect(topic.phase == .warn)
        clock.advance(180)
        #expect(s.snapshot()?.currentTopic?.phase == .urgent)
        #expect(s.snapshot()?.currentTopic?.clockText == "02:00")
        clock.advance(119.5)
        #expect(s.snapshot()?.currentTopic?.clockText == "00:01")
        clock.advance(0.5)
        topic = try #require(s.snapshot()?.currentTopic)
        #expect(topic.phase == .overtime)
        #expect(topic.clockText == "+00:00")
        clock.advance(192)
        #expect(s.snapshot()?.currentTopic?.clockText == "+03:12")
    }

    @Test func pauseStopsTheTopicNotTheSlot() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(60)
        try s.perform(.toggle) // pause
        clock.advance(600)
        let snap = try #require(s.snapshot())
        #expect(snap.currentTopic?.clockText == "19:00")
        #expect(snap.currentTopic?.isRunning == false)
        #expect(snap.slotRemaining == 45 * 60 - 660)
        try s.perform(.toggle) // resume
        clock.advance(30)
        #expect(s.snapshot()?.currentTopic?.clockText == "18:30")
    }

    @Test func extendAndShortenNeverBelowZero() throws {
        let s = try live()
        try s.perform(.toggle)
        try s.perform(.adjust(seconds: 60))
        #expect(s.snapshot()?.currentTopic?.planned == 21 * 60)
        for _ in 0..<30 { try s.perform(.adjust(seconds: -60)) }
        #expect(s.snapshot()?.currentTopic?.planned == 0)
        try s.perform(.adjust(seconds: 60))
        #expect(s.snapshot()?.currentTopic?.planned == 60)
    }

    @Test func nextCarriesTheClockAndPreviousGoesBack() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(1500) // a overran by 5 minutes
        try s.perform(.next)
        var snap = try #require(s.snapshot())
        #expect(snap.current == 1)
        #expect(snap.topics[0].isFinished)
        #expect(snap.topics[0].usedSeconds == 1500)
        #expect(snap.topics[1].isRunning)
        clock.advance(10)
        try s.perform(.previous)
        snap = try #require(s.snapshot())
        #expect(snap.current == 0)
        #expect(!snap.topics[0].isFinished)
        #expect(!snap.topics[1].isRunning)
        #expect(snap.topics[1].usedSeconds == 10)
        try s.perform(.toggle)
        clock.advance(5)
        #expect(s.snapshot()?.topics[0].usedSeconds == 1505)
    }

    @Test func nextOnAPausedTopicDoesNotStartTheNext() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(10)
        try s.perform(.toggle)
        try s.perform(.next)
        let snap = try #require(s.snapshot())
        #expect(snap.current == 1)
        #expect(snap.topics[1].phase == .ready)
    }

    @Test func slotEndsByTheChair() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(100)
        let effects = try s.perform(.endSlot).effects
        #expect(effects == [.slotEnded(slot: "one", cause: .chair)])
        let snap = try #require(s.snapshot())
        #expect(snap.ended?.cause == .chair)
        #expect(snap.currentTopic?.isRunning == false)
        clock.advance(100)
        #expect(s.snapshot()?.topics[0].usedSeconds == 100)
        #expect(try s.perform(.toggle).answer == .refused("the slot has ended; s picks the next one"))
    }

    @Test func slotEndsWhenItsLastTopicIsFinished() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(60)
        try s.perform(.next)
        clock.advance(60)
        let effects = try s.perform(.next).effects
        #expect(effects == [.slotEnded(slot: "one", cause: .lastTopic)])
        #expect(s.snapshot()?.ended?.cause == .lastTopic)
    }

    @Test func slotEndsWhenItsTimeRunsOut() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(45 * 60 - 1)
        #expect(try s.tick().isEmpty)
        #expect(s.snapshot()?.ended == nil)
        clock.advance(5)
        // Even before anyone records it, every process sees the slot ended at its deadline.
        #expect(s.snapshot()?.ended?.cause == .timeUp)
        let effects = try s.tick()
        #expect(effects == [.slotEnded(slot: "one", cause: .timeUp)])
        let snap = try #require(s.snapshot())
        #expect(snap.ended?.at == Date(timeIntervalSince1970: 1_000_000 + 45 * 60))
        #expect(snap.topics[0].usedSeconds == 45 * 60)
        #expect(try s.tick().isEmpty)
    }

    @Test func scheduledSlotEndsAtItsScheduledEnd() throws {
        var agenda = Self.agenda
        agenda.slots[0].start = clock.now().addingTimeInterval(-600) // started 10 minutes late
        let s = try LiveSession(agenda: agenda, log: MemoryLog(), clock: clock, author: "c", role: .chair)
        #expect(s.snapshot()?.slot.id == "one")
        #expect(s.snapshot()?.slotRemaining == 35 * 60)
        try s.perform(.toggle)
        #expect(s.session.deadline("one") == agenda.slots[0].end)
    }

    @Test func fairShareWhenBehind() throws {
        let s = try live()
        try s.perform(.openSlot("two"))
        try s.perform(.toggle)
        clock.advance(15 * 60) // c overruns by 5 minutes: 15 left for 10 + 10 planned after it
        var snap = try #require(s.snapshot())
        #expect(snap.slot.id == "two")
        #expect(snap.slotRemaining == 15 * 60)
        #expect(snap.plannedRemaining == 20 * 60)
        #expect(snap.fairShare == 15 * 60 / 3)
        try s.perform(.next)
        snap = try #require(s.snapshot())
        #expect(snap.fairShare == 15 * 60 / 2)
        try s.perform(.adjust(seconds: -300))
        #expect(s.snapshot()?.fairShare == nil)
    }

    @Test func sameEventsSameState() throws {
        let log = MemoryLog()
        let s = try LiveSession(agenda: Self.agenda, log: log, clock: clock, author: "c", role: .chair)
        try s.perform(.toggle)
        clock.advance(61.3)
        try s.perform(.adjust(seconds: 60))
        try s.addNote("d: ship it", slot: "one", topic: "a")
        clock.advance(12)
        try s.perform(.next)
        clock.advance(7.9)
        let replayed = Session(agenda: Self.agenda, events: log.events)
        #expect(replayed.snapshot(at: clock.now()) == s.snapshot())
        #expect(replayed.notes == s.session.notes)
        // A second process attached to the same log sees the same.
        let other = try LiveSession(agenda: Self.agenda, log: MemoryLog(events: log.events), clock: clock, author: "n", role: .chair)
        #expect(other.snapshot() == s.snapshot())
    }

    @Test func notesRecordTheirOffsetAndKeepHistory() throws {
        let s = try live()
        try s.perform(.toggle)
        clock.advance(75)
        let (id, _) = try s.addNote("Action: @alex send the patch", slot: "one", topic: "a")
        var note = try #require(s.session.notes[id])
        #expect(note.offset == 75)
        #expect(note.parsed.kind == .action)
        #expect(note.parsed.owners == ["alex"])
        try s.record(.noteEdited(id: id, text: "a: @alex and @bob send it", undo: false))
        try s.record(.noteDeleted(id: id))
        #expect(s.session.notes(slot: "one", topic: "a").isEmpty)
        try s.record(try s.session.undoAction(by: "chair").get()) // restore
        note = try #require(s.session.notes[id])
        #expect(!note.deleted)
        try s.record(try s.session.undoAction(by: "chair").get()) // undo the edit
        note = try #require(s.session.notes[id])
        #expect(note.text == "Action: @alex send the patch")
        #expect(note.history == ["Action: @alex send the patch", "a: @alex and @bob send it"])
        #expect(s.session.undoAction(by: "chair") == .failure(.nothingToUndo))
    }

    @Test func notesOfTopicsThatDisappearedAreKept() throws {
        let log = MemoryLog()
        let s = try LiveSession(agenda: Self.agenda, log: log, clock: clock, author: "c", role: .chair)
        try s.addNote("about b", slot: "one", topic: "b")
        var edited = Self.agenda
        edited.slots[0].topics.removeLast()
        let after = Session(agenda: edited, events: log.events)
        #expect(after.unlistedNotes.map(\.text) == ["about b"])
    }

    @Test func noteAfterTheSlotEndedMakesTheSummaryStale() throws {
        let s = try live()
        try s.perform(.toggle)
        try s.perform(.endSlot)
        let (_, effects) = try s.addNote("late thought", slot: "one", topic: "a")
        #expect(effects == [.summaryStale(slot: "one")])
    }

    @Test func currentSlotIsTheLastStartedElseTheFirstNotEnded() throws {
        let s = try live()
        #expect(s.snapshot()?.slot.id == "one")
        try s.perform(.toggle)
        try s.perform(.endSlot)
        // The slot just ended stays on screen until the chair picks another.
        #expect(s.snapshot()?.slot.id == "one")
        #expect(s.snapshot()?.hasEnded == true)
        // A slot skipped without being started: the next one not ended is chosen.
        let skipped = Session(agenda: Self.agenda, events: [SessionEvent(at: clock.now(), .endSlot(slot: "one", cause: .chair))])
        #expect(skipped.currentSlotID(at: clock.now()) == "two")
    }

    @Test func whenTheSlotEndedTheSlotScheduledForNowComesOnScreen() throws {
        var agenda = Self.agenda
        agenda.slots[1].start = clock.now().addingTimeInterval(30 * 60)
        let s = try LiveSession(agenda: agenda, log: MemoryLog(), clock: clock, author: "c", role: .chair)
        try s.perform(.toggle)
        clock.advance(20 * 60)
        #expect(s.snapshot()?.slot.id == "one")
        // Slot two's time has come, but slot one still runs: the chair's choice stands.
        clock.advance(15 * 60)
        #expect(s.snapshot()?.slot.id == "one")
        try s.perform(.endSlot)
        #expect(s.snapshot()?.slot.id == "two")
    }

    @Test func aRestartedProcessIsToldWhichSlotsEnded() throws {
        let log = MemoryLog()
        let s = try LiveSession(agenda: Self.agenda, log: log, clock: clock, author: "c", role: .chair)
        #expect(s.startupEffects.isEmpty)
        try s.perform(.toggle)
        try s.perform(.endSlot)
        // The chair was killed before it wrote the summary: the next one to start writes it.
        let restarted = try LiveSession(agenda: Self.agenda, log: MemoryLog(events: log.events), clock: clock, author: "c", role: .chair)
        #expect(restarted.startupEffects == [.slotEnded(slot: "one", cause: .chair)])
    }

    @Test func nextDueIsTheSlotsDeadlineOrTheSchedule() throws {
        let s = try live()
        #expect(s.session.nextDue(after: clock.now()) == nil)
        try s.perform(.toggle)
        clock.advance(0.25)
        #expect(s.session.nextDue(after: clock.now()) == s.session.deadline("one"))
    }
}

/// Published starts (issue 13): a talk never starts early by itself.
@Suite struct PublishedStartTests {
    @Test func nextWaitsForAPublishedStart() throws {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let agenda = Agenda(title: "MC", timeZone: TimeZone(identifier: "UTC")!, slots: [
            Slot(id: "s", title: "S", start: t0, length: 3600, topics: [
                Topic(id: "a", title: "A", length: 1200),
                Topic(id: "b", title: "B", length: 1200, start: t0.addingTimeInterval(1500)),
                Topic(id: "c", title: "C", length: 600),
            ]),
        ])
        var session = Session(agenda: agenda)
        session.apply(SessionEvent(at: t0, .start(slot: "s", topic: "a")))
        session.apply(SessionEvent(at: t0 + 1200, .next(slot: "s", topic: "a")))
        var snap = try #require(session.snapshot(at: t0 + 1210))
        #expect(snap.currentTopic?.topic.id == "b")
        #expect(snap.currentTopic?.hasStarted == false, "published for 25 minutes in, not 20")
        session.apply(SessionEvent(at: t0 + 1500, .start(slot: "s", topic: "b")))
        session.apply(SessionEvent(at: t0 + 2700, .next(slot: "s", topic: "b")))
        snap = try #require(session.snapshot(at: t0 + 2710))
        #expect(snap.currentTopic?.topic.id == "c")
        #expect(snap.currentTopic?.isRunning == true, "no published start: it follows at once")
    }
}
