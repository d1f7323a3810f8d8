import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed write, with a message that names the path and the reason.
public struct SummaryWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot write the summary: \(reason)" }
}

/// Writes files so that a reader, or a crash, sees the old file or the new one, never half of
/// one: a temporary file in the same folder, written and fsynced, renamed over the target, and the
/// folder fsynced so the rename itself is durable.
///
/// Every step names the file relative to an open descriptor of its folder (`openat`, `renameat`),
/// and the temporary file is created with `O_EXCL | O_NOFOLLOW`: a symbolic link planted at either
/// name is replaced, never followed, so nothing is written outside the folder.
public enum AtomicFile {
    /// Writes `text` to `path` (`gavel summary -o FILE`). A file already there keeps its
    /// permissions; a new one gets `mode` (default 0600, private like the session).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws(SummaryWriteError) {
        try write(bytes: Array(text.utf8), to: path, mode: mode)
    }

    /// `write` of bytes already made (a summary rendered as bytes).
    public static func write(bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(SummaryWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        let name = (path as NSString).lastPathComponent
        let dirFD = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw failure(path, errno) }
        defer { close(dirFD) }
        var existing = stat()
        var fileMode = mode
        if fstatat(dirFD, name, &existing, AT_SYMLINK_NOFOLLOW) == 0, existing.st_mode & S_IFMT == S_IFREG {
            fileMode = existing.st_mode & 0o777
        }
        try write(bytes: bytes, named: name, in: dirFD, path: path, mode: fileMode)
    }

    /// Writes `text` as the file `name` of the folder open as `dirFD`, with permissions `mode`
    /// exactly (whatever the umask); `path` names it in errors.
    static func write(_ text: String, named name: String, in dirFD: Int32, path: String, mode: mode_t) throws(SummaryWriteError) {
        try write(bytes: Array(text.utf8), named: name, in: dirFD, path: path, mode: mode)
    }

    static func write(bytes: [UInt8], named name: String, in dirFD: Int32, path: String, mode: mode_t) throws(SummaryWriteError) {
        removeStaleTemporaries(of: name, in: dirFD)
        let temp = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = openat(dirFD, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, errno) }
        var ok = false
        defer {
            if !ok { unlinkat(dirFD, temp, 0) }
        }
        do throws(SummaryWriteError) {
            guard fchmod(fd, mode) == 0 else { throw failure(path, errno) }
            try writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw failure(path, errno) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, errno) }
        guard renameat(dirFD, temp, dirFD, name) == 0 else { throw failure(path, errno) }
        ok = true
        _ = fsync(dirFD)
    }

    /// Whether the file `name` of the folder open as `dirFD` is a regular file of ours, with
    /// permissions `mode`, whose bytes are exactly `text` (a symbolic link there is never followed).
    static func holds(_ text: String, named name: String, in dirFD: Int32, mode: mode_t) -> Bool {
        let fd = openat(dirFD, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        let size = text.utf8.count
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
              info.st_mode & 0o777 == mode, Int(info.st_size) == size else { return false }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + count, raw.count - count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            count += n
        }
        guard count == size else { return false }
        if size == 0 { return true }
        var text = text
        return text.withUTF8 { utf8 in bytes.withUnsafeBytes { raw in memcmp(raw.baseAddress!, utf8.baseAddress!, size) == 0 } }
    }

    /// Removes `.NAME.PID.RAND.tmp` files left by a writer that was killed mid-write (its process
    /// is gone), so a crash leaves no litter beside the summaries for long.
    static func removeStaleTemporaries(of name: String, in dirFD: Int32) {
        let prefix = "." + name + "."
        for entry in entries(of: dirFD) where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let parts = entry.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = Int32(parts[0]), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlinkat(dirFD, entry, 0)
            }
        }
    }

    /// The names in the folder open as `dirFD` (read through a duplicate, which `closedir` closes).
    static func entries(of dirFD: Int32) -> [String] {
        let copy = dup(dirFD)
        guard copy >= 0 else { return [] }
        guard let dir = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SummaryWriteError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            written += n
        }
    }

    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }

    static func failure(_ path: String, _ code: Int32) -> SummaryWriteError {
        SummaryWriteError(path: path, reason: String(cString: strerror(code)))
    }
}
