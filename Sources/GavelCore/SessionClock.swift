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
    /// Names the boot `uptime` counts from: the wall clock minus `uptime` is comparable only
    /// within one boot.
    var bootID: String { get }
}

/// The machine's wall clock, and CLOCK_BOOTTIME for steps (a laptop that slept did not jump: a
/// talk that went on meanwhile still counts).
public struct SystemClock: SessionClock {
    public let bootID: String

    public init() {
        let id = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        bootID = id.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    public func now() -> Date { Date() }
    public func uptime() -> TimeInterval {
        #if os(Linux)
        var ts = timespec()
        if clock_gettime(CLOCK_BOOTTIME, &ts) == 0 { return TimeInterval(ts.tv_sec) + TimeInterval(ts.tv_nsec) / 1e9 }
        #endif
        return ProcessInfo.processInfo.systemUptime
    }
}
