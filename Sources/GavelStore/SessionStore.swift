import Foundation
import GavelCore
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A session kept in an SQLite file (by default `STEM.gavel` beside the agenda `STEM.toml`), shared
/// by every gavel process attached to it: the chair, the speaker view, note-takers.
///
/// Every `append` is one committed, fsynced transaction before it returns, so what the screen
/// shows as saved survives a crash or a power cut. Events come back from `newEvents` in the order
/// of their row ids, the same order for every process.
public final class SessionStore: SessionLog {
    /// How long a write waits for another process's write to finish before reporting the file locked.
    public static let busyTimeout: TimeInterval = 3

    public let path: String
    /// A view that only watches (the speaker view): `append` and `saveDraft` refuse.
    public let readOnly: Bool

    private let database: DatabaseQueue
    private let watch: ChangeWatch
    /// `SESSION.lock`, rewritten after every commit to wake the other processes (see `ChangeWatch`).
    private let bell: Int32
    private var lastSeenID: Int64 = 0
    private var savedDrafts: [String: String] = [:]
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    private let decoder = JSONDecoder()

    /// Options that only tests change.
    public struct Options: Sendable {
        /// Caps the file at this many pages (`PRAGMA max_page_count`), so a test can fill "the disk".
        public var maximumPageCount: Int?
        public init(maximumPageCount: Int? = nil) { self.maximumPageCount = maximumPageCount }
    }

    /// The session file an agenda uses unless `--session` names another: `STEM.gavel` beside it.
    public static func defaultPath(forAgenda agendaPath: String) -> String {
        let nameStart = agendaPath.lastIndex(of: "/").map { agendaPath.index(after: $0) } ?? agendaPath.startIndex
        // The last dot of the file name, unless the name starts with it (".agenda").
        if let dot = agendaPath[nameStart...].lastIndex(of: "."), dot > nameStart {
            return agendaPath[..<dot] + ".gavel"
        }
        return agendaPath + ".gavel"
    }

    /// Opens (creating it with mode 0600 when missing) the session file at `path`.
    ///
    /// Refuses, without changing it, a file that is not a Gavel session, one written by a newer
    /// schema, one that is damaged, read-only or locked.
    public init(path: String, readOnly: Bool = false, options: Options = Options()) throws {
        self.path = path
        self.readOnly = readOnly
        let lockPath = path + ".lock"
        let lockExisted = FileManager.default.fileExists(atPath: lockPath)
        do {
            try Self.checkFolder(of: path)
            let lock = try SideLock(sessionPath: path, timeout: Self.busyTimeout)
            try Self.inspectOrCreate(path)
            database = try Self.openConnection(path, options: options)
            try Self.prepare(database, path: path)
            _ = consume lock
            watch = try ChangeWatch(databasePath: path)
            bell = open(path + ".lock", O_WRONLY | O_CLOEXEC)
        } catch {
            let refusal = SessionStoreError.from(error, path: path)
            // Leave no lock file beside somebody else's file. (A lock file of a Gavel session is
            // never removed: another gavel may hold it.)
            if case .notAGavelSession = refusal, !lockExisted { unlink(lockPath) }
            throw refusal
        }
    }

    deinit {
        if bell >= 0 { close(bell) }
    }

    // MARK: - Opening

    private static func checkFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SessionStoreError.failed(path: path, detail: "the folder \(folder) does not exist; create it, or pass another --session PATH")
        }
    }

    /// Checks what is at `path` before SQLite touches it; creates an empty 0600 file when nothing is
    /// (SQLite gives the log files beside it the same mode).
    private static func inspectOrCreate(_ path: String) throws {
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
            return
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
        // Write permission is checked by its bits too: root can write anything, but a session the
        // user made read-only (chmod a-w) should stay as it is.
        if access(path, W_OK) != 0 || info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 {
            throw SessionStoreError.readOnly(path: path, reason: "the file is read-only")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) != 0 {
            throw SessionStoreError.readOnly(path: path, reason: "its folder \(folder) is read-only, and SQLite keeps its log beside the file")
        }
    }

    private static func openConnection(_ path: String, options: Options) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // Not `.wal` here: GRDB would switch the journal mode before we know the file is ours.
        configuration.journalMode = .default
        configuration.label = "GavelStore"
        let maximumPageCount = options.maximumPageCount
        configuration.prepareDatabase { db in
            // synchronous = FULL: in WAL mode, every commit fsyncs the log before returning, so an
            // event or note that the screen shows as saved survives a power cut or a flat battery,
            // not only a crash of gavel. NORMAL would survive a crash but could lose the last
            // commits on power loss. Writes are a few per minute (notes, keys) plus at most one
            // draft a second, so the fsync cost (p50 ~4 ms, p99 ~12 ms here: bench/store-commit.sh)
            // does not matter.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if let maximumPageCount {
                try db.execute(sql: "PRAGMA max_page_count = \(maximumPageCount)")
            }
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Identifies the file, refuses what is not ours, then switches to WAL and migrates.
    private static func prepare(_ database: DatabaseQueue, path: String) throws {
        let migrator = SessionSchema.migrator
        try database.writeWithoutTransaction { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let objectCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if applicationID != SessionSchema.applicationID {
                guard applicationID == 0, objectCount == 0 else {
                    throw SessionStoreError.notAGavelSession(path: path, reason: "an SQLite database of another program")
                }
            }
            // Reads every page once: a few milliseconds for a day's session, and damage is found
            // at the start, not in the middle of a talk.
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else {
                throw SessionStoreError.corrupt(path: path, detail: check.prefix(3).joined(separator: "; "))
            }
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if userVersion > SessionSchema.version {
                throw SessionStoreError.newerSchema(path: path, found: "session schema \(userVersion)")
            }
            if try migrator.hasBeenSuperseded(db) {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                throw SessionStoreError.newerSchema(path: path, found: "migrations \(unknown.joined(separator: ", "))")
            }
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw SessionStoreError.failed(path: path, detail: "cannot switch to WAL mode (journal mode is \(mode ?? "unknown"))")
            }
        }
        try migrator.migrate(database)
        // Takes the write lock once, so a file another program keeps locked is reported now, with
        // its own message, rather than on the first note.
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
    }

    // MARK: - SessionLog

    /// Records `event` in one transaction, fsynced before this returns. A note added by someone
    /// ends their draft in the same transaction: the line became the note, so a crash right after
    /// cannot bring the saved note back into the line as a draft (where Enter would save it twice).
    public func append(_ event: SessionEvent) throws {
        guard !readOnly else { throw SessionStoreError.viewOnly(path: path) }
        let row = EventRow(event)
        let json = try String(decoding: encoder.encode(event), as: UTF8.self)
        var endsDraftOf: String?
        if case .noteAdded(_, _, _, _, let author) = event.action { endsDraftOf = author }
        try write { db in
            if let author = endsDraftOf {
                try db.execute(sql: "DELETE FROM draft WHERE author = ?", arguments: [author])
            }
            try db.execute(
                sql: """
                    INSERT INTO event (at, kind, slot, topic, note, text, author, seconds, cause, undo, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [event.at.timeIntervalSince1970, event.action.name, row.slot, row.topic, row.note,
                            row.text, row.author, row.seconds, row.cause, row.undo, json])
        }
        if let author = endsDraftOf { savedDrafts[author] = "" }
    }

    public func newEvents() throws -> [SessionEvent] {
        let rows: [Row]
        do {
            rows = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, kind, json FROM event WHERE id > ? ORDER BY id", arguments: [lastSeenID])
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        var events: [SessionEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let json: String = row["json"]
            do {
                events.append(try decoder.decode(SessionEvent.self, from: Data(json.utf8)))
            } catch {
                // Nothing is consumed: the same events come back, whole, on the next call.
                let id: Int64 = row["id"]
                let kind: String = row["kind"]
                throw SessionStoreError.corrupt(path: path, detail: "event \(id) (\(kind)) cannot be read; a newer gavel may have written it")
            }
        }
        if let last = rows.last { lastSeenID = last["id"] }
        return events
    }

    public func saveDraft(_ text: String, by author: String) throws {
        guard !readOnly else { throw SessionStoreError.viewOnly(path: path) }
        guard savedDrafts[author] != text else { return }
        let json = try String(decoding: encoder.encode(text), as: UTF8.self)
        try write { db in
            if text.isEmpty {
                try db.execute(sql: "DELETE FROM draft WHERE author = ?", arguments: [author])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO draft (author, text, json, saved_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(author) DO UPDATE
                        SET text = excluded.text, json = excluded.json, saved_at = excluded.saved_at
                        """,
                    arguments: [author, text, json, Date().timeIntervalSince1970])
            }
        }
        savedDrafts[author] = text
    }

    public func loadDraft(by author: String) throws -> String? {
        do {
            let row = try database.read { db in
                try Row.fetchOne(db, sql: "SELECT text, json FROM draft WHERE author = ?", arguments: [author])
            }
            var text: String? = row?["text"]
            if let json: String = row?["json"] {
                do {
                    text = try decoder.decode(String.self, from: Data(json.utf8))
                } catch {
                    throw SessionStoreError.corrupt(path: path, detail: "the draft of \(author) cannot be read: \(error)")
                }
            }
            savedDrafts[author] = text ?? ""
            return text.flatMap { $0.isEmpty ? nil : $0 }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    public var changeDescriptor: Int32? { watch.descriptor }

    public func acknowledgeChange() { watch.drain() }

    /// One immediate transaction, committed (and fsynced) before this returns.
    private func write(_ body: (Database) throws -> Void) throws {
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        ringBell()
    }

    /// Tells attached views a commit is visible. Only a wake-up: if it fails they still see the
    /// change at their next tick.
    private func ringBell() {
        guard bell >= 0 else { return }
        var byte: UInt8 = 1
        _ = pwrite(bell, &byte, 1, 0)
    }
}
