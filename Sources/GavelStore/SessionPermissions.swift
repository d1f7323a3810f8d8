import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may read and write a session file, checked before SQLite touches it.
///
/// A session holds everybody's notes: it is the owner's alone (0600), with its log files and lock
/// file. A session another program left readable by others (0644) is tightened, with a message.
/// A session the user cannot write (archived with `chmod a-w`, another user's, in a read-only
/// folder) opens for reading (`gavel summary`, `gavel speaker`), and a view that writes is refused
/// with a fix the user can apply: `chmod` when the file is theirs, a copy when it is not.
enum SessionPermissions {
    struct Inspection {
        var access: SessionFiles.Access
    }

    static func checkFolder(of path: String) throws {
        let folder = folderPath(of: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SessionStoreError.failed(path: path, detail: "the folder \(folder) does not exist; create it, or pass another --session PATH")
        }
    }

    static func folderPath(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// Checks what is at `path` before SQLite touches it; creates an empty 0600 file when nothing is
    /// and the folder allows (SQLite gives the log files beside it the same mode). Decides how the
    /// session can be opened: for writing when `write` (or refuses), else as the files allow.
    static func inspectOrCreate(_ path: String, write: Bool) throws -> Inspection {
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == ENOENT else {
                throw SessionStoreError.failed(path: path, detail: String(cString: strerror(errno)))
            }
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                if errno == EACCES || errno == EROFS || errno == EPERM {
                    throw SessionStoreError.readOnly(path: path, reason: "cannot create it: \(reason)")
                }
                throw SessionStoreError.failed(path: path, detail: "cannot create it: \(reason)")
            }
            fchmod(fd, 0o600)
            close(fd)
            return Inspection(access: .readWrite)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SessionStoreError.notAGavelSession(path: path, reason: "not a regular file")
        }
        if info.st_size > 0 {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw SessionStoreError.failed(path: path, detail: "cannot read it: \(String(cString: strerror(errno)))")
            }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            guard header == Data("SQLite format 3\0".utf8) else {
                throw SessionStoreError.notAGavelSession(path: path, reason: "not an SQLite database")
            }
        }
        if let why = whyNotWritable(path, info: info) {
            if write { throw SessionStoreError.readOnly(path: path, reason: why) }
            return Inspection(access: readOnlyAccess(path))
        }
        return Inspection(access: .readWrite)
    }

    /// Why a writer cannot use `path` (nil: it can). Write permission is checked by its bits too:
    /// root can write anything, but a session the user made read-only (chmod a-w) stays as it is.
    static func whyNotWritable(_ path: String, info given: stat? = nil) -> String? {
        var info = given ?? stat()
        if given == nil, stat(path, &info) != 0 { return nil }
        if access(path, W_OK) != 0 || info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 {
            return "the file is read-only"
        }
        let folder = folderPath(of: path)
        if access(folder, W_OK) != 0 {
            return "its folder \(folder) is read-only, and SQLite keeps its log beside the file"
        }
        return nil
    }

    /// How a view that only reads opens a session it cannot write: through its log when a writer
    /// keeps one (both log files there), else the main file alone (`immutable`), which a clean
    /// close or a checkpoint left complete.
    static func readOnlyAccess(_ path: String) -> SessionFiles.Access {
        var wal = stat()
        let hasLog = stat(path + "-wal", &wal) == 0 && wal.st_size > 32
        let hasIndex = access(path + "-shm", R_OK) == 0
        return hasLog && hasIndex ? .readOnly : .immutable
    }

    /// Makes the session the owner's alone when others could read or write it (0644 → 0600), with
    /// its log and lock files; returns what to tell the user. Files of another user are left alone.
    static func tighten(_ path: String) -> [String] {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 else {
            privateLogFiles(path)
            return []
        }
        let before = info.st_mode & 0o777
        guard chmod(path, 0o600) == 0 else { return [] }
        privateLogFiles(path)
        let name = (path as NSString).lastPathComponent
        return ["\(name) was readable by others (mode \(octal(before))); gavel made it 0600, yours alone, with its log "
                + "files: it holds everybody's notes. (--summary-mode decides who may read the summaries.)"]
    }

    /// Gives the log and lock files the owner's privacy when they have more (left by a run when the
    /// session was 0644).
    static func privateLogFiles(_ path: String) {
        for suffix in ["-wal", "-shm", ".lock"] {
            var info = stat()
            let file = path + suffix
            if lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 {
                chmod(file, info.st_mode & 0o700)
            }
        }
    }

    /// What the user can do about a session they cannot write: `chmod` their own file or folder;
    /// for another user's (root's) file, a copy of their own, or asking for it.
    static func fix(for path: String) -> String {
        let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "$USER"
        let copy = "cp \(path) ~/\(((path as NSString).lastPathComponent as NSString).deletingPathExtension)-copy.gavel"
        var info = stat()
        let folder = folderPath(of: path)
        if stat(path, &info) == 0, info.st_uid != geteuid() {
            return "It belongs to \(userName(info.st_uid)): work on a copy of your own (\(copy), then --session with the copy), "
                + "or ask them for it (sudo chown \(user) \(path) \(path).lock). gavel summary and gavel speaker read it as it is."
        }
        var folderInfo = stat()
        if access(folder, W_OK) != 0, stat(folder, &folderInfo) == 0 {
            if folderInfo.st_uid != geteuid() {
                return "Its folder belongs to \(userName(folderInfo.st_uid)): work on a copy (\(copy), then --session with the copy). "
                    + "gavel summary and gavel speaker read it as it is."
            }
            return "Make the folder writable (chmod u+w \(folder)), or work on a copy (\(copy)). gavel summary and gavel speaker read it as it is."
        }
        return "Make it writable (chmod u+w \(path)), or work on a copy (\(copy), then --session with the copy); gavel did not change it. "
            + "gavel summary and gavel speaker read it as it is."
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode, radix: 8) }
}
