import Foundation

/// A session kept in step with its log. Every change is decided inside the log's write
/// transaction, against the state with everything other processes recorded applied first, and
/// then applied as recorded; so this process and every other one apply the same events in the
/// same order, and the multi-writer rules (a slot ends once, a stale edit is refused, undo is
/// per author) hold whatever the interleaving.
///
/// It reads no clock for the session's time: every call takes the loop turn's `now`.
public final class LiveSession {
    public private(set) var session: Session
    public let log: SessionLog
    /// Read only for steps of the wall clock (against the boot-time clock).
    public let clock: SessionClock
    /// Who records from this process.
    public let author: String
    public let role: Role
    /// What the events recorded before this process started ask for: every slot that ended
    /// (its summary may be missing if the process that ended it was killed before writing it).
    public private(set) var startupEffects: [Session.Effect] = []
    /// Effects of events read during a write that failed, delivered with the next call.
    private var carried: [Session.Effect] = []
    /// The wall clock minus the boot-time clock when this process started: the baseline until the
    /// session has one for this boot, so a step before the first write is not missed.
    private let startOffset: Double?

    /// What a command came to.
    public enum Answer: Sendable, Equatable {
        case recorded
        /// It needs the chair's yes first (see `Session.Question`).
        case asked(Session.Question)
        /// It means nothing now; why.
        case refused(String)
    }

    /// A write's answer, and the effects of everything it applied (its own events and those other
    /// processes recorded before it), for the app to perform.
    public struct Outcome: Sendable, Equatable {
        public var answer: Answer
        public var effects: [Session.Effect]
    }

    public init(agenda: Agenda, log: SessionLog, clock: SessionClock, author: String, role: Role) throws {
        self.session = Session(agenda: agenda)
        self.log = log
        self.clock = clock
        self.author = author
        self.role = role
        self.startOffset = Self.wallMinusUptime(clock)
        startupEffects = try sync().filter { if case .slotEnded = $0 { true } else { false } }
    }

    /// A session shown first from `firstFrame`, the events a view's first frame needs
    /// (`FirstFrame`), and read whole by `finishLoading`, which everything but reading `session`
    /// does first: nothing is decided or recorded from the part.
    public init(agenda: Agenda, log: SessionLog, clock: SessionClock, author: String, role: Role,
                firstFrame: [SessionEvent], topics: [String]) {
        self.session = Session(agenda: agenda, events: firstFrame)
        self.firstFrameTopics = topics
        self.log = log
        self.clock = clock
        self.author = author
        self.role = role
        self.startOffset = Self.wallMinusUptime(clock)
        loaded = false
    }

    /// Reads the whole log before anything is decided or read anew, when the view did not call
    /// `finishLoading` after its first frame: what the old events ask for comes with this call's.
    private func loadIfShownFirst() throws {
        guard !loaded else { return }
        try finishLoading()
        carried += startupEffects
    }

    /// A session whose view opens at `now`: only what its first frame needs is read when the
    /// log finds that quickly (`firstFrameEvents`), with the note being edited in a draft
    /// (`draftNote`); else the whole log, as `init(agenda:log:clock:author:role:)`.
    public static func opening(agenda: Agenda, log: SessionLog, clock: SessionClock, author: String, role: Role,
                               draftNote: String?, at now: Date) throws -> LiveSession {
        let notes = draftNote.map { [$0] } ?? []
        if let steering = try log.firstFrameEvents(topics: [], notes: notes) {
            let topics = FirstFrame.topics(Session(agenda: agenda, events: steering), at: now)
            if let events = topics.isEmpty ? steering : try log.firstFrameEvents(topics: topics, notes: notes) {
                return LiveSession(agenda: agenda, log: log, clock: clock, author: author, role: role, firstFrame: events, topics: topics)
            }
        }
        return try LiveSession(agenda: agenda, log: log, clock: clock, author: author, role: role)
    }

    /// The topics whose notes were read for the first frame.
    public private(set) var firstFrameTopics: [String] = []

    /// Whether `session` draws the first frame at `now` as the whole log would: only the first
    /// frame's part was read, and the view opens on the topics it was read for (a topic's time
    /// running out between the read and the frame opens another).
    public func drawsFirstFrame(at now: Date) -> Bool {
        !loaded && FirstFrame.topics(session, at: now) == firstFrameTopics
    }

    /// False while `session` holds only what the first frame needs.
    public private(set) var loaded = true

    /// Reads the whole log, when only the first frame's part of it was read; `startupEffects`
    /// then says what the events recorded before this process started ask for.
    public func finishLoading() throws {
        guard !loaded else { return }
        // The part read for the first frame moved nothing in the log: `sync` reads it all, as
        // it does for a view that reads the whole log first.
        let part = session
        session = Session(agenda: part.agenda)
        loaded = true
        do {
            startupEffects = try sync().filter { if case .slotEnded = $0 { true } else { false } }
        } catch {
            session = part
            loaded = false
            throw error
        }
    }

    /// Applies what the log holds that this process has not seen; returns the effects to perform.
    @discardableResult
    public func sync() throws -> [Session.Effect] {
        try loadIfShownFirst()
        var effects = carried
        carried = []
        let events = try log.newEvents()
        // At start-up this is the whole day: room for its notes at once, not by doubling.
        session.reserveNotes(events.count { $0.action.isNoteAction })
        for event in events { effects += session.apply(event) }
        return effects
    }

    /// Folds every event again over `agenda` (its file changed): ids the chair renamed, titles,
    /// lengths all take effect at once. Returns the summaries to write again: every slot that
    /// ended shows the agenda as it now is.
    public func replaceAgenda(_ agenda: Agenda) throws -> [Session.Effect] {
        let events = try log.allEvents()
        session = Session(agenda: agenda, events: events)
        loaded = true
        return agenda.slots.compactMap { slot in session.runs[slot.id]?.ended != nil ? .summaryStale(slot: slot.id) : nil }
    }

    /// The bookkeeping of one loop turn at `now`: reads the log when `readLog` (another process
    /// rang, or it is time to look), then, for a view that records, records a step of the wall
    /// clock and what time alone caused by `now` (a slot's time running out) — each once,
    /// whoever sees it first, in this same turn.
    @discardableResult
    public func step(at now: Date, readLog: Bool) throws -> [Session.Effect] {
        var effects = readLog ? try sync() : []
        guard role.records else { return effects }
        let clockNews = Self.wallMinusUptime(clock).map { clockAction(observed: $0, in: session) != nil } ?? false
        if clockNews || !session.dueEvents(at: now).isEmpty {
            effects += try write(at: now) { _ in [] }.effects
        }
        return effects
    }

    /// Records a command, decided against the state at `now` with everything recorded so far.
    public func perform(_ command: Session.Command, at now: Date, confirmed: Bool = false) throws -> Outcome {
        // A role is a capability: a view that may not steer records nothing, whatever it asks.
        guard role.steers else { return Outcome(answer: .refused("this view cannot steer the timer"), effects: try sync()) }
        var answer = Answer.recorded
        var outcome = try write(at: now) { s in
            switch s.decide(command, at: now, confirmed: confirmed) {
            case .record(let actions): answer = .recorded; return actions
            case .ask(let question): answer = .asked(question); return []
            case .refuse(let reason): answer = .refused(reason); return []
            }
        }
        outcome.answer = answer
        return outcome
    }

    /// Saves a new note on `topic` of `slot`, ending this view's draft in the same commit.
    public func addNote(_ text: String, slot: String, topic: String, at now: Date, id: String? = nil) throws -> (id: String, outcome: Outcome) {
        let id = id ?? UUID().uuidString.lowercased()
        let outcome = try write(at: now, clearingDraft: true) { _ in
            [.noteAdded(id: id, slot: slot, topic: topic, text: text, by: self.author)]
        }
        return (id, outcome)
    }

    /// Saves `text` over note `id`, as an edit of its version `base`; refused when somebody else
    /// changed or deleted the note since.
    public func editNote(_ id: String, text: String, base: Int, at now: Date) throws -> Outcome {
        var answer = Answer.recorded
        var outcome = try write(at: now) { s in
            if let why = s.staleEdit(of: id, base: base, zone: s.agenda.timeZone) {
                answer = .refused(why)
                return []
            }
            return [.noteEdited(id: id, text: text, undo: false, base: base)]
        }
        outcome.answer = answer
        return outcome
    }

    /// Takes back this author's latest note change (never another author's).
    public func undo(at now: Date) throws -> Outcome {
        var answer = Answer.recorded
        var outcome = try write(at: now) { s in
            switch s.undoAction(by: self.author) {
            case .success(let action): return [action]
            case .failure(let refusal): answer = .refused(refusal.description); return []
            }
        }
        outcome.answer = answer
        return outcome
    }

    /// Records a note action as it stands (delete, move).
    @discardableResult
    public func record(_ action: SessionEvent.Action, at now: Date) throws -> Outcome {
        try write(at: now) { _ in [action] }
    }

    /// One write: inside the log's transaction, applies what others recorded, records what time
    /// alone caused by `now`, then what `decide` asks for on the state after that.
    private func write(at now: Date, clearingDraft: Bool = false,
                       _ decide: (Session) -> [SessionEvent.Action]) throws -> Outcome {
        try loadIfShownFirst()
        guard role.records else { return Outcome(answer: .refused("this view changes nothing"), effects: try sync()) }
        var effects = carried
        carried = []
        let appended: [SessionEvent]
        do {
            let observed = Self.wallMinusUptime(clock)
            appended = try log.transact(clearingDraft: clearingDraft) { unseen in
                for event in unseen { effects += self.session.apply(event) }
                // What the wall clock did first (a step moves deadlines), then what time caused.
                var events = observed.flatMap { self.clockAction(observed: $0, in: self.session) }
                    .map { [SessionEvent(at: now, $0, by: self.author, role: self.role)] } ?? []
                var after = self.session
                for event in events { after.apply(event) }
                // What time caused, until nothing more is due (an automatic next topic can start a
                // slot's clock that has already run out).
                for _ in 0..<64 {
                    let due = after.dueEvents(at: now).map(self.stamped)
                    guard !due.isEmpty else { break }
                    for event in due { after.apply(event) }
                    events += due
                }
                events += decide(after).map { SessionEvent(at: now, $0, by: self.author, role: self.role) }
                return events
            }
        } catch {
            carried = effects
            throw error
        }
        for event in appended { effects += session.apply(event) }
        return Outcome(answer: .recorded, effects: effects)
    }

    private func stamped(_ event: SessionEvent) -> SessionEvent {
        SessionEvent(at: event.at, event.action, by: author, role: role)
    }

    // MARK: - Steps of the wall clock

    /// The event that tells the session about the wall clock as observed now (`observed`: wall
    /// minus boot-time clock): a baseline for a boot it has none for, or a step of more than two
    /// seconds from its baseline. Nil when the session already knows.
    func clockAction(observed: Double, in session: Session) -> SessionEvent.Action? {
        let boot = clock.bootID
        let reference: Double
        if let base = session.clockBase, base.boot == boot {
            reference = base.offset
        } else if let start = startOffset, abs(observed - start) > 2 {
            // No baseline for this boot yet, and the clock moved since this process started.
            reference = start
        } else {
            return .clockBase(boot: boot, offset: observed)
        }
        let step = observed - reference
        guard abs(step) > 2 else { return nil }
        return .clockJump(seconds: step.rounded(), boot: boot, offset: observed)
    }

    /// The wall clock minus the boot-time clock, read between two boot-time readings that are
    /// close together: a process stalled between the readings (a page fault on a busy disk, a
    /// preempted thread) would otherwise look like a step of the wall clock. Nil when no clean
    /// reading comes in a few tries; the check then waits for the next turn.
    static func wallMinusUptime(_ clock: SessionClock) -> Double? {
        for _ in 0..<4 {
            let before = clock.uptime()
            let wall = clock.now().timeIntervalSince1970
            let after = clock.uptime()
            if after - before < 0.05 { return wall - (before + after) / 2 }
        }
        return nil
    }
}

extension LiveSession {
    /// Starts the current topic's clock unless it is already running, has finished, or its slot
    /// has ended (`gavel run --start`: a chair who launches the console as the speaker begins).
    /// A paused topic resumes. Nil when nothing was recorded.
    @discardableResult
    public func startCurrentTopic(at now: Date) throws -> Outcome? {
        guard let snapshot = session.snapshot(at: now), !snapshot.hasEnded, let topic = snapshot.currentTopic,
              !topic.isRunning, !topic.isFinished else { return nil }
        return try perform(.toggle, at: now, confirmed: false)
    }
}
