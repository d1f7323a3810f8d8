import Foundation
import GRDB

/// What can go wrong with a session file, each with a message that names the file and what to do.
///
/// Gavel never repairs, converts or overwrites a session file it does not recognise: every case
/// below leaves the file exactly as it was.
public enum SessionStoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The file is not an SQLite database, or is an SQLite database of another program.
    case notAGavelSession(path: String, reason: String)
    /// The file was written by a newer gavel, whose schema this one does not know.
    case newerSchema(path: String, found: String)
    /// Another program holds a lock on the file for longer than the busy timeout.
    case locked(path: String)
    /// The file (or its folder) cannot be written.
    case readOnly(path: String, reason: String)
    /// SQLite found the file damaged.
    case corrupt(path: String, detail: String)
    /// The disk (or the file system quota) is full: the last change was not saved.
    case diskFull(path: String)
    /// This view was opened only to watch the session (the speaker view): it records nothing.
    case viewOnly(path: String)
    /// Any other failure to read or write the file.
    case failed(path: String, detail: String)

    public var path: String {
        switch self {
        case .notAGavelSession(let path, _), .newerSchema(let path, _), .locked(let path),
             .readOnly(let path, _), .corrupt(let path, _), .diskFull(let path), .viewOnly(let path),
             .failed(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .notAGavelSession(let path, let reason):
            "\(path): not a Gavel session (\(reason)). Gavel leaves it untouched: "
                + "pass another file with --session PATH, or move this one away."
        case .newerSchema(let path, let found):
            "\(path): written by a newer gavel (\(found); this gavel knows session schema "
                + "\(SessionSchema.version)). Update gavel to open it; the file is left untouched."
        case .locked(let path):
            "\(path): locked by another program for over \(Int(SessionStore.busyTimeout)) s. "
                + "Close whatever holds it (an sqlite3 shell, a backup tool) and run gavel again."
        case .readOnly(let path, let reason):
            "\(path): cannot be written (\(reason)). " + SessionPermissions.fix(for: path)
        case .corrupt(let path, let detail):
            "\(path): the session file is damaged (\(detail)). Gavel does not repair it: keep a copy, "
                + "try `sqlite3 \(path) .recover`, or start afresh with --session NEW.gavel."
        case .diskFull(let path):
            "\(path): the disk is full, the last change was NOT saved. Free some space and save "
                + "again; everything saved before is intact."
        case .viewOnly(let path):
            "\(path): this view only watches the session and records nothing."
        case .failed(let path, let detail):
            "\(path): \(detail)"
        }
    }

    public var errorDescription: String? { description }

    /// Names an SQLite failure on `path` by what the user can do about it.
    static func from(_ error: Error, path: String) -> SessionStoreError {
        if let known = error as? SessionStoreError { return known }
        guard let db = error as? DatabaseError else {
            return .failed(path: path, detail: String(describing: error))
        }
        let detail = db.message ?? "SQLite error \(db.resultCode.rawValue)"
        switch db.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path, reason: detail)
        case .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path, reason: "permission denied")
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: detail)
        case .SQLITE_NOTADB: return .notAGavelSession(path: path, reason: "not an SQLite database")
        case .SQLITE_CANTOPEN: return .failed(path: path, detail: "cannot open the session file (\(detail))")
        case .SQLITE_IOERR: return .failed(path: path, detail: "input/output error (\(detail)); the disk may be failing or gone")
        default: return .failed(path: path, detail: detail)
        }
    }
}
