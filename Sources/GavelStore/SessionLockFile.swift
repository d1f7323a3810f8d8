import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `SESSION.lock`, beside the session file, kept open by every gavel that has the session open.
/// It carries four things, none of them data:
///
/// - **The opening lock** (an exclusive `flock`), held while a process opens and migrates the
///   session or rebuilds its log files. Two processes opening a fresh file at once otherwise race:
///   one sees `database is locked` while the other switches the file to WAL, or both run the first
///   migration. SQLite's busy timeout covers neither.
/// - **The commit lock** (the same `flock`, shared), held around each commit, so a log rebuild
///   never runs between a process's check that its log files are still in place and its commit.
/// - **Presence** (a read lock on byte 0, per open file description, `F_OFD_SETLK`): some gavel has
///   the session open. A process opening the session while another is present but the log files
///   are gone waits for that one to rebuild them instead of starting a second log (two WALs).
/// - **The bell** (byte 0 rewritten after each commit, see `ChangeWatch`) and **the log record**
///   (which `-wal` and `-shm` files the last gavel to open or rebuild the session left in place).
///
/// The lock file is never deleted (deleting it would let a third process lock a new inode while the
/// second still holds the old one); it is git-ignored. In a read-only folder without a lock file
/// there is none, and a read-only view does without.
final class SessionLockFile {
    let path: String
    private let fd: Int32
    /// Opened for writing: the bell can ring and the log record can be written.
    let writable: Bool

    /// Opens (creating when missing, mode 0600) the lock file of `sessionPath`; read-only when it
    /// cannot be written. Throws when it can be neither created nor read.
    init(sessionPath: String) throws {
        path = sessionPath + ".lock"
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        var writable = true
        if fd < 0, errno == EACCES || errno == EROFS || errno == EPERM {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            writable = false
        }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EACCES || errno == EROFS || errno == EPERM || errno == ENOENT {
                throw SessionStoreError.readOnly(path: sessionPath, reason: "cannot create \(path): \(reason)")
            }
            throw SessionStoreError.failed(path: sessionPath, detail: "cannot create \(path): \(reason)")
        }
        self.fd = fd
        self.writable = writable
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    // MARK: - Opening and commit locks

    /// Takes the opening lock, waiting up to `timeout` seconds; false when it stayed taken.
    func lockExclusive(timeout: TimeInterval) -> Bool { take(LOCK_EX, timeout: timeout) }

    /// Takes the commit lock (shared with other commits), waiting up to `timeout` seconds.
    func lockShared(timeout: TimeInterval) -> Bool { take(LOCK_SH, timeout: timeout) }

    func unlock() { flock(fd, LOCK_UN) }

    private func take(_ operation: Int32, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, operation | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else { return false }
            usleep(5_000)
        }
        return true
    }

    // MARK: - Presence

    // fcntl commands for locks owned by the open file description (Linux 3.15+; glibc defines them
    // only with _GNU_SOURCE, which Swift's Glibc module does not).
    private static let getOFDLock: Int32 = 36
    private static let setOFDLock: Int32 = 37

    /// Marks the session open by this process until the lock file is closed.
    func announcePresence() {
        var lock = Self.byteZero(F_RDLCK)
        _ = fcntl(fd, Self.setOFDLock, &lock)
    }

    /// Whether another gavel (another open description of this file) has the session open. False
    /// when the system cannot tell (no open-description locks): as before they existed.
    func othersPresent() -> Bool {
        var lock = Self.byteZero(F_WRLCK)
        guard fcntl(fd, Self.getOFDLock, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    private static func byteZero(_ type: Int32) -> Glibc.flock {
        var lock = Glibc.flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 1
        lock.l_pid = 0
        return lock
    }

    // MARK: - Bell and log record

    /// Tells attached views a commit is visible. Only a wake-up: if it fails they still see the
    /// change at their next tick.
    func ring() {
        guard writable else { return }
        var byte: UInt8 = 1
        _ = pwrite(fd, &byte, 1, 0)
    }

    private static let recordOffset: off_t = 64
    private static let recordSize = 128

    /// The log files the last gavel to open or rebuild the session found in place.
    func readRecord() -> LogFiles? {
        var bytes = [UInt8](repeating: 0, count: Self.recordSize)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, Self.recordOffset) }
        guard n > 0 else { return nil }
        return LogFiles(record: String(decoding: bytes[..<n].prefix { $0 != 0 && $0 != 0x0A }, as: UTF8.self))
    }

    func writeRecord(_ files: LogFiles) {
        guard writable else { return }
        var bytes = Array((files.record + "\n").utf8.prefix(Self.recordSize))
        bytes += [UInt8](repeating: 0, count: Self.recordSize - bytes.count)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, Self.recordOffset) }
    }
}
