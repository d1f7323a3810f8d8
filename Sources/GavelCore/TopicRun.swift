import Foundation

/// The clock of one topic: how long it ran, whether it runs now, and how much time it was given
/// on top of its plan. It stores instants, never a ticking counter, so a late tick cannot drift.
public struct TopicRun: Sendable, Equatable {
    /// Seconds added (or, negative, removed) by the chair.
    public var adjust: Int = 0
    /// Running time before `runningSince`.
    public var accumulated: TimeInterval = 0
    public var runningSince: Date?
    public var firstStart: Date?
    /// When it was finished by moving past it.
    public var finishedAt: Date?
    /// The chair held it past zero: no automatic next topic (`at_zero = "next"`).
    public var autoNextHeld = false

    public init() {}

    public var isRunning: Bool { runningSince != nil }
    public var hasStarted: Bool { firstStart != nil }

    public func elapsed(at now: Date) -> TimeInterval {
        accumulated + (runningSince.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }

    mutating func start(at t: Date) {
        guard runningSince == nil else { return }
        runningSince = t
        if firstStart == nil { firstStart = t }
        finishedAt = nil
    }

    mutating func stop(at t: Date) {
        guard let since = runningSince else { return }
        accumulated += max(0, t.timeIntervalSince(since))
        runningSince = nil
    }
}

/// Where a topic's countdown stands, as the speaker sees it.
public enum Phase: String, Sendable, Equatable, CaseIterable {
    /// Not started yet.
    case ready
    /// Counting down, plenty of time (green).
    case running
    /// At or below the first warn time (amber).
    case warn
    /// At or below the second warn time (red).
    case urgent
    /// Past zero, counting up.
    case overtime

    /// The phase in words, for people who cannot tell the colours apart.
    public var words: String {
        switch self {
        case .ready: "READY"
        case .running: ""
        case .warn: "WRAP UP"
        case .urgent: "TIME"
        case .overtime: "OVER"
        }
    }
}
