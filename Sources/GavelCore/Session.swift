import Foundation

/// The session engine: folds events over the agenda, and tells the state at any instant.
///
/// Pure: no clock of its own, no I/O. `apply` takes an event (with its time); `snapshot(at:)`
/// computes what every view shows at an instant; `command(_:at:)` turns a chair's key into the
/// event to record; `dueEvents(at:)` names the events that time itself causes (a slot's time
/// running out), which the app records like any other.
public struct Session: Sendable {
    public let agenda: Agenda
    public private(set) var runs: [String: SlotRun] = [:]
    public private(set) var notes: [String: Note] = [:]
    /// Note ids in the order they were added.
    public private(set) var noteOrder: [String] = []
    /// The slot the chair opened or started a topic in last, if any.
    public private(set) var openedSlot: String?
    /// How many events were applied.
    public private(set) var eventCount = 0
    /// Steps of the wall clock seen while the session ran, in order.
    public private(set) var clockJumps: [ClockJump] = []
    private var undoSteps: [UndoStep] = []

    public init(agenda: Agenda, events: [SessionEvent] = []) {
        self.agenda = agenda
        for event in events { apply(event) }
    }

    /// A slot's progress.
    public struct SlotRun: Sendable, Equatable {
        public var current = 0
        public var topics: [String: TopicRun] = [:]
        public var ended: SlotEnd?
        /// Steps of the wall clock while the slot ran, which move its deadline with them.
        public var shift: TimeInterval = 0

        public init() {}

        public func run(_ topic: String) -> TopicRun { topics[topic] ?? TopicRun() }

        /// The first time any of its topics started.
        public var firstStart: Date? { topics.values.compactMap(\.firstStart).min() }
    }

    public struct ClockJump: Sendable, Equatable {
        /// The wall-clock time just after the step.
        public var at: Date
        public var seconds: Double
    }

    public struct SlotEnd: Sendable, Equatable {
        public var at: Date
        public var cause: SlotEndCause
    }

    /// What `apply` tells the app to do.
    public enum Effect: Sendable, Equatable {
        /// The slot has just ended: write its summary.
        case slotEnded(slot: String, cause: SlotEndCause)
        /// A note of an ended slot changed: rewrite its summary.
        case summaryStale(slot: String)
    }

    enum UndoStep: Sendable, Equatable {
        case edit(id: String, previous: String)
        case delete(id: String)
        case move(id: String, slot: String, topic: String)
    }

    // MARK: - Applying events

    @discardableResult
    public mutating func apply(_ event: SessionEvent) -> [Effect] {
        eventCount += 1
        let t = event.at
        switch event.action {
        case .openSlot(let slot):
            if agenda.slot(id: slot) != nil { openedSlot = slot }
            return []

        case .start(let slotID, let topicID):
            guard let slot = agenda.slot(id: slotID), let index = slot.topicIndex(id: topicID),
                  liveRun(slotID, at: t) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            for other in slot.topics where other.id != topicID { run.topics[other.id]?.stop(at: t) }
            run.current = index
            run.topics[topicID, default: TopicRun()].start(at: t)
            runs[slotID] = run
            openedSlot = slotID
            return []

        case .pause(let slotID, let topicID):
            guard agenda.slot(id: slotID)?.topicIndex(id: topicID) != nil, liveRun(slotID, at: t) else { return [] }
            runs[slotID]?.topics[topicID]?.stop(at: t)
            return []

        case .adjust(let slotID, let topicID, let seconds):
            guard let topic = agenda.slot(id: slotID)?.topics.first(where: { $0.id == topicID }),
                  liveRun(slotID, at: t) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            var topicRun = run.run(topicID)
            // Never below zero planned time: the planned length plus adjustment stays >= 0.
            topicRun.adjust = max(-topic.length, topicRun.adjust + seconds)
            run.topics[topicID] = topicRun
            runs[slotID] = run
            return []

        case .next(let slotID, let topicID):
            guard let slot = agenda.slot(id: slotID), let index = slot.topicIndex(id: topicID),
                  liveRun(slotID, at: t) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            var topicRun = run.run(topicID)
            let wasRunning = topicRun.isRunning
            topicRun.stop(at: t)
            topicRun.finishedAt = t
            run.topics[topicID] = topicRun
            if index + 1 < slot.topics.count {
                run.current = index + 1
                let nextID = slot.topics[index + 1].id
                if wasRunning { run.topics[nextID, default: TopicRun()].start(at: t) }
                runs[slotID] = run
                return []
            }
            run.ended = SlotEnd(at: t, cause: .lastTopic)
            runs[slotID] = run
            return [.slotEnded(slot: slotID, cause: .lastTopic)]

        case .previous(let slotID, let topicID):
            guard let slot = agenda.slot(id: slotID), let index = slot.topicIndex(id: topicID) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            if let ended = run.ended {
                // Going back reopens a slot the chair or its last topic ended; time that ran out stays out.
                guard ended.cause != .timeUp else { return [] }
                run.ended = nil
                run.topics[topicID]?.finishedAt = nil
                run.current = index
                runs[slotID] = run
                return []
            }
            if let ended = derivedEnd(slotID, run: run, at: t), ended.cause == .timeUp { return [] }
            run.topics[topicID]?.stop(at: t)
            let back = max(0, index - 1)
            run.current = back
            run.topics[slot.topics[back].id]?.finishedAt = nil
            runs[slotID] = run
            return []

        case .endSlot(let slotID, let cause):
            guard let slot = agenda.slot(id: slotID) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            guard run.ended == nil else { return [] }
            // A slot whose time ran out ended at its deadline, whenever that is recorded.
            var at = t
            if cause == .timeUp, let deadline = deadline(slotID, run: run) { at = min(t, deadline) }
            for topic in slot.topics { run.topics[topic.id]?.stop(at: at) }
            run.ended = SlotEnd(at: at, cause: cause)
            runs[slotID] = run
            return [.slotEnded(slot: slotID, cause: cause)]

        case .noteAdded(let id, let slotID, let topicID, let text, let by):
            guard notes[id] == nil else { return [] }
            let offset = runs[slotID]?.run(topicID).elapsed(at: t) ?? 0
            notes[id] = Note(id: id, slot: slotID, topic: topicID, text: text, by: by, at: t,
                             offset: Int(offset), deleted: false, history: [], editedAt: nil)
            noteOrder.append(id)
            return staleIfEnded(slotID)

        case .noteEdited(let id, let text, let undo):
            guard var note = notes[id], note.text != text else { return [] }
            if undo { popUndo { if case .edit(id, _) = $0 { true } else { false } } }
            else { undoSteps.append(.edit(id: id, previous: note.text)) }
            note.history.append(note.text)
            note.text = text
            note.editedAt = t
            notes[id] = note
            return staleIfEnded(note.slot)

        case .noteDeleted(let id):
            guard var note = notes[id], !note.deleted else { return [] }
            note.deleted = true
            notes[id] = note
            undoSteps.append(.delete(id: id))
            return staleIfEnded(note.slot)

        case .noteRestored(let id):
            guard var note = notes[id], note.deleted else { return [] }
            popUndo { if case .delete(id) = $0 { true } else { false } }
            note.deleted = false
            notes[id] = note
            return staleIfEnded(note.slot)

        case .noteMoved(let id, let slotID, let topicID, let undo):
            guard var note = notes[id], note.slot != slotID || note.topic != topicID else { return [] }
            if undo { popUndo { if case .move(id, _, _) = $0 { true } else { false } } }
            else { undoSteps.append(.move(id: id, slot: note.slot, topic: note.topic)) }
            let from = note.slot
            note.slot = slotID
            note.topic = topicID
            notes[id] = note
            return from == slotID ? staleIfEnded(from) : staleIfEnded(from) + staleIfEnded(slotID)

        case .clockJump(let seconds):
            // Several processes on the machine see the same step; it counts once.
            if let last = clockJumps.last, abs(last.seconds - seconds) < 2, abs(last.at.timeIntervalSince(t)) < 10 {
                return []
            }
            clockJumps.append(ClockJump(at: t, seconds: seconds))
            // A started slot keeps the real time it had left; running topics neither lose nor gain.
            for (slotID, var run) in runs where run.ended == nil && run.firstStart != nil {
                run.shift += seconds
                for (topicID, var topic) in run.topics where topic.runningSince != nil {
                    topic.runningSince = topic.runningSince.map { $0 + seconds }
                    run.topics[topicID] = topic
                }
                runs[slotID] = run
            }
            return []
        }
    }

    private mutating func popUndo(matching: (UndoStep) -> Bool) {
        if let i = undoSteps.lastIndex(where: matching) { undoSteps.remove(at: i) }
    }

    private func staleIfEnded(_ slotID: String) -> [Effect] {
        runs[slotID]?.ended != nil ? [.summaryStale(slot: slotID)] : []
    }

    /// Whether timer events for the slot still count at `t`: not after it ended, however it ended.
    private func liveRun(_ slotID: String, at t: Date) -> Bool {
        let run = runs[slotID] ?? SlotRun()
        return derivedEnd(slotID, run: run, at: t) == nil
    }

    // MARK: - Time

    /// When the slot's time runs out: its scheduled end when it started within its schedule, else
    /// its first start plus its length; nil before it starts.
    public func deadline(_ slotID: String, run: SlotRun? = nil) -> Date? {
        guard let slot = agenda.slot(id: slotID), let r = run ?? runs[slotID], let first = r.firstStart else { return nil }
        if let end = slot.end, first < end { return end + r.shift }
        return first.addingTimeInterval(TimeInterval(slot.length) + r.shift)
    }

    /// How (and when) the slot ended by `now`: recorded, or its time having run out.
    public func derivedEnd(_ slotID: String, run: SlotRun? = nil, at now: Date) -> SlotEnd? {
        let r = run ?? runs[slotID] ?? SlotRun()
        if let ended = r.ended { return ended }
        if let d = deadline(slotID, run: r), now >= d { return SlotEnd(at: d, cause: .timeUp) }
        return nil
    }

    /// Events that time alone has caused by `now` and that nobody recorded yet.
    public func dueEvents(at now: Date) -> [SessionEvent] {
        agenda.slots.compactMap { slot in
            guard runs[slot.id]?.ended == nil, let d = deadline(slot.id), now >= d else { return nil }
            return SessionEvent(at: d, .endSlot(slot: slot.id, cause: .timeUp))
        }
    }

    // MARK: - The chair's commands

    public enum Command: Sendable, Equatable {
        /// Start, pause or resume the current topic.
        case toggle
        case next
        case previous
        case adjust(seconds: Int)
        case endSlot
        case openSlot(String)
    }

    /// The slot every view shows: the one the chair opened or started last while it has not
    /// ended; else the one scheduled for `now`; else the one that just ended (until the chair
    /// picks another); else the first not yet ended.
    public func currentSlotID(at now: Date) -> String? {
        if let opened = openedSlot, derivedEnd(opened, at: now) == nil { return opened }
        if let scheduled = scheduledSlotID(at: now), derivedEnd(scheduled, at: now) == nil { return scheduled }
        if let opened = openedSlot { return opened }
        return defaultSlotID(at: now)
    }

    /// The slot whose scheduled time holds `now`, if any.
    public func scheduledSlotID(at now: Date) -> String? {
        agenda.slots.first(where: { s in
            guard let start = s.start, let end = s.end else { return false }
            return start <= now && now < end
        })?.id
    }

    /// The slot for a fresh session: the one scheduled for `now`, else the first not yet ended.
    public func defaultSlotID(at now: Date) -> String? {
        if let scheduled = scheduledSlotID(at: now) { return scheduled }
        if let open = agenda.slots.first(where: { derivedEnd($0.id, at: now) == nil }) { return open.id }
        return agenda.slots.last?.id
    }

    /// The event a chair's command records, or nil when it means nothing now.
    public func command(_ command: Command, at now: Date) -> SessionEvent? {
        if case .openSlot(let id) = command {
            return agenda.slot(id: id) == nil ? nil : SessionEvent(at: now, .openSlot(slot: id))
        }
        guard let slotID = currentSlotID(at: now), let slot = agenda.slot(id: slotID), !slot.topics.isEmpty else { return nil }
        let run = runs[slotID] ?? SlotRun()
        let index = min(run.current, slot.topics.count - 1)
        let topicID = slot.topics[index].id
        let ended = derivedEnd(slotID, at: now)
        switch command {
        case .toggle:
            guard ended == nil else { return nil }
            return SessionEvent(at: now, run.run(topicID).isRunning ? .pause(slot: slotID, topic: topicID)
                                                                     : .start(slot: slotID, topic: topicID))
        case .next:
            guard ended == nil else { return nil }
            return SessionEvent(at: now, .next(slot: slotID, topic: topicID))
        case .previous:
            if let ended, ended.cause == .timeUp { return nil }
            return SessionEvent(at: now, .previous(slot: slotID, topic: topicID))
        case .adjust(let seconds):
            guard ended == nil else { return nil }
            return SessionEvent(at: now, .adjust(slot: slotID, topic: topicID, seconds: seconds))
        case .endSlot:
            guard ended == nil else { return nil }
            return SessionEvent(at: now, .endSlot(slot: slotID, cause: .chair))
        case .openSlot:
            return nil
        }
    }

    /// The action that takes back the latest edit, delete or move of a note, if any.
    public func undoAction() -> SessionEvent.Action? {
        guard let step = undoSteps.last else { return nil }
        switch step {
        case .edit(let id, let previous): return .noteEdited(id: id, text: previous, undo: true)
        case .delete(let id): return .noteRestored(id: id)
        case .move(let id, let slot, let topic): return .noteMoved(id: id, slot: slot, topic: topic, undo: true)
        }
    }

    // MARK: - Notes

    /// Live notes of a topic, oldest first.
    public func notes(slot: String, topic: String) -> [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted, n.slot == slot, n.topic == topic else { return nil }
            return n
        }
    }

    /// Live notes of a slot, in the order they were added.
    public func notes(slot: String) -> [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted, n.slot == slot else { return nil }
            return n
        }
    }

    /// Live notes whose topic (or slot) is no longer on the agenda.
    public var unlistedNotes: [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted else { return nil }
            return agenda.slot(id: n.slot)?.topicIndex(id: n.topic) == nil ? n : nil
        }
    }
}
