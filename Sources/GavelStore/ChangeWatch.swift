import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An inotify descriptor that becomes readable when another gavel changed the session.
///
/// The bell is `SESSION.lock`: every gavel rewrites one byte of it *after* each commit, when
/// readers can see the commit. Watching the write-ahead log instead would not do: a commit's
/// frames reach `SESSION-wal` before the fsync and before the WAL index (shared memory, which
/// inotify cannot see) makes them visible, so a reader woken by the log may read too early and
/// then sleep through the change. (Another program writing the file, an `sqlite3` shell, rings
/// no bell: its changes show at the view's next tick.) Nothing is polled: an idle session wakes
/// nobody. The folder is watched for creations, so a bell that is re-created is watched again.
///
/// The folder is also watched for the session's log files (`SESSION-wal`, `SESSION-shm`) being
/// deleted, renamed or created: `drain` says so, and the store rebuilds them at once (see
/// `SessionFiles`) instead of at its next read.
final class ChangeWatch {
    let descriptor: Int32
    private let watchedPaths: [String]
    private let watchedNames: Set<String>
    private let logNames: Set<String>
    private var fileWatches: Set<Int32> = []

    init(databasePath: String) throws {
        let url = URL(fileURLWithPath: databasePath)
        watchedPaths = [databasePath + ".lock"]
        watchedNames = [url.lastPathComponent + ".lock"]
        logNames = [url.lastPathComponent + "-wal", url.lastPathComponent + "-shm"]
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            throw SessionStoreError.failed(path: databasePath, detail: "cannot watch for changes: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        let folder = url.deletingLastPathComponent().path
        guard inotify_add_watch(fd, folder, UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM)) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SessionStoreError.failed(path: databasePath, detail: "cannot watch its folder for changes: \(reason)")
        }
        watchFiles()
    }

    deinit { close(descriptor) }

    /// Watches the bell (again) if it exists.
    private func watchFiles() {
        fileWatches = Set(watchedPaths.map {
            inotify_add_watch(descriptor, $0, UInt32(IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF))
        }.filter { $0 >= 0 })
    }

    /// Reads every pending notification so the descriptor is quiet until the next change. True
    /// when one was about the log files (or notifications were lost, and it may have been).
    @discardableResult
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var rewatch = false
        var logFilesChanged = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }
            var offset = 0
            let headerSize = 16
            while offset + headerSize <= count {
                let (wd, mask, nameLength) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + nameLength)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                if !fileWatches.contains(wd), watchedNames.contains(name) { rewatch = true }
                if logNames.contains(name) || mask & UInt32(IN_Q_OVERFLOW) != 0 { logFilesChanged = true }
                if fileWatches.contains(wd), mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { rewatch = true }
                offset += headerSize + nameLength
            }
        }
        if rewatch || fileWatches.count < watchedPaths.count { watchFiles() }
        return logFilesChanged
    }
}
