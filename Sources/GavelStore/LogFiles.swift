import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The session's write-ahead log and its index, `SESSION-wal` and `SESSION-shm`, by identity
/// (device and inode): what a connection has open, and what sits at their paths now. When the two
/// differ, the files were deleted (a cleanup tool, a sync client, `git clean`) or replaced.
struct LogFiles: Equatable, CustomStringConvertible {
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    var wal: Identity?
    var shm: Identity?

    /// What sits at the paths of `sessionPath`'s log files now (nil: nothing).
    static func current(of sessionPath: String) -> LogFiles {
        LogFiles(wal: identity(sessionPath + "-wal"), shm: identity(sessionPath + "-shm"))
    }

    init(wal: Identity?, shm: Identity?) {
        self.wal = wal
        self.shm = shm
    }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// As kept in the lock file: `wal DEV:INO shm DEV:INO` (`-` for none).
    var record: String {
        func text(_ id: Identity?) -> String { id.map { "\($0.device):\($0.inode)" } ?? "-" }
        return "wal \(text(wal)) shm \(text(shm))"
    }

    init?(record: String) {
        let parts = record.split(separator: " ")
        guard parts.count == 4, parts[0] == "wal", parts[2] == "shm" else { return nil }
        func identity(_ text: Substring) -> Identity?? {
            if text == "-" { return .some(nil) }
            let numbers = text.split(separator: ":")
            guard numbers.count == 2, let d = UInt64(numbers[0]), let i = UInt64(numbers[1]) else { return nil }
            return .some(Identity(device: d, inode: i))
        }
        guard let w = identity(parts[1]), let s = identity(parts[3]) else { return nil }
        wal = w
        shm = s
    }

    var description: String { record }
}
