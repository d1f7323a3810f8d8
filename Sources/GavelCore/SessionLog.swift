import Foundation

/// Where a session's events are kept. The app records through it and reads back, in one order,
/// what every process attached to the session recorded.
public protocol SessionLog: AnyObject {
    /// Records `event` durably; returns only once it is committed.
    func append(_ event: SessionEvent) throws
    /// Events recorded since the last call, by this process or any other, in the log's order.
    func newEvents() throws -> [SessionEvent]
    /// Keeps the note line being typed by `by`, so a crash loses at most the last moment of it.
    func saveDraft(_ text: String, by: String) throws
    func loadDraft(by: String) throws -> String?
    /// A descriptor that becomes readable when another process may have written, for the run loop
    /// to wait on; nil when nobody else can write.
    var changeDescriptor: Int32? { get }
    /// Consumes the readiness of `changeDescriptor`.
    func acknowledgeChange()
}

/// A log held in memory: for tests and for a session nobody else attaches to.
public final class MemoryLog: SessionLog {
    public private(set) var events: [SessionEvent]
    private var delivered = 0
    private var drafts: [String: String] = [:]

    public init(events: [SessionEvent] = []) { self.events = events }

    public func append(_ event: SessionEvent) throws { events.append(event) }

    public func newEvents() throws -> [SessionEvent] {
        defer { delivered = events.count }
        return Array(events[delivered...])
    }

    public func saveDraft(_ text: String, by: String) throws { drafts[by] = text }
    public func loadDraft(by: String) throws -> String? { drafts[by] }
    public var changeDescriptor: Int32? { nil }
    public func acknowledgeChange() {}
}

/// A session kept in step with its log: commands are recorded first, then applied as read back,
/// so this process and every other one apply the same events in the same order.
public final class LiveSession {
    public private(set) var session: Session
    public let log: SessionLog
    public let clock: SessionClock
    /// Who writes notes from this process.
    public let author: String
    /// `now - uptime` when last looked at: a change is a step of the wall clock.
    private var clockOffset: TimeInterval
    /// What the events recorded before this process started ask for: every slot that ended
    /// (its summary may be missing if the process that ended it was killed before writing it).
    public private(set) var startupEffects: [Session.Effect] = []

    public init(agenda: Agenda, log: SessionLog, clock: SessionClock, author: String) throws {
        self.session = Session(agenda: agenda)
        self.log = log
        self.clock = clock
        self.author = author
        self.clockOffset = Self.wallMinusUptime(clock) ?? clock.now().timeIntervalSince1970 - clock.uptime()
        startupEffects = try sync().filter { if case .slotEnded = $0 { true } else { false } }
    }

    /// The wall clock minus the boot-time clock, read between two boot-time readings that are
    /// close together: a process stalled between the readings (a page fault on a busy disk, a
    /// preempted thread) would otherwise look like a step of the wall clock. Nil when no clean
    /// reading comes in a few tries; the check then waits for the next tick.
    static func wallMinusUptime(_ clock: SessionClock) -> TimeInterval? {
        for _ in 0..<4 {
            let before = clock.uptime()
            let wall = clock.now().timeIntervalSince1970
            let after = clock.uptime()
            if after - before < 0.05 { return wall - (before + after) / 2 }
        }
        return nil
    }

    /// Records a step of the wall clock (of more than two seconds) since this process last looked.
    @discardableResult
    private func recordClockStep() throws -> [Session.Effect] {
        guard let offset = Self.wallMinusUptime(clock) else { return [] }
        let step = offset - clockOffset
        clockOffset = offset
        guard abs(step) > 2 else { return [] }
        try log.append(SessionEvent(at: now, .clockJump(seconds: step.rounded())))
        return try sync()
    }

    public var now: Date { clock.now() }

    /// Applies what the log holds that this process has not seen; returns the effects to perform.
    @discardableResult
    public func sync() throws -> [Session.Effect] {
        var effects: [Session.Effect] = []
        for event in try log.newEvents() { effects += session.apply(event) }
        return effects
    }

    /// Records what time alone has caused (a slot's time running out), then syncs.
    @discardableResult
    public func tick() throws -> [Session.Effect] {
        let effects = try recordClockStep()
        for event in session.dueEvents(at: now) { try log.append(event) }
        return try effects + sync()
    }

    /// Records a chair's command. Returns the effects, or nil when the command means nothing now.
    @discardableResult
    public func perform(_ command: Session.Command) throws -> [Session.Effect]? {
        var effects = try tick()
        guard let event = session.command(command, at: now) else { return nil }
        try log.append(event)
        effects += try sync()
        return effects
    }

    /// Records any action as it stands (notes, moves, undo).
    @discardableResult
    public func record(_ action: SessionEvent.Action) throws -> [Session.Effect] {
        let effects = try recordClockStep()
        try log.append(SessionEvent(at: now, action))
        return try effects + sync()
    }

    /// Saves a new note on `topic` of `slot`; returns its id.
    @discardableResult
    public func addNote(_ text: String, slot: String, topic: String) throws -> (id: String, effects: [Session.Effect]) {
        let id = UUID().uuidString.lowercased()
        let effects = try record(.noteAdded(id: id, slot: slot, topic: topic, text: text, by: author))
        return (id, effects)
    }

    public func snapshot() -> Snapshot? { session.snapshot(at: now) }
}
