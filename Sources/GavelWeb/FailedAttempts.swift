import Foundation

/// Counts requests with a wrong token per client address and turns an address away for a while
/// once it has made too many: `limit` failures within `window` seconds block it for `penalty`
/// seconds after the last one. Guessing a 128-bit token is hopeless anyway; this keeps a scanner
/// on the conference Wi-Fi from filling the log or the CPU.
public final class FailedAttempts: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    public let penalty: TimeInterval
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    struct Entry {
        var failures: [Date]
        var blockedUntil: Date?
    }

    public init(limit: Int = 10, window: TimeInterval = 60, penalty: TimeInterval = 60,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.penalty = penalty
        self.now = now
    }

    /// Whether `address` is turned away now.
    public func isBlocked(_ address: String) -> Bool {
        let t = now()
        return lock.withLock {
            guard let until = entries[address]?.blockedUntil else { return false }
            return t < until
        }
    }

    /// Counts a wrong token from `address`.
    public func recordFailure(_ address: String) {
        let t = now()
        lock.withLock {
            var entry = entries[address] ?? Entry(failures: [], blockedUntil: nil)
            entry.failures = entry.failures.filter { t.timeIntervalSince($0) < window } + [t]
            if entry.failures.count >= limit { entry.blockedUntil = t.addingTimeInterval(penalty) }
            entries[address] = entry
            // Forget addresses that went quiet, so a scan of many addresses cannot grow the table
            // without end.
            if entries.count > 4096 {
                entries = entries.filter { _, e in
                    (e.blockedUntil.map { t < $0 } ?? false) || e.failures.contains { t.timeIntervalSince($0) < window }
                }
            }
        }
    }
}
