import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `SESSION.lock`, held while a process opens and migrates the session.
///
/// Two processes opening a fresh file at once otherwise race: one sees `database is locked` while
/// the other switches the file to WAL, or both run the first migration. SQLite's busy timeout does
/// not cover either; this lock does. The lock file is never deleted (deleting it would let a third
/// process lock a new inode while the second still holds the old one); it is git-ignored.
struct SideLock: ~Copyable {
    private let fd: Int32

    /// Waits up to `timeout` seconds for the lock.
    init(sessionPath: String, timeout: TimeInterval) throws {
        let lockPath = sessionPath + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EACCES || errno == EROFS || errno == EPERM {
                throw SessionStoreError.readOnly(path: sessionPath, reason: "cannot create \(lockPath): \(reason)")
            }
            throw SessionStoreError.failed(path: sessionPath, detail: "cannot create \(lockPath): \(reason)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw SessionStoreError.locked(path: sessionPath)
            }
            usleep(10_000)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
