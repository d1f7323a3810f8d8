import Foundation
import GavelCore

/// A clock that moves only when told to: tests step time by hand and never sleep.
public final class ManualClock: SessionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sinceBoot: TimeInterval = 1000
    private var boot = "manual-boot"

    public init(_ start: Date = Date(timeIntervalSince1970: 1_346_270_400)) { current = start }

    public func now() -> Date { lock.withLock { current } }
    public func uptime() -> TimeInterval { lock.withLock { sinceBoot } }
    public var bootID: String { lock.withLock { boot } }

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

    /// The machine restarted: the boot-time clock starts again from `uptime`.
    public func reboot(uptime: TimeInterval = 20) {
        lock.withLock {
            sinceBoot = uptime
            boot = "manual-boot-\(UUID().uuidString.prefix(8))"
        }
    }
}
