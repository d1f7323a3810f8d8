import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `STEM-summary/`, opened for writing summaries into it, and only into it.
///
/// The folder is made if missing, then opened without following a symbolic link (`O_NOFOLLOW`):
/// a `track-summary -> elsewhere/` link is refused, as is a folder that belongs to another user
/// (who could read or replace the summaries). Every file is then written relative to the open
/// folder (`AtomicFile`), so renaming or relinking the path meanwhile changes nothing. Its
/// permissions are set to what `mode` says (0700 by default: the notes are the session's).
struct SummaryFolder: ~Copyable {
    let path: String
    let fd: Int32
    let mode: SummaryFileMode

    init(path: String, mode: SummaryFileMode) throws(SummaryWriteError) {
        self.path = path
        self.mode = mode
        let parentPath = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let parent = open(parentPath.isEmpty ? "." : parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { throw AtomicFile.failure(path, errno) }
        defer { close(parent) }
        if mkdirat(parent, name, mode.folder) != 0, errno != EEXIST {
            throw AtomicFile.failure(path, errno)
        }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw Self.refusal(path, parent: parent, name: name, code: code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw AtomicFile.failure(path, code)
        }
        guard info.st_uid == geteuid() else {
            close(fd)
            throw SummaryWriteError(path: path, reason: "the folder belongs to \(Self.userName(info.st_uid)), not to you; "
                                        + "gavel writes the notes' summaries only into a folder you own. Move it away "
                                        + "(mv \(path) \(path).theirs) and gavel makes its own")
        }
        if info.st_mode & 0o777 != mode.folder, fchmod(fd, mode.folder) != 0 {
            let code = errno
            close(fd)
            throw AtomicFile.failure(path, code)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes `text` as the file `name` of the folder (atomically, with the mode's permissions)
    /// unless it already holds exactly that; returns its path.
    func write(_ text: String, named name: String) throws(SummaryWriteError) -> String {
        let filePath = (path as NSString).appendingPathComponent(name)
        // A file that already says exactly this is left alone: its time stays the time of the
        // change it records, and a view that starts up and checks its summaries rewrites nothing.
        if AtomicFile.holds(text, named: name, in: fd, mode: mode.files) { return filePath }
        try AtomicFile.write(text, named: name, in: fd, path: filePath, mode: mode.files)
        return filePath
    }

    /// Why `name` could not be opened as a folder: a symbolic link (and where to), not a folder, or
    /// what the system said.
    private static func refusal(_ path: String, parent: Int32, name: String, code: Int32) -> SummaryWriteError {
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return AtomicFile.failure(path, code) }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlinkat(parent, name, &target, target.count - 1)
            let destination = n > 0 ? String(decoding: target[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            return SummaryWriteError(path: path, reason: "it is a symbolic link (to \(destination)); gavel writes summaries "
                                         + "only into a real folder, so that no slot's file can land outside it. Remove the "
                                         + "link (rm \(path)) and gavel makes the folder")
        case S_IFDIR:
            return AtomicFile.failure(path, code)
        default:
            return SummaryWriteError(path: path, reason: "exists and is not a folder")
        }
    }

    private static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }
}
