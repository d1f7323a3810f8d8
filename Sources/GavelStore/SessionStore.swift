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
    /// The view this connection records for (its drafts), nil for tools and read-only views.
    public let view: ViewIdentity?
    /// The time zone the session was made in: every process reads agenda times without a zone
    /// in it, so a view started under another `TZ` never moves a slot's end (nil: a read-only
    /// session made before sessions kept their zone).
    public private(set) var timeZoneIdentifier: String?
    /// A random id of this running view: the key of its draft row.
    private let viewInstance: String?
    private var savedDraft: Draft?
    /// `PRAGMA data_version` when last looked at.
    private var dataVersion: Int?
    /// This process, as draft rows name it (see `ProcessIdentity`).
    private let process: String
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
        /// Stands for this process in draft rows, so a test can play a view that has died.
        public var processIdentity: String?
        public init(maximumPageCount: Int? = nil, processIdentity: String? = nil) {
            self.maximumPageCount = maximumPageCount
            self.processIdentity = processIdentity
        }
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
    public init(path: String, readOnly: Bool = false, view: ViewIdentity? = nil, options: Options = Options()) throws {
        self.path = path
        self.readOnly = readOnly
        self.view = readOnly ? nil : view
        self.viewInstance = readOnly || view == nil ? nil : UUID().uuidString.lowercased()
        self.process = options.processIdentity ?? ProcessIdentity.current
        let lockPath = path + ".lock"
        let lockExisted = FileManager.default.fileExists(atPath: lockPath)
        do {
            try Self.checkFolder(of: path)
            let lock = try SideLock(sessionPath: path, timeout: Self.busyTimeout)
            try Self.inspectOrCreate(path)
            database = try Self.openConnection(path, options: options)
            try Self.prepare(database, path: path)
            if !readOnly { try Self.recordTimeZone(database) }
            timeZoneIdentifier = try? database.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'timezone'")
            }
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

    /// The first writer of a session records the zone it runs in, once.
    private static func recordTimeZone(_ database: DatabaseQueue) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('timezone', ?)",
                           arguments: [TimeZone.current.identifier])
        }
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

    /// Appends `event` as it is, in one fsynced transaction, without handing over anything: for
    /// tools and tests writing a session. Views keep in step through `transact`.
    public func append(_ event: SessionEvent) throws {
        guard !readOnly else { throw SessionStoreError.viewOnly(path: path) }
        let json = try encode(event)
        try write { db in try Self.insert(event, json: json, into: db) }
    }

    /// See `SessionLog.transact`. The events handed over are those other processes committed
    /// before this write took the lock (an IMMEDIATE transaction), so `decide` sees the session
    /// exactly as it stands when its events are appended.
    public func transact(clearingDraft: Bool, _ decide: ([SessionEvent]) throws -> [SessionEvent]) throws -> [SessionEvent] {
        guard !readOnly else { throw SessionStoreError.viewOnly(path: path) }
        var handedUpTo = lastSeenID
        var appended: [SessionEvent] = []
        var lastInserted: Int64?
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let unseen = try self.readEvents(db, after: self.lastSeenID)
                    handedUpTo = unseen.lastID ?? self.lastSeenID
                    self.lastSeenID = handedUpTo
                    appended = try decide(unseen.events)
                    for event in appended {
                        try Self.insert(event, json: try self.encode(event), into: db)
                        lastInserted = db.lastInsertedRowID
                    }
                    if clearingDraft, let instance = self.viewInstance {
                        try db.execute(sql: "DELETE FROM view_draft WHERE instance = ?", arguments: [instance])
                    }
                    guard !appended.isEmpty || clearingDraft else { return .rollback }
                    return .commit
                }
                if !appended.isEmpty || clearingDraft { self.markOwnCommit(db) }
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        if let lastInserted { lastSeenID = lastInserted }
        if clearingDraft { savedDraft = Draft(line: "") }
        if !appended.isEmpty || clearingDraft { ringBell() }
        return appended
    }

    public func newEvents() throws -> [SessionEvent] {
        let batch: (events: [SessionEvent], lastID: Int64?)
        do {
            batch = try database.read { db in try self.readEvents(db, after: self.lastSeenID) }
        } catch let error as SessionStoreError {
            throw error
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        if let last = batch.lastID { lastSeenID = last }
        return batch.events
    }

    /// Events after row `id`, in order; refuses, consuming nothing, an event it cannot read.
    private func readEvents(_ db: Database, after id: Int64) throws -> (events: [SessionEvent], lastID: Int64?) {
        let rows = try Row.fetchAll(db, sql: "SELECT id, kind, json FROM event WHERE id > ? ORDER BY id", arguments: [id])
        var events: [SessionEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let json: String = row["json"]
            do {
                events.append(try decoder.decode(SessionEvent.self, from: Data(json.utf8)))
            } catch {
                let id: Int64 = row["id"]
                let kind: String = row["kind"]
                throw SessionStoreError.corrupt(path: path, detail: "event \(id) (\(kind)) cannot be read; a newer gavel may have written it")
            }
        }
        return (events, rows.last?["id"])
    }

    private func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func insert(_ event: SessionEvent, json: String, into db: Database) throws {
        let row = EventRow(event)
        try db.execute(
            sql: """
                INSERT INTO event (at, kind, slot, topic, note, text, author, role, seconds, cause, undo, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [event.at.timeIntervalSince1970, event.action.name, row.slot, row.topic, row.note,
                        row.text, event.by ?? row.author, event.role?.rawValue, row.seconds, row.cause, row.undo, json])
    }

    // MARK: - Drafts

    /// Keeps this view's draft (one row per running view, so two views under one author never
    /// share a line); an empty draft removes the row.
    public func saveDraft(_ draft: Draft) throws {
        guard !readOnly, let view, let instance = viewInstance else { throw SessionStoreError.viewOnly(path: path) }
        guard savedDraft != draft else { return }
        let json = try encode(draft)
        try write { db in
            if draft.isEmpty {
                try db.execute(sql: "DELETE FROM view_draft WHERE instance = ?", arguments: [instance])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO view_draft (instance, author, role, terminal, process, json, saved_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(instance) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at
                        """,
                    arguments: [instance, view.author, view.role.rawValue, view.terminal, process,
                                json, Date().timeIntervalSince1970])
            }
        }
        savedDraft = draft
    }

    /// This view's draft from before: the one left in its terminal by a view of the same author
    /// and role that is no longer running, else the latest one such a view left anywhere (a
    /// note-taker who lost a terminal opens another). The row becomes this view's, in the same
    /// transaction, so no other view restores it too.
    public func claimDraft() throws -> Draft? {
        guard !readOnly, let view, let instance = viewInstance else { return nil }
        var claimed: Draft?
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT instance, terminal, process, json FROM view_draft
                        WHERE author = ? AND (role = ? OR role = '') AND instance != ?
                        ORDER BY (terminal = ?) DESC, saved_at DESC
                        """, arguments: [view.author, view.role.rawValue, instance, view.terminal])
                    for row in rows {
                        let process: String = row["process"]
                        guard !ProcessIdentity.isRunning(process) else { continue }
                        let json: String = row["json"]
                        guard let draft = try? self.decoder.decode(Draft.self, from: Data(json.utf8)) else { continue }
                        let old: String = row["instance"]
                        try db.execute(sql: "UPDATE view_draft SET instance = ?, terminal = ?, process = ? WHERE instance = ?",
                                       arguments: [instance, view.terminal, self.process, old])
                        claimed = draft
                        return .commit
                    }
                    return .rollback
                }
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        savedDraft = claimed ?? Draft(line: "")
        return claimed
    }

    public var changeDescriptor: Int32? { watch.descriptor }

    /// Consumes the bell; true when a process other than this one committed since this one last
    /// looked (SQLite's `data_version` moves only for other connections' commits), so a view is
    /// not sent to read the log by its own commits.
    public func acknowledgeChange() -> Bool {
        watch.drain()
        return othersCommitted()
    }

    /// Whether `data_version` moved since this connection last looked.
    private func othersCommitted() -> Bool {
        guard let version = try? database.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else { return true }
        defer { dataVersion = version }
        return version != dataVersion
    }

    /// After this connection's own commit: its own bell is rung next; note what `data_version`
    /// says now, so the bell that this commit rings is not taken for another process's.
    private func markOwnCommit(_ db: Database) {
        if let version = try? Int.fetchOne(db, sql: "PRAGMA data_version") { dataVersion = version }
    }

    /// One immediate transaction, committed (and fsynced) before this returns.
    private func write(_ body: (Database) throws -> Void) throws {
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
                markOwnCommit(db)
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
