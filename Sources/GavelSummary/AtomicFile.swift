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

    public var description: String { "\(path): cannot write the summary: \(reason)" }
}

/// Writes files so that a reader, or a crash, sees the old file or the new one, never half of
/// one: a temporary file in the same folder, written and fsynced, renamed over the target, and the
/// folder fsynced so the rename itself is durable.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(SummaryWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        let name = (path as NSString).lastPathComponent
        removeStaleTemporaries(of: name, in: dir)
        let temp = (dir as NSString).appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, errno) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do throws(SummaryWriteError) {
            try writeAll(fd, Array(text.utf8), path: path)
            guard fsync(fd) == 0 else { throw failure(path, errno) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, errno) }
        guard rename(temp, path) == 0 else { throw failure(path, errno) }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Removes `.NAME.PID.RAND.tmp` files left by a writer that was killed mid-write (its process
    /// is gone), so a crash leaves no litter beside the summaries for long.
    static func removeStaleTemporaries(of name: String, in dir: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let prefix = "." + name + "."
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let parts = entry.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = Int32(parts[0]), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink((dir as NSString).appendingPathComponent(entry))
            }
        }
    }

    /// Creates `path` and its missing parents as folders.
    public static func makeFolder(_ path: String) throws(SummaryWriteError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw SummaryWriteError(path: path, reason: "exists and is not a folder") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolder(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw failure(path, errno) }
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
