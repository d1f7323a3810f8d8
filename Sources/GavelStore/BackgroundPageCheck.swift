import Foundation
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A writer's check of every page (`PRAGMA quick_check`), made on a connection of its own on
/// another thread while the view reads what its first frame needs and draws it: at 100,000
/// notes the check reads 40 MB, about 40 ms that the screen no longer waits for. Every write
/// waits for it (`SessionFiles.awaitPageCheck`), so nothing is written into a damaged file, and
/// a view hears what it found before it takes a key.
///
/// One plain thread and SQLite's own calls, no more: a dispatch queue or a GRDB queue here left
/// libdispatch's worker threads behind, one of which woke every second for the rest of the day.
final class BackgroundPageCheck: @unchecked Sendable {
    private let path: String
    private let condition = NSCondition()
    /// Set once, on the checking thread, under `condition`.
    private var outcome: Result<Void, SessionStoreError>?
    private var thread = pthread_t()

    init(path: String) {
        self.path = path
        let started = pthread_create(&thread, nil, { context in
            let check = Unmanaged<BackgroundPageCheck>.fromOpaque(context!).takeRetainedValue()
            let result = BackgroundPageCheck.check(check.path)
            check.condition.lock()
            check.outcome = result
            check.condition.broadcast()
            check.condition.unlock()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        if started == 0 {
            pthread_detach(thread)
        } else {
            // No thread: the check is made here, as at opening.
            outcome = Self.check(path)
        }
    }

    /// Blocks until the check is done; throws what it found.
    func wait() throws(SessionStoreError) {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome!
        condition.unlock()
        try result.get()
    }

    private static func check(_ path: String) -> Result<Void, SessionStoreError> {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            return .failure(.failed(path: path, detail: db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open it to check it"))
        }
        sqlite3_busy_timeout(db, Int32(SessionStore.busyTimeout * 1000))
        // Every page is read once: a small cache does, and the view's peak memory stays its own.
        sqlite3_exec(db, "PRAGMA cache_size = -256", nil, nil, nil)
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &statement, nil) == SQLITE_OK else {
            return .failure(failure(db, path: path))
        }
        var found: [String] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { return .failure(failure(db, path: path)) }
            found.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        guard found == ["ok"] else {
            return .failure(.corrupt(path: path, detail: found.prefix(3).joined(separator: "; ")))
        }
        return .success(())
    }

    /// What SQLite said, as the store says it (a damaged file reads as damaged).
    private static func failure(_ db: OpaquePointer, path: String) -> SessionStoreError {
        let code = sqlite3_errcode(db)
        let message = String(cString: sqlite3_errmsg(db))
        if code == SQLITE_CORRUPT || code == SQLITE_NOTADB { return .corrupt(path: path, detail: message) }
        if code == SQLITE_BUSY || code == SQLITE_LOCKED { return .locked(path: path) }
        return .failed(path: path, detail: message)
    }
}
