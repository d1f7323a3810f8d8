import Foundation
import GavelCore
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A session kept in an SQLite file (by default `STEM.gavel` beside the agenda `STEM.toml`), shared
/// by every gavel process attached to it: the chair, the speaker view, note-takers.
///
/// Every `append` is one committed, fsynced transaction before it returns, so what the screen
/// shows as saved survives a crash or a power cut. Events come back from `newEvents` in the order
/// of their row ids, the same order for every process. The files beside the session (its log, its
/// lock file) are looked after by `SessionFiles`: deleting or replacing them loses nothing.
public final class SessionStore: SessionLog {
    /// How long a write waits for another process's write to finish before reporting the file locked.
    public static let busyTimeout: TimeInterval = 3

    public let path: String
    /// A view that only watches (the speaker view, `gavel summary`): `append` and `saveDraft`
    /// refuse. It opens sessions it cannot write (archived, another user's) for reading.
    public let readOnly: Bool

    /// The file as this process has it open, shared with the process's other stores on it.
    let files: SessionFiles
    private let watch: ChangeWatch
    private var lastSeenID: Int64 = 0
    /// The change probe taken before the last read of new events.
    private var readProbe: SessionFiles.ChangeProbe?
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
    /// The process's commits through `files` (all its stores) when last looked at, and this
    /// store's own since then: the other stores of the process share the connection, so their
    /// commits do not move `data_version`.
    private var seenLocalCommits = 0
    private var ownCommitsSinceLook = 0
    /// This process, as draft rows name it (see `ProcessIdentity`).
    private let process: String
    /// The log rebuilds already reported by `takeNotice`.
    private var reportedGeneration = 0
    private var pendingNotices: [String]
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    private let decoder = JSONDecoder()

    /// How the store opens: when a writer checks every page (views), and what tests change.
    public struct Options: Sendable {
        /// Caps the file at this many pages (`PRAGMA max_page_count`), so a test can fill "the disk".
        public var maximumPageCount: Int?
        /// Stands for this process in draft rows, so a test can play a view that has died.
        public var processIdentity: String?
        /// After a write, the main file is brought up to date (checkpointed) at the first
        /// `maintain` this long after the last checkpoint.
        public var checkpointInterval: TimeInterval
        /// When a writer reads every page of the file to find damage: before `init` returns, or
        /// on another thread while the view draws its first frame, every write waiting for it
        /// (`checkBeforeWriting`). Opening checks at once when opening itself writes (a
        /// migration, a switch to WAL).
        public var pageCheck: PageCheck
        public init(maximumPageCount: Int? = nil, processIdentity: String? = nil, checkpointInterval: TimeInterval = 120,
                    pageCheck: PageCheck = .atOpening) {
            self.maximumPageCount = maximumPageCount
            self.processIdentity = processIdentity
            self.checkpointInterval = checkpointInterval
            self.pageCheck = pageCheck
        }
    }

    public enum PageCheck: Sendable, Equatable {
        case atOpening
        case beforeFirstWrite
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
    /// schema, one that is damaged or locked; a writer refuses one it cannot write (naming a fix the
    /// user can apply), which a `readOnly` view opens for reading. A session others could read
    /// (0644) is made 0600 when a writer opens it, and `takeNotice` says so.
    public init(path: String, readOnly: Bool = false, view: ViewIdentity? = nil, options: Options = Options()) throws {
        self.path = path
        self.readOnly = readOnly
        self.view = readOnly ? nil : view
        self.viewInstance = readOnly || view == nil ? nil : UUID().uuidString.lowercased()
        self.process = options.processIdentity ?? ProcessIdentity.current
        do {
            files = try SessionFiles.attach(path: path, write: !readOnly, options: options)
            if !readOnly { try Self.recordTimeZone(files) }
            timeZoneIdentifier = try? files.reading { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'timezone'")
            }
            watch = try ChangeWatch(databasePath: path)
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        reportedGeneration = files.generation
        seenLocalCommits = files.localCommits
        pendingNotices = readOnly ? [] : files.openingNotices
    }

    /// The first writer of a session records the zone it runs in, once. Looked for first: an
    /// opening that writes nothing need not wait for the check of every page.
    private static func recordTimeZone(_ files: SessionFiles) throws {
        let recorded = try files.reading { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM meta WHERE key = 'timezone'") == true
        }
        guard !recorded else { return }
        try files.writing { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('timezone', ?)",
                               arguments: [TimeZone.current.identifier])
                return .commit
            }
        }
    }

    /// Waits for the check of every page a writer opened with `.beforeFirstWrite` makes, and
    /// throws what it found (every write waits for it too).
    public func checkBeforeWriting() throws {
        guard !readOnly else { return }
        do {
            try files.awaitPageCheck()
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    // MARK: - Keeping the file whole

    /// What the store did by itself that the user should hear about, once each: the session's
    /// permissions were tightened; its log files were deleted or replaced and rebuilt (nothing
    /// lost). The views show it on the status line. Nil when there is nothing new.
    public func takeNotice() -> String? {
        if files.generation != reportedGeneration {
            reportedGeneration = files.generation
            if let notice = files.lastNotice { pendingNotices.append(notice) }
        }
        return pendingNotices.isEmpty ? nil : pendingNotices.removeFirst()
    }

    /// Cheap; call once per loop turn. Rebuilds the log files if they went away or were replaced
    /// (checkpointing everything into the main file first), and checkpoints when something was
    /// written `Options.checkpointInterval` or more after the last checkpoint, so a copy of the
    /// main file alone is never far behind. Reads and writes do the first part themselves.
    public func maintain() throws {
        do {
            try files.maintain()
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// Copies everything committed into the main file now (a slot ended; before a backup). True
    /// when all of it was copied; a reader of another process on an older snapshot can hold part of
    /// it back until its next read. Never waits for other writers; does nothing in a view that
    /// cannot write.
    @discardableResult
    public func checkpoint() throws -> Bool {
        do {
            return try files.checkpoint()
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// `checkpoint` for another thread (the summary writer's, after a slot's end): it touches only
    /// the file, which serialises its own use, not this store's state.
    public var backgroundCheckpoint: BackgroundCheckpoint { BackgroundCheckpoint(files: files) }

    public struct BackgroundCheckpoint: Sendable {
        let files: SessionFiles
        /// Copies everything committed into the main file; a failure waits for the next one.
        public func run() { _ = try? files.checkpoint() }
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
            try files.writing { db in
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
        if !appended.isEmpty || clearingDraft { files.committed() }
        return appended
    }

    public func newEvents() throws -> [SessionEvent] {
        // The run loop reads once a turn: the cheap upkeep (log files in place, the checkpoint
        // every few minutes) rides along, so it happens even where nobody calls `maintain`.
        try? files.maintain()
        // Nothing committed by anyone since the last read: nothing to read (taken before the
        // read, so a commit that lands during it moves the next probe).
        let probe = files.changeProbe()
        if let probe, probe == readProbe { return [] }
        let batch: (events: [SessionEvent], lastID: Int64?)
        do {
            batch = try files.reading { db in try self.readEvents(db, after: self.lastSeenID) }
        } catch let error as SessionStoreError {
            throw error
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        if let last = batch.lastID { lastSeenID = last }
        readProbe = probe
        return batch.events
    }

    public func allEvents() throws -> [SessionEvent] {
        let batch: (events: [SessionEvent], lastID: Int64?)
        do {
            batch = try files.reading { db in try self.readEvents(db, after: 0) }
        } catch let error as SessionStoreError {
            throw error
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        lastSeenID = batch.lastID ?? 0
        readProbe = nil
        return batch.events
    }

    /// What a view's first frame needs of the log, read without the rest of a long day's notes:
    /// every event that is not about a note, every note change besides an addition with every
    /// event of the notes it changed, every addition filed under one of `topics`, and every event
    /// of `notes`; in the log's order. Folded, these give the timers, the notes of `topics` and
    /// each author's undo exactly as the whole log does (`Session.firstFrameTopics`). Reads
    /// through the indexes of schema 5; nil for a file without them (one a view may only read,
    /// written by an older gavel), whose views read the whole log first. Moves nothing: the
    /// whole log is read after (`LiveSession.finishLoading`), from the first event.
    public func firstFrameEvents(topics: [String], notes: [String]) throws -> [SessionEvent]? {
        let changes = SessionSchema.noteChangeKinds.map { "'\($0)'" }.joined(separator: ", ")
        do {
            return try files.reading { db -> [SessionEvent]? in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'event_steering'") == true else {
                    return nil
                }
                let statement = try db.cachedStatement(sql: """
                    SELECT id, kind, json FROM event WHERE id IN (
                        SELECT id FROM event INDEXED BY event_steering WHERE \(SessionSchema.steeringCondition)
                        UNION ALL
                        SELECT id FROM event WHERE note IN (
                            SELECT note FROM event WHERE kind IN (\(changes)) AND note IS NOT NULL
                            UNION ALL SELECT value FROM json_each(?))
                        UNION ALL
                        SELECT id FROM event WHERE kind = 'noteAdded' AND topic IN (SELECT value FROM json_each(?))
                    ) ORDER BY id
                    """)
                let list = { (ids: [String]) in String(decoding: try JSONEncoder().encode(ids), as: UTF8.self) }
                return try self.decodeRows(Row.fetchCursor(statement, arguments: [try list(notes), try list(topics)]), statement).events
            }
        } catch let error as SessionStoreError {
            throw error
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// Events after row `id`, in order; refuses, consuming nothing, an event it cannot read.
    private func readEvents(_ db: Database, after id: Int64) throws -> (events: [SessionEvent], lastID: Int64?) {
        // A cursor: rows are read one at a time, never all held at once beside their events.
        // The statement is prepared once per connection: a view reads the log every few seconds.
        let statement = try db.cachedStatement(sql: "SELECT id, kind, json FROM event WHERE id > ? ORDER BY id")
        return try decodeRows(Row.fetchCursor(statement, arguments: [id]), statement)
    }

    /// The events of rows (`id`, `kind`, `json`) as a cursor reads them, and the last row's id.
    private func decodeRows(_ rows: RowCursor, _ statement: Statement) throws -> (events: [SessionEvent], lastID: Int64?) {
        var events: [SessionEvent] = []
        var lastID: Int64?
        let sqlite = statement.sqliteStatement
        while let row = try rows.next() {
            lastID = sqlite3_column_int64(sqlite, 0)
            // The json column's bytes as SQLite holds them for the row the cursor is on, read in
            // place: neither a String nor a Data made per event.
            if sqlite3_column_type(sqlite, 2) == SQLITE_TEXT, let text = sqlite3_column_text(sqlite, 2),
               let event = EventJSON.decode(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqlite, 2)))) {
                events.append(event)
                continue
            }
            let json: String = row["json"]
            do {
                events.append(try decoder.decode(SessionEvent.self, from: Data(json.utf8)))
            } catch {
                let id: Int64 = row["id"]
                let kind: String = row["kind"]
                throw SessionStoreError.corrupt(path: path, detail: "event \(id) (\(kind)) cannot be read; a newer gavel may have written it")
            }
        }
        return (events, lastID)
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
        let candidates = """
            SELECT instance, terminal, process, json FROM view_draft
            WHERE author = ? AND (role = ? OR role = '') AND instance != ?
            ORDER BY (terminal = ?) DESC, saved_at DESC
            """
        let arguments: StatementArguments = [view.author, view.role.rawValue, instance, view.terminal]
        do {
            // Looked for first: with none left (nearly always), a view opens without writing.
            let any = try files.reading { db in
                try Row.fetchAll(db, sql: candidates, arguments: arguments).contains { row in
                    !ProcessIdentity.isRunning(row["process"])
                }
            }
            guard any else {
                savedDraft = Draft(line: "")
                return nil
            }
            try files.writing { db in
                try db.inTransaction(.immediate) {
                    let rows = try Row.fetchAll(db, sql: candidates, arguments: arguments)
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
    ///
    /// When the folder's news was about the log files (deleted, replaced), they are rebuilt now
    /// rather than at the next read.
    public func acknowledgeChange() -> Bool {
        if watch.drain() { try? files.ensureCurrent() }
        try? files.maintain()
        return othersCommitted()
    }

    /// Whether another process committed (`data_version` moved since this store last looked), or
    /// another store of this process (which shares the connection).
    private func othersCommitted() -> Bool {
        let local = files.localCommits
        let byOthersHere = local - seenLocalCommits > ownCommitsSinceLook
        seenLocalCommits = local
        ownCommitsSinceLook = 0
        guard let version = try? files.reading({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else { return true }
        defer { dataVersion = version }
        return version != dataVersion || byOthersHere
    }

    /// After this store's own commit: its own bell is rung next; note what `data_version` says
    /// now, so the bell that this commit rings is not taken for another process's.
    private func markOwnCommit(_ db: Database) {
        if let version = try? Int.fetchOne(db, sql: "PRAGMA data_version") { dataVersion = version }
        ownCommitsSinceLook += 1
    }

    /// One immediate transaction, committed (and fsynced) before this returns.
    func write(_ body: (Database) throws -> Void) throws {
        do {
            try files.writing { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
                markOwnCommit(db)
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
        files.committed()
    }
}
