import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An inotify descriptor that becomes readable when the session's write-ahead log changes.
///
/// In WAL mode every commit, by any process, appends to `SESSION-wal`, so a watch on that file
/// wakes the run loop only when something was written: no polling, no wake-ups while idle. The
/// folder is watched too (creations only), so a log file that is re-created is watched again.
final class ChangeWatch {
    let descriptor: Int32
    private let walPath: String
    private let walName: String
    private var walWatch: Int32 = -1

    init(databasePath: String) throws {
        let url = URL(fileURLWithPath: databasePath)
        walPath = databasePath + "-wal"
        walName = url.lastPathComponent + "-wal"
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            throw SessionStoreError.failed(path: databasePath, detail: "cannot watch for changes: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        let folder = url.deletingLastPathComponent().path
        guard inotify_add_watch(fd, folder, UInt32(IN_CREATE | IN_MOVED_TO)) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SessionStoreError.failed(path: databasePath, detail: "cannot watch its folder for changes: \(reason)")
        }
        watchLog()
    }

    deinit { close(descriptor) }

    /// Watches `SESSION-wal` (again) if it exists.
    private func watchLog() {
        let wd = inotify_add_watch(descriptor, walPath, UInt32(IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF))
        walWatch = wd
    }

    /// Reads every pending notification so the descriptor is quiet until the next change.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var rewatch = false
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
                if wd != walWatch, name == walName { rewatch = true }
                if wd == walWatch, mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { rewatch = true }
                offset += headerSize + nameLength
            }
        }
        if rewatch || walWatch < 0 { watchLog() }
    }
}
