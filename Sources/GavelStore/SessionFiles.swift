import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One session file as this process has it open: its SQLite connection, its lock file, and the
/// write-ahead log (`SESSION-wal`) and index (`SESSION-shm`) the connection uses. Every
/// `SessionStore` of the process on the same file shares it (a chair and a web server, a test's
/// two views), so the connection can be replaced for all of them at once.
///
/// **When the log files go away or are replaced while gavel runs** (a cleanup tool, a sync client,
/// `git clean`), nothing saved may be lost, and nobody may start a second log. Before each read and
/// commit, and at every `maintain`, the files at the log's paths are compared with the ones the
/// connection has open (two `lstat`s). When they differ, under the opening lock: everything in the
/// old log is checkpointed into the main file through the still-open connection (an unlinked file
/// stays readable while open), the connection is closed without letting SQLite delete files by
/// name (`SQLITE_FCNTL_PERSIST_WAL`: the names may now be another gavel's), files at the log's
/// paths that no gavel made are moved aside, and a new connection starts a new log. A process that
/// opens the session meanwhile waits for that (see `SessionLockFile`: presence).
///
/// Checkpoints also run every `checkpointInterval` after a write (`maintain`) and when asked
/// (`checkpoint`, at a slot's end), so the main file alone is never far behind: a copy of
/// `track.gavel` is the whole session.
final class SessionFiles: @unchecked Sendable {
    enum Access: Equatable {
        /// Reads and writes, keeping its log beside the file.
        case readWrite
        /// Reads a session whose log another process keeps (the file or folder is not writable).
        case readOnly
        /// Reads the main file alone, creating and locking nothing: a read-only session with no log
        /// (archived, or another user's). Reopened when the file changes.
        case immutable
    }

    let path: String
    private(set) var access: Access
    /// Whether every page was read once and found whole (see `checkPages`).
    private var pagesChecked = false
    /// That check, running on a connection of its own while a view draws its first frame
    /// (`SessionStore.Options.pageCheck`); every write waits for it.
    private var backgroundCheck: BackgroundPageCheck?
    var writable: Bool { access == .readWrite }
    let options: SessionStore.Options

    private let mutex = NSRecursiveLock()
    private var database: DatabaseQueue
    /// Writes through this connection and reopenings of it (see `changeProbe`).
    private var changes = 0
    private let lockFile: SessionLockFile?
    /// The log files the connection has open (as they were at the paths when it opened them).
    private var logFiles: LogFiles
    /// For an immutable connection: the main file and the log as they were when it opened.
    private var immutableStamps: [FileStamp?] = []
    /// Bumped each time the log files are rebuilt; stores report each rebuild once.
    private(set) var generation = 0
    private(set) var lastNotice: String?
    /// Said once, when the session was opened for writing (its permissions were tightened).
    private(set) var openingNotices: [String] = []
    private var lastCheckpoint = SessionFiles.uptime()
    private var writtenSinceCheckpoint = false

    // MARK: - One per session file and process

    private final class WeakFiles {
        weak var files: SessionFiles?
        init(_ files: SessionFiles) { self.files = files }
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: WeakFiles] = [:]

    /// The process's open session at `path`, opening it when it is not open yet.
    static func attach(path: String, write: Bool, options: SessionStore.Options) throws -> SessionFiles {
        let key = canonicalPath(path)
        registryLock.lock()
        defer { registryLock.unlock() }
        if let open = registry[key]?.files {
            if write, !open.writable { try open.becomeWriter() }
            if write { try open.checkPagesForWriter() }
            return open
        }
        let files = try SessionFiles(path: path, write: write, options: options)
        registry[key] = WeakFiles(files)
        return files
    }

    /// `path` with its folder's symbolic links resolved, so two spellings of one file share it.
    private static func canonicalPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + url.lastPathComponent
    }

    // MARK: - Opening

    private init(path: String, write: Bool, options: SessionStore.Options) throws {
        self.path = path
        self.options = options
        try SessionPermissions.checkFolder(of: path)
        let lockExisted = FileManager.default.fileExists(atPath: path + ".lock")
        var lockFile: SessionLockFile?
        do {
            lockFile = try SessionLockFile(sessionPath: path)
        } catch {
            // A view that only reads does without in a folder it cannot write.
            if write { throw error }
        }
        if write, lockFile?.writable != true {
            throw SessionStoreError.readOnly(path: path, reason: SessionPermissions.whyNotWritable(path)
                                             ?? "cannot write \(path).lock beside it")
        }
        self.lockFile = lockFile
        do {
            if let lockFile {
                guard lockFile.lockExclusive(timeout: SessionStore.busyTimeout) else { throw SessionStoreError.locked(path: path) }
            }
            defer { lockFile?.unlock() }
            try Self.waitForRebuild(path: path, lockFile: lockFile)
            let inspection = try SessionPermissions.inspectOrCreate(path, write: write)
            access = inspection.access
            database = try Self.connect(path, access: access, options: options)
            let deferring = write && options.pageCheck == .beforeFirstWrite
            let checked = try Self.prepare(database, path: path, access: access, checkingPages: write, deferring: deferring)
            pagesChecked = checked
            if write, !checked { backgroundCheck = BackgroundPageCheck(path: path) }
            // Only once the file is known to be a session: a refused file is never changed.
            openingNotices = write ? SessionPermissions.tighten(path) : []
            logFiles = LogFiles.current(of: path)
            immutableStamps = access == .immutable ? stamps() : []
            if access == .readWrite {
                lockFile?.writeRecord(logFiles)
                // Only a writer announces itself: it is the one that can rebuild the log.
                lockFile?.announcePresence()
            }
        } catch {
            let refusal = SessionStoreError.from(error, path: path)
            // Leave no lock file beside somebody else's file. (A lock file of a Gavel session is
            // never removed: another gavel may hold it.)
            if case .notAGavelSession = refusal, !lockExisted { unlink(path + ".lock") }
            throw refusal
        }
    }

    deinit {
        // Closing the last connection deletes the log files by name: not when they are no longer
        // this connection's (another gavel's now).
        if access != .immutable, !isCurrent() {
            database.inDatabase { db in
                var persist: Int32 = 1
                _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            }
        }
        try? database.close()
    }

    /// Reopens a session this process opened only to read (it was not writable then) for writing,
    /// for a store that writes: the same checks as opening it, or the same refusal.
    private func becomeWriter() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard access != .readWrite else { return }
        guard let lockFile, lockFile.writable else {
            throw SessionStoreError.readOnly(path: path, reason: SessionPermissions.whyNotWritable(path) ?? "cannot write \(path).lock beside it")
        }
        guard lockFile.lockExclusive(timeout: SessionStore.busyTimeout) else { throw SessionStoreError.locked(path: path) }
        defer { lockFile.unlock() }
        try Self.waitForRebuild(path: path, lockFile: lockFile)
        _ = try SessionPermissions.inspectOrCreate(path, write: true)
        let writer = try Self.connect(path, access: .readWrite, options: options)
        _ = try Self.prepare(writer, path: path, access: .readWrite, checkingPages: true, deferring: false)
        pagesChecked = true
        try? database.close()
        database = writer
        access = .readWrite
        openingNotices = SessionPermissions.tighten(path)
        logFiles = LogFiles.current(of: path)
        immutableStamps = []
        lockFile.writeRecord(logFiles)
        lockFile.announcePresence()
    }

    /// Waits, without the opening lock, while another gavel has the session open but its log files
    /// are gone or replaced: opening now would start a second log beside that gavel's, and one
    /// side's notes would vanish. That gavel rebuilds them within a moment of noticing.
    private static func waitForRebuild(path: String, lockFile: SessionLockFile?) throws {
        guard let lockFile else { return }
        let deadline = Date().addingTimeInterval(SessionStore.busyTimeout)
        while lockFile.othersPresent() {
            let now = LogFiles.current(of: path)
            let record = lockFile.readRecord()
            if now.wal != nil, now.shm != nil, record == nil || record == now { return }
            lockFile.unlock()
            guard Date() < deadline else {
                throw SessionStoreError.failed(path: path, detail: "another gavel has this session open, and its log files "
                    + "(\(path)-wal, -shm) were deleted or replaced; that gavel saves everything and starts a new log as "
                    + "soon as it runs (bring a suspended one back with fg). Opening it now would start a second log. "
                    + "Try again in a moment")
            }
            usleep(50_000)
            guard lockFile.lockExclusive(timeout: SessionStore.busyTimeout) else { throw SessionStoreError.locked(path: path) }
        }
    }

    private static func connect(_ path: String, access: Access, options: SessionStore.Options) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(SessionStore.busyTimeout)
        // Not `.wal` here: GRDB would switch the journal mode before we know the file is ours.
        configuration.journalMode = .default
        configuration.label = "GavelStore"
        configuration.readonly = access != .readWrite
        let maximumPageCount = options.maximumPageCount
        configuration.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
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
        let location = access == .immutable ? Self.immutableURI(path) : path
        return try DatabaseQueue(path: location, configuration: configuration)
    }

    /// `file:PATH?immutable=1`: SQLite reads the file without locks, log or index.
    private static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Identifies the file, refuses what is not ours, then (when writing) switches to WAL and migrates.
    /// Reads every page once: a writer does before it writes anything, so damage is found at the
    /// start, not in the middle of a talk, and nothing is written into a damaged file. A reader
    /// (a summary, the speaker view) cannot make damage worse, and SQLite reports damage in the
    /// pages a read goes through (as .corrupt): it does without the check, which at 100,000
    /// notes reads 40 MB and costs what reading them does (~190 M instructions).
    private static func checkPages(_ db: Database, path: String) throws {
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else {
            throw SessionStoreError.corrupt(path: path, detail: check.prefix(3).joined(separator: "; "))
        }
    }

    /// A store that writes attaches to files a reader of this process opened: the check a writer
    /// makes at opening, made now.
    private func checkPagesForWriter() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard !pagesChecked, backgroundCheck == nil else { return }
        try database.read { db in try Self.checkPages(db, path: path) }
        pagesChecked = true
    }

    /// Returns whether every page was checked: a writer `deferring` leaves the check to
    /// `BackgroundPageCheck` when opening writes nothing (the file is in WAL mode and migrated),
    /// and makes it here otherwise.
    @discardableResult
    private static func prepare(_ database: DatabaseQueue, path: String, access: Access, checkingPages: Bool,
                                deferring: Bool = false) throws -> Bool {
        let migrator = SessionSchema.migrator
        var checked = false
        let check: (Database) throws -> Void = { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let objectCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if applicationID != SessionSchema.applicationID {
                guard applicationID == 0, objectCount == 0 else {
                    throw SessionStoreError.notAGavelSession(path: path, reason: "an SQLite database of another program")
                }
                if access != .readWrite {
                    throw SessionStoreError.notAGavelSession(path: path, reason: "empty: no view has recorded anything in it yet")
                }
            }
            if checkingPages {
                let writesNothing = try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
                    && (try? migrator.hasCompletedMigrations(db)) == true
                if !(deferring && writesNothing) {
                    try checkPages(db, path: path)
                    checked = true
                }
            }
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if userVersion > SessionSchema.version {
                throw SessionStoreError.newerSchema(path: path, found: "session schema \(userVersion)")
            }
            if try migrator.hasBeenSuperseded(db) {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                throw SessionStoreError.newerSchema(path: path, found: "migrations \(unknown.joined(separator: ", "))")
            }
        }
        guard access == .readWrite else {
            try database.read(check)
            return checked
        }
        try database.writeWithoutTransaction { db in
            try check(db)
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw SessionStoreError.failed(path: path, detail: "cannot switch to WAL mode (journal mode is \(mode ?? "unknown"))")
            }
        }
        let migrating = try database.read { db in try !migrator.hasCompletedMigrations(db) }
        try migrator.migrate(database)
        if migrating {
            // Each migration rewrote the schema's pages into the log: a new session's log held
            // 180 KiB for 60 KiB of tables. Moved into the file and the log emptied, a session on
            // a small disk keeps that room for notes. (Not when another reader holds the log.)
            _ = try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        // Takes the write lock once, so a file another program keeps locked is reported now, with
        // its own message, rather than on the first note.
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
        return checked
    }

    /// Waits for the check of every page a writer makes before it writes (see
    /// `BackgroundPageCheck`); throws what it found, at this write and every later one.
    func awaitPageCheck() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard let check = backgroundCheck else { return }
        try check.wait()
        backgroundCheck = nil
        pagesChecked = true
    }

    // MARK: - Reading and writing

    /// Runs `body` with the connection for reading, on the current log files.
    /// What says whether anything could have changed since it was last taken: SQLite's
    /// `data_version` (which moves with every commit of another connection, this process's or
    /// another's, bell or no bell), this connection's own writes and reopenings. Nil when it
    /// cannot be read. A raw statement, without a transaction: a view takes it every few
    /// seconds, and most of the time nothing changed.
    struct ChangeProbe: Equatable {
        var dataVersion: Int64
        var changes: Int
    }

    func changeProbe() -> ChangeProbe? {
        mutex.lock()
        defer { mutex.unlock() }
        let version: Int64? = database.inDatabase { db in
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db.sqliteConnection, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK else {
                sqlite3_finalize(statement)
                return nil
            }
            defer { sqlite3_finalize(statement) }
            return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
        }
        return version.map { ChangeProbe(dataVersion: $0, changes: changes) }
    }

    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try holdingCommitLock {
            try database.read(body)
        }
    }

    /// Runs `body` with the connection for writing (it opens and commits its own transaction), on
    /// the current log files; call `committed` after a commit.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        mutex.lock()
        defer { mutex.unlock() }
        // Nothing is written into a file before every page of it was found whole.
        try awaitPageCheck()
        changes &+= 1
        return try holdingCommitLock {
            try database.writeWithoutTransaction(body)
        }
    }

    /// Commits through `writing` by any store of this process, counted: the process's stores share
    /// the connection, so SQLite's `data_version` does not tell them apart.
    private(set) var localCommits = 0

    /// After a commit through `writing`: counts it, notes the main file is behind, rings the bell.
    func committed() {
        mutex.lock()
        localCommits += 1
        writtenSinceCheckpoint = true
        mutex.unlock()
        lockFile?.ring()
    }

    /// Runs `body` holding the commit lock, after making sure the connection's log files are the
    /// ones in place (rebuilding them first when they are not): no rebuild by another process can
    /// run between that check and `body`, and a commit never goes to a log that was deleted.
    private func holdingCommitLock<T>(_ body: () throws -> T) throws -> T {
        for _ in 0..<3 {
            try ensureCurrent()
            if let lockFile, !lockFile.lockShared(timeout: SessionStore.busyTimeout) { throw SessionStoreError.locked(path: path) }
            if isCurrent() {
                defer { lockFile?.unlock() }
                return try body()
            }
            lockFile?.unlock()
        }
        throw SessionStoreError.failed(path: path, detail: "its log files keep being deleted or replaced; "
                                       + "stop whatever removes \(path)-wal and \(path)-shm")
    }

    /// Whether the files at the log's paths are the ones the connection has open.
    private func isCurrent() -> Bool {
        switch access {
        case .immutable:
            return stamps() == immutableStamps
        case .readWrite, .readOnly:
            return LogFiles.current(of: path) == logFiles
        }
    }

    /// The main file and its log as they are now, to notice that a file read without locks changed.
    private func stamps() -> [FileStamp?] { [FileStamp(path), FileStamp(path + "-wal")] }

    /// Rebuilds the log files when they are not the connection's any more. Cheap when they are.
    func ensureCurrent() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard !isCurrent() else { return }
        try rebuild()
    }

    // MARK: - Rebuilding the log

    private func rebuild() throws {
        if let lockFile {
            guard lockFile.lockExclusive(timeout: SessionStore.busyTimeout) else { throw SessionStoreError.locked(path: path) }
        }
        defer { lockFile?.unlock() }
        guard !isCurrent() else { return }
        let wasWriter = access == .readWrite
        let old = logFiles
        let now = LogFiles.current(of: path)
        let record = lockFile?.readRecord()
        // Another gavel already rebuilt them (its record names the files in place): everything
        // this connection's log held was checkpointed by it, through the log both shared, and
        // this connection has written nothing since (commits check first). Checkpointing through
        // the old connection now could truncate the log that gavel writes.
        let rebuiltByAnother = record != nil && record != old && record == now
        var what = "were replaced"
        if wasWriter, !rebuiltByAnother {
            try checkpointEverything()
            what = now.wal == nil || now.shm == nil ? "were deleted" : "were replaced"
        }
        // SQLite deletes the log by name when the last connection closes: the names may now be
        // another gavel's files, so this connection deletes nothing.
        if access != .immutable {
            database.inDatabase { db in
                var persist: Int32 = 1
                _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            }
        }
        try? database.close()
        var movedAside: [String] = []
        if wasWriter, !rebuiltByAnother {
            movedAside = moveAsideForeign(now: now, old: old, record: record)
        }
        if !wasWriter {
            // A reader reopens as the files now allow (a writer may have come or gone).
            access = try SessionPermissions.inspectOrCreate(path, write: false).access
        }
        database = try Self.connect(path, access: access, options: options)
        changes &+= 1
        _ = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        logFiles = LogFiles.current(of: path)
        immutableStamps = access == .immutable ? stamps() : []
        if access == .readWrite {
            lockFile?.writeRecord(logFiles)
            lockFile?.announcePresence()
        }
        guard wasWriter else { return }
        SessionPermissions.privateLogFiles(path)
        generation += 1
        lastCheckpoint = Self.uptime()
        writtenSinceCheckpoint = false
        let name = (path as NSString).lastPathComponent
        if rebuiltByAnother {
            lastNotice = "\(name)'s log files \(what) while gavel ran; another gavel had saved everything into \(name). Nothing was lost."
        } else {
            lastNotice = "\(name)'s log files \(what) while gavel ran; everything saved is in \(name), and gavel started a new log. "
                + "Nothing was lost." + (movedAside.isEmpty ? "" : " Moved aside: " + movedAside.joined(separator: ", ") + ".")
        }
    }

    /// Copies every committed change into the main file (`TRUNCATE`: and empties the log), through
    /// the open connection, which reads its log even when the file was unlinked.
    private func checkpointEverything() throws {
        let deadline = Date().addingTimeInterval(SessionStore.busyTimeout)
        while true {
            let busy = try database.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") ?? 1
            }
            if busy == 0 { return }
            // A reader of another process is on an older snapshot: the log cannot be emptied yet.
            guard Date() < deadline else {
                throw SessionStoreError.failed(path: path, detail: "its log files were deleted, and another program reading "
                                               + "the session kept gavel from saving the log into it; gavel tries again")
            }
            usleep(20_000)
        }
    }

    /// Files at the log's paths that neither this connection nor another gavel made (a sync client
    /// restoring an old copy): SQLite must not replay them, and they are not deleted either, but
    /// renamed `NAME.replaced-TIME`.
    private func moveAsideForeign(now: LogFiles, old: LogFiles, record: LogFiles?) -> [String] {
        var moved: [String] = []
        let stamp = Int(Date().timeIntervalSince1970)
        for (suffix, identity, ours, recorded) in [("-wal", now.wal, old.wal, record?.wal), ("-shm", now.shm, old.shm, record?.shm)] {
            guard let identity, identity != ours, identity != recorded else { continue }
            let from = path + suffix
            let to = "\(from).replaced-\(stamp)"
            if rename(from, to) == 0 { moved.append((to as NSString).lastPathComponent) }
        }
        return moved
    }

    // MARK: - Checkpoints

    /// Copies what the log holds into the main file now; true when all of it was copied (a reader
    /// on an older snapshot can hold some back until it finishes). Never waits for other writers.
    @discardableResult
    func checkpoint() throws -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        guard access == .readWrite else { return false }
        let complete: Bool = try holdingCommitLock {
            try database.writeWithoutTransaction { db in
                guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return false }
                let busy: Int = row[0], log: Int = row[1], done: Int = row[2]
                return busy == 0 && log == done
            }
        }
        lastCheckpoint = Self.uptime()
        if complete { writtenSinceCheckpoint = false }
        return complete
    }

    /// What a view calls once per loop turn: rebuilds the log files if they went away, and
    /// checkpoints when something was written and the last checkpoint is `checkpointInterval` old.
    /// Two `lstat`s when there is nothing to do.
    func maintain() throws {
        mutex.lock()
        defer { mutex.unlock() }
        try ensureCurrent()
        if access == .readWrite, writtenSinceCheckpoint, Self.uptime() - lastCheckpoint >= options.checkpointInterval {
            try checkpoint()
        }
    }

    /// Seconds on the boot-time clock, which neither steps nor stops while the machine sleeps.
    static func uptime() -> TimeInterval {
        var t = timespec()
        clock_gettime(CLOCK_BOOTTIME, &t)
        return TimeInterval(t.tv_sec) + TimeInterval(t.tv_nsec) / 1e9
    }
}

/// A file's size and modification time, to notice that a file read without locks changed.
struct FileStamp: Equatable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
        inode = UInt64(info.st_ino)
    }
}
