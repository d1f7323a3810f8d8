import Foundation

/// Everything a view shows about the current slot at one instant, computed from the session.
public struct Snapshot: Sendable, Equatable {
    public var now: Date
    public var agenda: Agenda
    public var slot: Slot
    public var slotIndex: Int
    public var topics: [TopicStatus]
    /// Index of the topic on the clock (or, after the slot ended, the last one it was on).
    public var current: Int
    public var ended: Session.SlotEnd?
    /// Wall-clock seconds left in the slot (negative past its end), rounded up.
    public var slotRemaining: Int
    /// The same, exact.
    public var slotRemainingExact: TimeInterval
    /// The slot's time left as the views show it (`DurationText.left`): whole seconds under ten
    /// minutes, whole minutes rounded down from ten, so it never reads more than is left.
    /// Everything judged on the slot's time uses this, so it changes exactly when the text does.
    public var slotShown: Int { Snapshot.shownSlotSeconds(slotRemainingExact) }

    public static func shownSlotSeconds(_ remaining: TimeInterval) -> Int { DurationText.leftShown(remaining) }
    /// Seconds the unfinished topics still plan to use.
    public var plannedRemaining: Int
    /// When the plan no longer fits the slot: the seconds each unfinished topic can have.
    public var fairShare: Int?
    /// When the slot's time runs out, once known.
    public var deadline: Date?
    public var firstStart: Date?

    /// What the chair shows the speaker now, if anything.
    public var message: Session.SpeakerMessage?
    /// With `at_zero = "next"`: seconds until the next topic starts by itself (the chair may hold).
    public var autoNextIn: TimeInterval?
    /// When the slot ends at this pace (every topic left taking the time it has), while it runs.
    public var projectedEnd: Date?
    /// Seconds the chair added to the slot's length (`+` after its time ran out).
    public var slotExtended = 0
    /// The slot's length as it now stands: the agenda's and any extension.
    public var slotLength: Int { slot.length + slotExtended }
    /// The slot after this one, for the day's view.
    public var nextSlot: Slot?

    /// Seconds the projected end passes the slot's end (negative: time to spare).
    public var projectedOver: TimeInterval? {
        guard let projectedEnd, let deadline else { return nil }
        return projectedEnd.timeIntervalSince(deadline)
    }

    public var currentTopic: TopicStatus? { topics.indices.contains(current) ? topics[current] : nil }

    /// The running topic has more time left than its slot: the slot's end comes first, and the
    /// speaker must see that rather than a countdown that will never reach zero.
    public var slotEndsFirst: Bool {
        guard !hasEnded, deadline != nil, let topic = currentTopic, topic.isRunning, topic.remainingExact > 0 else { return false }
        return slotRemainingExact < topic.remainingExact
    }

    /// The slot's time left as a countdown shows it: `0:45`, rounded up.
    public var slotClockText: String { ClockText.mmss(max(0, Int(slotRemainingExact.rounded(.up)))) }
    public var isBehind: Bool { fairShare != nil }
    public var hasEnded: Bool { ended != nil }
}

/// One topic's clock at an instant.
public struct TopicStatus: Sendable, Equatable {
    public var topic: Topic
    /// Planned seconds with the chair's adjustments.
    public var planned: Int
    public var elapsed: TimeInterval
    /// Seconds left, exact; negative in overtime.
    public var remainingExact: TimeInterval
    public var phase: Phase
    public var isRunning: Bool
    public var isFinished: Bool
    public var hasStarted: Bool
    /// What its countdown does at zero.
    public var atZero: AtZero = .overtime
    /// When it reaches zero, while it runs (or, for one that runs to a time of day, that time).
    public var zeroAt: Date?

    /// At zero with `at_zero = "stop"`: the countdown holds 00:00 and says TIME.
    public var isHeldAtZero: Bool { atZero == .stop && hasStarted && remainingExact <= 0 }

    /// What the countdown shows: whole seconds left, rounded up while time is left (so a
    /// 20-minute topic shows 20:00 until its first second has passed).
    public var remaining: Int { remainingExact > 0 ? Int(remainingExact.rounded(.up)) : 0 }
    /// Whole seconds past zero in overtime, else 0 (and 0 for a countdown held at zero).
    public var overtime: Int { remainingExact > 0 || isHeldAtZero ? 0 : Int((-remainingExact).rounded(.down)) }
    /// The countdown as text: `19:59`, or `+03:12` in overtime.
    public var clockText: String {
        phase == .overtime ? "+" + ClockText.mmss(overtime) : ClockText.mmss(remaining)
    }
    /// Whole seconds used, for planned-vs-actual.
    public var usedSeconds: Int { Int(elapsed.rounded()) }
    /// Started, not running, not finished: its clock is stopped, in any phase.
    public var isPaused: Bool { hasStarted && !isRunning && !isFinished }
}

extension Session {
    /// What the views show at `now` for `slotID` (default: the current slot).
    public func snapshot(at now: Date, slot slotID: String? = nil) -> Snapshot? {
        guard let id = slotID ?? currentSlotID(at: now),
              let slotIndex = agenda.slotIndex(id: id) else { return nil }
        let slot = agenda.slots[slotIndex]
        let run = runs[id] ?? SlotRun()
        let ended = derivedEnd(id, run: run, at: now)
        // After the slot ended, clocks stand still at its end.
        let clockTime = ended.map { min(now, $0.at) } ?? now
        let current = slot.topics.isEmpty ? 0 : min(run.current, slot.topics.count - 1)
        var topics: [TopicStatus] = []
        for (i, topic) in slot.topics.enumerated() {
            let r = run.run(topic.id)
            let planned = max(0, topic.length + r.adjust)
            let elapsed = r.elapsed(at: clockTime)
            var remaining = TimeInterval(planned) - elapsed
            var zeroAt: Date? = r.runningSince.map { $0.addingTimeInterval(TimeInterval(planned) - r.accumulated) }
            if let until = topic.until {
                // It runs to a time of day, whatever happened before.
                let target = until.date(onDayOf: slot.start ?? run.firstStart ?? now, zone: agenda.timeZone)
                remaining = target.timeIntervalSince(clockTime)
                zeroAt = r.runningSince.map { max($0, target) } ?? target
            }
            let running = r.isRunning && ended == nil
            let finished = r.finishedAt != nil || (ended != nil && i <= current && r.hasStarted)
            let atZero = agenda.atZero(for: topic, in: slot)
            var phase = Self.phase(remaining: remaining, started: r.hasStarted, warn: agenda.warn(for: topic, in: slot))
            if atZero == .stop, phase == .overtime { phase = .urgent }
            topics.append(TopicStatus(topic: topic, planned: planned, elapsed: elapsed, remainingExact: remaining,
                                      phase: phase, isRunning: running, isFinished: finished, hasStarted: r.hasStarted,
                                      atZero: atZero, zeroAt: running ? zeroAt : nil))
        }
        let deadline = deadline(id, run: run)
        let slotRemaining: TimeInterval
        if let deadline {
            slotRemaining = deadline.timeIntervalSince(now)
        } else if let start = slot.start, let end = slot.end, start <= now, now < end {
            slotRemaining = end.timeIntervalSince(now)
        } else if let until = slot.until {
            slotRemaining = max(0, until.date(onDayOf: slot.start ?? now, zone: agenda.timeZone).timeIntervalSince(now))
        } else {
            slotRemaining = TimeInterval(slot.length)
        }
        var plannedRemaining = 0
        var unfinished = 0
        if ended == nil {
            for (i, status) in topics.enumerated() where !status.isFinished && i >= current {
                plannedRemaining += i == current ? max(0, status.remaining) : status.planned
                unfinished += 1
            }
        }
        // At this pace: the running topic's exact time left, then every later topic's plan.
        var projectedEnd: Date?
        if ended == nil, deadline != nil, topics.indices.contains(current) {
            var left = max(0, topics[current].remainingExact)
            if topics[current].isHeldAtZero { left = 0 }
            for (i, status) in topics.enumerated() where i > current && !status.isFinished { left += TimeInterval(status.planned) }
            projectedEnd = now.addingTimeInterval(left)
        }
        // Judged on the slot's time as shown, so the hint changes only when the shown time does.
        let wallLeft = max(0, Snapshot.shownSlotSeconds(slotRemaining))
        var fairShare: Int? = nil
        if ended == nil, unfinished > 0, plannedRemaining > wallLeft {
            fairShare = wallLeft / unfinished
        }
        var snapshot = Snapshot(now: now, agenda: agenda, slot: slot, slotIndex: slotIndex, topics: topics, current: current,
                                ended: ended, slotRemaining: Int(slotRemaining.rounded(.up)), slotRemainingExact: slotRemaining,
                                plannedRemaining: plannedRemaining,
                                fairShare: fairShare, deadline: deadline, firstStart: run.firstStart)
        snapshot.projectedEnd = projectedEnd
        snapshot.slotExtended = run.extra
        snapshot.nextSlot = agenda.slots.indices.contains(slotIndex + 1) ? agenda.slots[slotIndex + 1] : nil
        if ended == nil, let status = snapshot.currentTopic {
            if let m = speakerMessage, m.slot == id, m.topic == status.topic.id { snapshot.message = m }
            if status.atZero == .next, status.isRunning, !run.run(status.topic.id).autoNextHeld, let zero = status.zeroAt,
               now >= zero {
                snapshot.autoNextIn = zero.addingTimeInterval(Self.autoNextGrace).timeIntervalSince(now)
            }
        }
        return snapshot
    }

    /// Seconds between a countdown reaching zero and the next topic starting by itself.
    public static let autoNextGrace: TimeInterval = 10

    public static func phase(remaining: TimeInterval, started: Bool, warn: [Int]) -> Phase {
        guard started else { return .ready }
        if remaining <= 0 { return .overtime }
        let shown = Int(remaining.rounded(.up))
        if warn.count > 1, shown <= warn[1] { return .urgent }
        if let first = warn.first, shown <= first { return .warn }
        return .running
    }

}
