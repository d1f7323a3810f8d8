import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the session reads the time. Injected, so tests step time by hand and never sleep.
public protocol SessionClock: Sendable {
    /// The wall clock: what events are stamped with and countdowns are computed from.
    func now() -> Date
    /// Seconds since boot, suspend included: it moves with real time when the wall clock is
    /// stepped (NTP, a hand correction), so a step shows as a change of `now - uptime`.
    func uptime() -> TimeInterval
}

/// The machine's wall clock, and CLOCK_BOOTTIME for steps (a laptop that slept did not jump: a
/// talk that went on meanwhile still counts).
public struct SystemClock: SessionClock {
    public init() {}
    public func now() -> Date { Date() }
    public func uptime() -> TimeInterval {
        #if os(Linux)
        var ts = timespec()
        if clock_gettime(CLOCK_BOOTTIME, &ts) == 0 { return TimeInterval(ts.tv_sec) + TimeInterval(ts.tv_nsec) / 1e9 }
        #endif
        return ProcessInfo.processInfo.systemUptime
    }
}

/// A clock that moves only when told to.
public final class ManualClock: SessionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sinceBoot: TimeInterval = 1000

    public init(_ start: Date = Date(timeIntervalSince1970: 1_346_270_400)) { current = start }

    public func now() -> Date { lock.withLock { current } }
    public func uptime() -> TimeInterval { lock.withLock { sinceBoot } }

    /// Time passes.
    public func advance(_ seconds: TimeInterval) {
        lock.withLock {
            current += seconds
            sinceBoot += max(0, seconds)
        }
    }

    /// The wall clock is stepped (by NTP or by hand) while no real time passes.
    public func jump(_ seconds: TimeInterval) { lock.withLock { current += seconds } }

    public func set(_ date: Date) { lock.withLock { current = date } }
}
