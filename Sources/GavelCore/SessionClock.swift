import Foundation

/// Where the session reads the time. Injected, so tests step time by hand and never sleep.
public protocol SessionClock: Sendable {
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemClock: SessionClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualClock: SessionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_346_270_400)) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }

    public func set(_ date: Date) { lock.withLock { current = date } }
}
