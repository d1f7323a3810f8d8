import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running process, named so that a later process with the same pid is not taken for it:
/// `pid:start` with the start time in clock ticks since boot (`/proc/PID/stat`, field 22) and the
/// boot it belongs to.
enum ProcessIdentity {
    static let current: String = identity(of: getpid()) ?? "\(getpid()):0"

    /// Whether the process `identity` names still runs.
    static func isRunning(_ identity: String) -> Bool {
        guard let pid = Int32(identity.split(separator: ":").first ?? "") else { return false }
        return self.identity(of: pid) == identity
    }

    static func identity(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces), starting at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return "\(pid):\(fields[19]):\(bootID)"
    }

    static let bootID: String = ((try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
