import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// Every kind of bad session file is refused with a message naming it, and left byte for byte as it was.
@Suite struct BadSessionFileTests {
    /// Opens `path` expecting a refusal; checks the file did not change and returns the error.
    func refusal(_ path: String) throws -> SessionStoreError {
        let before = contents(path)
        var refused: SessionStoreError?
        do {
            _ = try SessionStore(path: path)
        } catch let error as SessionStoreError {
            refused = error
        }
        #expect(contents(path) == before, "a refused file is never changed")
        let error = try #require(refused)
        #expect(error.description.hasPrefix(path + ": "), "the message names the file")
        return error
    }

    @Test func aTextFileIsNotASession() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("notes.gavel")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("title = \"my agenda\"\n".utf8)))
        let error = try refusal(path)
        #expect(error == .notAGavelSession(path: path, reason: "not an SQLite database"))
        #expect(error.description.contains("--session"))
        #expect(!FileManager.default.fileExists(atPath: path + ".lock"), "no lock file left beside somebody else's file")
    }

    @Test func anotherProgramsDatabaseIsNotASession() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("photos.gavel")
        do {
            let raw = try RawDatabase(path: path)
            try raw.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photo (name) VALUES ('cat')")
        }
        let error = try refusal(path)
        #expect(error == .notAGavelSession(path: path, reason: "an SQLite database of another program"))
        #expect(try RawDatabase(path: path).strings("PRAGMA journal_mode") == ["delete"], "not switched to WAL")
    }

    @Test func aFileFromANewerGavelIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("future.gavel")
        _ = try SessionStore(path: path)
        let raw = try RawDatabase(path: path)
        try raw.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v2-speaker-cues')")
        try raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let error = try refusal(path)
        #expect(error == .newerSchema(path: path, found: "migrations v2-speaker-cues"))
        #expect(error.description.contains("Update gavel"))

        try raw.execute("DELETE FROM grdb_migrations WHERE identifier = 'v2-speaker-cues'")
        try raw.execute("PRAGMA user_version = 7")
        try raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(try refusal(path) == .newerSchema(path: path, found: "session schema 7"))
    }

    @Test func aReadOnlyFileIsRefusedEvenForRoot() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ro.gavel")
        do {
            let store = try SessionStore(path: path)
            try store.append(SessionEvent(at: Date(), .openSlot(slot: "s1")))
        }
        #expect(chmod(path, 0o444) == 0)
        let error = try refusal(path)
        #expect(error == .readOnly(path: path, reason: "the file is read-only"))
        #expect(error.description.contains("chmod u+w"))
    }

    /// A session of 200 notes of 200 bytes at `path` (about 20 pages), closed: everything is
    /// checkpointed into the main file.
    static func writeNotes(to path: String) throws {
        let store = try SessionStore(path: path)
        for i in 0..<200 {
            try store.append(SessionEvent(at: Date(), .noteAdded(id: "n\(i)", slot: "s1", topic: "a",
                                                               text: String(repeating: "x", count: 200), by: "c")))
        }
    }

    @Test func aDamagedFileIsRefusedNotRepaired() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.gavel")
        try Self.writeNotes(to: path)
        // Scribble over the middle of it, where the event table's pages are.
        var data = try #require(contents(path))
        let pageSize = 4096
        #expect(data.count > 20 * pageSize)
        for offset in (10 * pageSize)..<(10 * pageSize + 600) { data[offset] = 0xA5 }
        for offset in (3 * pageSize)..<(3 * pageSize + 100) { data[offset] = 0x17 }
        try data.write(to: URL(fileURLWithPath: path))
        let error = try refusal(path)
        guard case .corrupt = error else {
            Issue.record("expected a damaged-file error, got \(error)")
            return
        }
        #expect(error.description.contains(".recover"))
    }

    /// A reader (a summary, the speaker view) does not check every page when it opens: the damage
    /// is reported as damage where its read goes through it, the file is left as it was, and
    /// nothing crashes.
    @Test func aReaderReportsDamageWhereItReads() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.gavel")
        try Self.writeNotes(to: path)
        // Scribble over the head of every page but the first (the schema): the event table's
        // pages, which a read of the events goes through, among them.
        var data = try #require(contents(path))
        let pageSize = 4096
        for page in 1..<(data.count / pageSize) {
            for offset in (page * pageSize)..<(page * pageSize + 100) { data[offset] = 0xA5 }
        }
        try data.write(to: URL(fileURLWithPath: path))
        var refused: SessionStoreError?
        do {
            let reader = try SessionStore(path: path, readOnly: true)
            let events = try reader.allEvents()
            Issue.record("read \(events.count) events from a damaged file")
        } catch let error as SessionStoreError {
            refused = error
        }
        let error = try #require(refused)
        guard case .corrupt = error else {
            Issue.record("expected a damaged-file error, got \(error)")
            return
        }
        #expect(error.description.hasPrefix(path + ": "))
        #expect(contents(path) == data, "a reader never changes the file")
    }

    /// A writer of the process attaches to the file a reader of it opened without checking every
    /// page: the writer checks them all the same, before it writes anything.
    @Test func aWriterAfterAReaderStillChecksEveryPage() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.gavel")
        let data = try Self.writeDamagedNotes(to: path)
        let reader = try SessionStore(path: path, readOnly: true)
        var refused: SessionStoreError?
        do {
            _ = try SessionStore(path: path)
        } catch let error as SessionStoreError {
            refused = error
        }
        withExtendedLifetime(reader) {}
        guard case .corrupt? = refused else {
            Issue.record("a writer after a reader opened a damaged file: \(String(describing: refused))")
            return
        }
        #expect(contents(path) == data, "a refused file is never changed")
    }

    /// A view's writer checks every page on another thread while its first frame is drawn: it
    /// opens, and then neither it nor anything of its process writes into the damaged file.
    @Test func aWriterCheckingMeanwhileWritesNothingIntoADamagedFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.gavel")
        let data = try Self.writeDamagedNotes(to: path)
        let view = ViewIdentity(author: "ada", role: .notes, terminal: "/dev/pts/9")
        let store = try SessionStore(path: path, view: view, options: .init(pageCheck: .beforeFirstWrite))
        // A view claims no draft when there is none: it writes nothing and waits for nothing.
        #expect(try store.claimDraft() == nil)
        for attempt in 0..<2 {
            do {
                try store.checkBeforeWriting()
                Issue.record("attempt \(attempt): the damage was not found")
            } catch let error as SessionStoreError {
                guard case .corrupt = error else { Issue.record("attempt \(attempt): \(error)"); continue }
            }
            #expect(throws: SessionStoreError.self) { try store.append(SessionEvent(at: Date(), .openSlot(slot: "s1"))) }
            #expect(throws: SessionStoreError.self) { try store.saveDraft(Draft(line: "typed")) }
        }
        // Another store of the process on the same file waits for the same check.
        let second = try SessionStore(path: path)
        #expect(throws: SessionStoreError.self) { try second.append(SessionEvent(at: Date(), .openSlot(slot: "s1"))) }
        #expect(contents(path) == data, "nothing was written into the damaged file")
    }

    /// On a whole file the check passes, and the writer writes.
    @Test func aWriterCheckingMeanwhileWritesIntoAWholeFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("whole.gavel")
        try Self.writeNotes(to: path)
        let store = try SessionStore(path: path, options: .init(pageCheck: .beforeFirstWrite))
        try store.checkBeforeWriting()
        try store.append(SessionEvent(at: Date(), .openSlot(slot: "s1")))
        #expect(try store.allEvents().last?.action == .openSlot(slot: "s1"))
    }

    /// A session of notes with its eleventh page scribbled over; returns its bytes.
    static func writeDamagedNotes(to path: String) throws -> Data {
        try writeNotes(to: path)
        var data = try #require(contents(path))
        let pageSize = 4096
        for offset in (10 * pageSize)..<(10 * pageSize + 600) { data[offset] = 0xA5 }
        try data.write(to: URL(fileURLWithPath: path))
        return data
    }

    @Test func anUnreadableEventIsReportedAndNothingIsConsumed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("odd.gavel")
        let store = try SessionStore(path: path)
        try store.append(SessionEvent(at: Date(), .openSlot(slot: "s1")))
        try RawDatabase(path: path).execute("""
            INSERT INTO event (at, kind, json) VALUES (0, 'speakerCue', '{"action":{"speakerCue":{}},"at":0}')
            """)
        #expect(throws: SessionStoreError.corrupt(path: path, detail: "event 2 (speakerCue) cannot be read; a newer gavel may have written it")) {
            try store.newEvents()
        }
        // The readable event before it was not swallowed by the failure.
        #expect(throws: SessionStoreError.self) { try store.newEvents() }
        try RawDatabase(path: path).execute("DELETE FROM event WHERE id = 2")
        #expect(try store.newEvents().map(\.action) == [.openSlot(slot: "s1")])
    }

    @Test func aMissingFolderIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("no/such/s.gavel")
        let error = try refusal(path)
        #expect(error.description.contains("the folder \(folder.path)/no/such does not exist"))
    }

    @Test func aFolderIsNotASession() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("dir.gavel")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(try refusal(path) == .notAGavelSession(path: path, reason: "not a regular file"))
    }

    @Test func aFileLockedByAnotherProgramIsReportedLocked() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("locked.gavel")
        do { _ = try SessionStore(path: path) }
        let ready = folder.file("ready")
        let holder = try HelperProcess.start(role: "hold-lock", path: path, extra: ["GAVEL_STORE_HELPER_READY": ready])
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        #expect(HelperProcess.waitForFile(ready))
        let started = Date()
        let error = try refusal(path)
        #expect(error == .locked(path: path))
        #expect(Date().timeIntervalSince(started) >= SessionStore.busyTimeout - 0.5, "waited for the busy timeout first")
        #expect(error.description.contains("Close whatever holds it"))
    }

    @Test func aFullDiskLosesOnlyTheChangeBeingSaved() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("full.gavel")
        let big = String(repeating: "n", count: 1500)
        var saved = 0
        do {
            // A cap on the file's pages stands in for the disk: SQLite reports SQLITE_FULL either way.
            let store = try SessionStore(path: path, options: .init(maximumPageCount: 40))
            var failure: Error?
            for i in 0..<400 {
                do {
                    try store.append(SessionEvent(at: Date(), .noteAdded(id: "n\(i)", slot: "s1", topic: "a", text: big, by: "c")))
                    saved += 1
                } catch {
                    failure = error
                    break
                }
            }
            #expect(failure as? SessionStoreError == .diskFull(path: path))
            #expect(saved > 5)
            // The store goes on working once there is room: a small change fits no longer, but
            // what was saved reads back whole.
            #expect(try store.newEvents().count == saved)
        }
        let reopened = try SessionStore(path: path)
        let events = try reopened.newEvents()
        #expect(events.count == saved)
        #expect(events.allSatisfy { if case .noteAdded(_, _, _, big, _) = $0.action { true } else { false } })
        try reopened.append(SessionEvent(at: Date(), .openSlot(slot: "s1")))
        #expect((try? RawDatabase(path: path).strings("PRAGMA integrity_check")) == ["ok"])
    }
}
