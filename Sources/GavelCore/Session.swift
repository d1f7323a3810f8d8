import Foundation

/// The session engine: folds events over the agenda, and tells the state at any instant.
///
/// Pure: no clock of its own, no I/O. `apply` takes an event (with its time); `snapshot(at:)`
/// computes what every view shows at an instant; `decide(_:at:)` turns a command into the events
/// to record (or a question, or a refusal); `dueEvents(at:)` names the events that time itself
/// causes (a slot's time running out), which the app records like any other.
///
/// Every process that applies the same events in the same order holds the same state: nothing
/// here depends on who applies them or when.
public struct Session: Sendable {
    public let agenda: Agenda
    public internal(set) var runs: [String: SlotRun] = [:]
    public internal(set) var notes: [String: Note] = [:]
    /// Note ids in the order they were added.
    public internal(set) var noteOrder: [String] = []
    /// Note ids of each topic and of each slot, in the order they were added (deleted ones
    /// included): a view shows its topic's notes without going through every note of the day.
    var notesOfTopic: [NotePlace: [String]] = [:]
    var notesOfSlot: [String: [String]] = [:]
    /// Each note's place in `noteOrder`, to keep a moved note in order among its new topic's.
    var noteRank: [String: Int] = [:]

    struct NotePlace: Hashable, Sendable {
        var slot: String
        var topic: String
    }
    /// The slot the chair opened or started a topic in last, if any.
    public internal(set) var openedSlot: String?
    /// How many events were applied.
    public internal(set) var eventCount = 0
    /// When each slot last changed: an event named it, or a note of it (a moved note: both
    /// slots). A summary written after this instant still says everything of the slot.
    public internal(set) var slotChangedAt: [String: Date] = [:]
    /// When an event that names no slot last changed times (an undone rebalance, a step of the
    /// wall clock): every summary written before it may be out of date.
    public internal(set) var sessionChangedAt: Date?
    /// Steps of the wall clock seen while the session ran, in order.
    public internal(set) var clockJumps: [ClockJump] = []
    /// The wall clock minus the boot-time clock on the boot that recorded last: steps are told
    /// against it, so every process on the machine agrees on what is a step and what was counted.
    public internal(set) var clockBase: ClockBase?
    /// Topic ids the events named (after `[renamed]`): a topic on the agenda none names is what a
    /// lost id probably became. A new note's topic is the place it is filed under, so it is
    /// taken from there rather than put in a set for each note (a long topic id costs ~1,000
    /// instructions to hash, and a long day has 10,000 notes).
    public var namedTopicIDs: Set<String> { topicIDsNamedBesidesNewNotes.union(notesOfTopic.keys.lazy.map(\.topic)) }
    var topicIDsNamedBesidesNewNotes: Set<String> = []
    /// What the speaker is shown, when the chair sent something.
    public internal(set) var speakerMessage: SpeakerMessage?
    /// The adjustments of each rebalance, as applied, for its undo.
    var batches: [String: (slot: String, deltas: [(topic: String, seconds: Int)])] = [:]
    /// Each author's note changes that `u` can take back, oldest first.
    var undoSteps: [String: [UndoStep]] = [:]

    /// Every topic id on the agenda, for telling which ids in events are not on it.
    let topicIDs: Set<String>

    public init(agenda: Agenda, events: [SessionEvent] = []) {
        self.agenda = agenda
        topicIDs = Set(agenda.slots.flatMap { $0.topics.map(\.id) })
        reserveNotes(events.count { $0.action.isNoteAction })
        for event in events { apply(event) }
    }

    /// Room for `more` notes at once, not by doubling: a long day's start-up reads them all.
    public mutating func reserveNotes(_ more: Int) {
        notes.reserveCapacity(notes.count + more)
        noteRank.reserveCapacity(noteRank.count + more)
        noteOrder.reserveCapacity(noteOrder.count + more)
    }

    /// An id as the agenda knows it: itself when on the agenda, else what `[renamed]` says it became.
    func current(slot id: String) -> String { agenda.slotIndex(id: id) != nil ? id : agenda.renamed[id] ?? id }
    func current(topic id: String) -> String { topicIDs.contains(id) ? id : agenda.renamed[id] ?? id }

    /// A slot's progress.
    public struct SlotRun: Sendable, Equatable {
        public var current = 0
        public var topics: [String: TopicRun] = [:]
        public var ended: SlotEnd?
        /// Steps of the wall clock while the slot ran, which move its deadline with them.
        public var shift: TimeInterval = 0
        /// Seconds the chair added to the slot's length.
        public var extra = 0

        public init() {}

        public func run(_ topic: String) -> TopicRun { topics[topic] ?? TopicRun() }

        /// The first time any of its topics started.
        public var firstStart: Date? {
            var first: Date?
            for topic in topics.values {
                if let start = topic.firstStart, first.map({ start < $0 }) ?? true { first = start }
            }
            return first
        }
    }

    public struct ClockJump: Sendable, Equatable {
        /// The wall-clock time just after the step.
        public var at: Date
        public var seconds: Double
    }

    /// A message to the speaker, tied to the topic it was sent during.
    public struct SpeakerMessage: Sendable, Equatable {
        public var text: String
        public var at: Date
        public var slot: String
        public var topic: String
        public var by: String?
    }

    public struct ClockBase: Sendable, Equatable {
        public var boot: String
        public var offset: Double
    }

    public struct SlotEnd: Sendable, Equatable {
        public var at: Date
        public var cause: SlotEndCause
    }

    /// What `apply` tells the app to do.
    public enum Effect: Sendable, Equatable {
        /// The slot has just ended: write its summary.
        case slotEnded(slot: String, cause: SlotEndCause)
        /// A slot whose summary was written changed (a note, or it was reopened): rewrite it.
        case summaryStale(slot: String)
    }

    /// A note change its author can take back.
    enum UndoStep: Sendable, Equatable {
        /// An edit that made the note's version `version`; undoing puts back `previous`.
        case edit(id: String, previous: String, version: Int)
        case delete(id: String)
        /// A move from (`slot`, `topic`).
        case move(id: String, slot: String, topic: String)
        /// A rebalance: its adjustments.
        case batch(id: String)

        var noteID: String {
            switch self {
            case .edit(let id, _, _), .delete(let id), .move(let id, _, _): id
            case .batch: ""
            }
        }
    }

    // MARK: - Applying events

    @discardableResult
    public mutating func apply(_ event: SessionEvent) -> [Effect] {
        // Most of a long day's events add a note. A new note under ids the agenda has not renamed
        // changes one slot, the one it names, and nothing before it: the general way below would
        // look the note up before and after and the slot up on the agenda (~12 hash look-ups a
        // note, at start-up and in every summary), for what this already knows.
        if case .noteAdded(let id, let slot, let topic, let text, let by) = event.action, agenda.renamed.isEmpty,
           notes[id] == nil {
            eventCount += 1
            let effects = addNote(id, slot: slot, topic: topic, text: text, by: by, at: event.at)
            Self.raise(&slotChangedAt[slot, default: event.at], to: event.at)
            return effects
        }
        // The slots whose summaries the event changes: a note's before and after, and the slot
        // it names. Looked up without arrays or a mapped copy of the action: this runs for every
        // event of a long day at start-up.
        let noteID = event.action.noteID
        let before = noteID.flatMap { notes[$0]?.slot }
        let effects = fold(event)
        let after = noteID.flatMap { notes[$0]?.slot }
        let named = event.action.ids.slot.map { current(slot: $0) }
        // A boot's clock baseline changes no time: only a step (clockJump) or an undone rebalance.
        if before == nil, after == nil, named == nil {
            if case .clockBase = event.action {} else {
                sessionChangedAt = max(sessionChangedAt ?? event.at, event.at)
            }
        }
        // One look-up in place, not a read and a write: this runs for every event at start-up.
        let at = event.at
        func touch(_ slot: String) { Self.raise(&slotChangedAt[slot, default: at], to: at) }
        if let before { touch(before) }
        if let after, after != before { touch(after) }
        if let named, named != before, named != after { touch(named) }
        return effects
    }

    /// When anything a summary of `slot` says last changed, as far as the events tell.
    public func changedAt(slot: String) -> Date? {
        [slotChangedAt[slot], sessionChangedAt].compactMap { $0 }.max()
    }

    private mutating func fold(_ event: SessionEvent) -> [Effect] {
        eventCount += 1
        let t = event.at
        let action = agenda.renamed.isEmpty ? event.action
            : event.action.mappingIDs(slot: { current(slot: $0) }, topic: { current(topic: $0) })
        if let topic = action.ids.topic { topicIDsNamedBesidesNewNotes.insert(topic) }
        switch action {
        case .openSlot(let slot):
            if agenda.slot(id: slot) != nil { openedSlot = slot }
            return []

        case .start(let slotID, let topicID):
            guard let slot = agenda.slot(id: slotID), liveRun(slotID, at: t) else { return [] }
            guard let index = slot.topicIndex(id: topicID) else {
                // A topic no longer on the agenda (renamed, and not yet in [renamed]): its slot's
                // clock still started then, so the slot's time is not lost with it.
                var run = runs[slotID] ?? SlotRun()
                if run.topics[topicID]?.firstStart == nil {
                    var ghost = TopicRun()
                    ghost.start(at: t)
                    ghost.stop(at: t)
                    run.topics[topicID] = ghost
                    runs[slotID] = run
                }
                return []
            }
            // One topic runs in the whole session: starting one stops any other, in any slot.
            stopRunningTopics(at: t)
            var run = runs[slotID] ?? SlotRun()
            run.current = index
            run.topics[topicID, default: TopicRun()].start(at: t)
            runs[slotID] = run
            openedSlot = slotID
            return []

        case .pause(let slotID, let topicID):
            guard agenda.slot(id: slotID)?.topicIndex(id: topicID) != nil, liveRun(slotID, at: t) else { return [] }
            runs[slotID]?.topics[topicID]?.stop(at: t)
            return []

        case .adjust(let slotID, let topicID, let seconds, let batch):
            guard let topic = agenda.slot(id: slotID)?.topics.first(where: { $0.id == topicID }),
                  liveRun(slotID, at: t) else { return [] }
            var run = runs[slotID] ?? SlotRun()
            var topicRun = run.run(topicID)
            // Never below zero planned time: the planned length plus adjustment stays >= 0.
            let before = topicRun.adjust
            topicRun.adjust = max(-topic.length, topicRun.adjust + seconds)
            run.topics[topicID] = topicRun
            runs[slotID] = run
            if let batch {
                if batches[batch] == nil {
                    batches[batch] = (slotID, [])
                    undoSteps[event.by ?? "", default: []].append(.batch(id: batch))
                }
                batches[batch]?.deltas.append((topicID, topicRun.adjust - before))
            }
            return []

        case .undoAdjustments(let batch):
            guard let applied = batches[batch], liveRun(applied.slot, at: t) else { return [] }
            batches[batch] = nil
            popUndo(event.by ?? "") { if case .batch(batch) = $0 { true } else { false } }
            var run = runs[applied.slot] ?? SlotRun()
            for (topicID, seconds) in applied.deltas {
                guard let topic = agenda.slot(id: applied.slot)?.topics.first(where: { $0.id == topicID }) else { continue }
                run.topics[topicID, default: TopicRun()].adjust = max(-topic.length, run.run(topicID).adjust - seconds)
            }
            runs[applied.slot] = run
            return []

        case .message(let slotID, let topicID, let text):
            guard agenda.slot(id: slotID)?.topicIndex(id: topicID) != nil else { return [] }
            speakerMessage = text.map { SpeakerMessage(text: $0, at: t, slot: slotID, topic: topicID, by: event.by) }
            return []

        case .holdAutoNext(let slotID, let topicID):
            guard agenda.slot(id: slotID)?.topicIndex(id: topicID) != nil, liveRun(slotID, at: t) else { return [] }
            runs[slotID, default: SlotRun()].topics[topicID, default: TopicRun()].autoNextHeld = true
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
                let next = slot.topics[index + 1]
                // The next talk starts with this one's end, unless it is published for later: a
                // talk never starts early by itself (the changeover stays a changeover).
                if wasRunning, next.start.map({ t >= $0 }) ?? true { run.topics[next.id, default: TopicRun()].start(at: t) }
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
                // Its summary said it ended: it is rewritten as it stands now.
                return [.summaryStale(slot: slotID)]
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

        case .extendSlot(let slotID, let seconds):
            guard agenda.slot(id: slotID) != nil, seconds > 0 else { return [] }
            var run = runs[slotID] ?? SlotRun()
            // A slot ended by the chair or its last topic stays ended (p reopens those).
            if let ended = run.ended, ended.cause != .timeUp { return [] }
            run.extra += seconds
            var effects: [Effect] = []
            if run.ended != nil, let d = deadline(slotID, run: run), d > t {
                // Its time had run out: it runs again, and its summary no longer says it ended.
                run.ended = nil
                effects = [.summaryStale(slot: slotID)]
            }
            runs[slotID] = run
            return effects

        case .noteAdded(let id, let slotID, let topicID, let text, let by):
            guard notes[id] == nil else { return [] }
            return addNote(id, slot: slotID, topic: topicID, text: text, by: by, at: t)

        case .noteEdited(let id, let text, let undo, let base):
            guard var note = notes[id], note.text != text else { return [] }
            // Written against an older version: somebody changed the note meanwhile.
            if let base, base != note.version { return [] }
            let author = event.by ?? ""
            supersede(id, except: author)
            if undo {
                popUndo(author) { if case .edit(id, _, _) = $0 { true } else { false } }
            } else {
                undoSteps[author, default: []].append(.edit(id: id, previous: note.text, version: note.version + 1))
            }
            note.history.append(note.text)
            note.text = text
            note.editedAt = t
            note.editedBy = event.by
            notes[id] = note
            return staleIfEnded(note.slot)

        case .noteDeleted(let id):
            guard var note = notes[id], !note.deleted else { return [] }
            let author = event.by ?? ""
            supersede(id, except: author)
            note.deleted = true
            notes[id] = note
            undoSteps[author, default: []].append(.delete(id: id))
            return staleIfEnded(note.slot)

        case .noteRestored(let id):
            guard var note = notes[id], note.deleted else { return [] }
            let author = event.by ?? ""
            supersede(id, except: author)
            popUndo(author) { if case .delete(id) = $0 { true } else { false } }
            note.deleted = false
            notes[id] = note
            return staleIfEnded(note.slot)

        case .noteMoved(let id, let slotID, let topicID, let undo):
            guard var note = notes[id], note.slot != slotID || note.topic != topicID else { return [] }
            let author = event.by ?? ""
            supersede(id, except: author)
            if undo {
                popUndo(author) { if case .move(id, _, _) = $0 { true } else { false } }
            } else {
                undoSteps[author, default: []].append(.move(id: id, slot: note.slot, topic: note.topic))
            }
            let from = note.slot
            reindex(id, from: NotePlace(slot: note.slot, topic: note.topic), to: NotePlace(slot: slotID, topic: topicID))
            note.slot = slotID
            note.topic = topicID
            notes[id] = note
            return from == slotID ? staleIfEnded(from) : staleIfEnded(from) + staleIfEnded(slotID)

        case .clockBase(let boot, let offset):
            // The first baseline seen for a boot stands; a later one of the same boot is a step
            // (recorded as such), never a new baseline.
            if clockBase?.boot != boot { clockBase = ClockBase(boot: boot, offset: offset) }
            return []

        case .clockJump(let seconds, let boot, let offset):
            if let boot, let offset {
                // A step counts once: a report of the baseline the session already has is nothing.
                if let base = clockBase, base.boot == boot, abs(base.offset - offset) <= 2 { return [] }
                clockBase = ClockBase(boot: boot, offset: offset)
            } else if let last = clockJumps.last, abs(last.seconds - seconds) < 2, abs(last.at.timeIntervalSince(t)) < 10 {
                // Sessions written before steps were tied to a boot: the same step seen twice.
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

    /// Stops every running topic at `t`, or at its slot's end when its time ran out before `t`
    /// (a clock stopped later would count time the slot no longer had).
    private mutating func stopRunningTopics(at t: Date) {
        for (slotID, var run) in runs where run.topics.values.contains(where: \.isRunning) {
            let at = derivedEnd(slotID, run: run, at: t).map { min(t, $0.at) } ?? t
            for (topicID, var topic) in run.topics where topic.isRunning {
                topic.stop(at: at)
                run.topics[topicID] = topic
            }
            runs[slotID] = run
        }
    }

    private mutating func popUndo(_ author: String, matching: (UndoStep) -> Bool) {
        if let i = undoSteps[author]?.lastIndex(where: matching) { undoSteps[author]?.remove(at: i) }
    }

    /// A change by one author makes every other author's undo of that note meaningless: taking it
    /// back would silently undo the newer change too.
    private mutating func supersede(_ noteID: String, except author: String) {
        for (other, steps) in undoSteps where other != author && steps.contains(where: { $0.noteID == noteID }) {
            undoSteps[other] = steps.filter { $0.noteID != noteID }
        }
    }

    private static func raise(_ date: inout Date, to other: Date) {
        if other > date { date = other }
    }

    /// A note `id` that is not there yet, filed under its place.
    private mutating func addNote(_ id: String, slot slotID: String, topic topicID: String, text: String, by: String,
                                  at t: Date) -> [Effect] {
        let run = runs[slotID]
        let offset = run?.run(topicID).elapsed(at: t) ?? 0
        notes[id] = Note(id: id, slot: slotID, topic: topicID, text: text, by: by, at: t,
                         offset: Int(offset), deleted: false, history: [], editedAt: nil)
        noteRank[id] = noteOrder.count
        noteOrder.append(id)
        notesOfTopic[NotePlace(slot: slotID, topic: topicID), default: []].append(id)
        notesOfSlot[slotID, default: []].append(id)
        return Self.stale(slotID, ifEnded: run)
    }

    private func staleIfEnded(_ slotID: String) -> [Effect] { Self.stale(slotID, ifEnded: runs[slotID]) }

    private static func stale(_ slotID: String, ifEnded run: SlotRun?) -> [Effect] {
        run?.ended != nil ? [.summaryStale(slot: slotID)] : []
    }

    /// Whether timer events for the slot still count at `t`: not after it ended, however it ended.
    func liveRun(_ slotID: String, at t: Date) -> Bool {
        derivedEnd(slotID, run: runs[slotID] ?? SlotRun(), at: t) == nil
    }
}
