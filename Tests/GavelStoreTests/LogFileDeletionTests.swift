import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// Deleting `SESSION-wal` (or `-shm`) while gavel runs, as cleanup tools, sync clients and
/// `git clean` do. Before: nothing had ever been checkpointed, so after a `kill -9` the main file
/// was 4 KiB with no tables and every note was gone; a second view started after the deletion wrote
/// to a second log, and one side's notes vanished at quit; and a copy of `track.gavel` alone was an
/// empty session.
@Suite(.serialized) struct LogFileDeletionTests {
    static func note(_ id: String) -> SessionEvent {
        SessionEvent(at: Date(), .noteAdded(id: id, slot: "s1", topic: "a", text: "text of \(id)", by: "test"))
    }

    static func noteIDs(_ events: [SessionEvent]) -> [String] {
        events.compactMap { if case .noteAdded(let id, _, _, _, _) = $0.action { id } else { nil } }
    }

    /// The notes in a copy of the main file alone, as a backup or a co-chair would get it.
    static func notesInCopyOfMainFile(_ path: String, folder: TemporaryFolder) throws -> [String] {
        let copy = folder.file("copy-\(UUID().uuidString.prefix(6)).gavel")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let raw = try RawDatabase(path: copy)
        guard try raw.int("SELECT count(*) FROM sqlite_master WHERE name = 'event'") == 1 else { return [] }
        return try raw.strings("SELECT note FROM event WHERE kind = 'noteAdded' ORDER BY id")
    }

    static func start(_ folder: TemporaryFolder, path: String, delayMS: Int = 0) throws -> Process {
        let holder = try HelperProcess.start(role: "wal-holder", path: path, extra: ["GAVEL_STORE_HELPER_DELAY_MS": "\(delayMS)"])
        #expect(HelperProcess.waitForFile(path + ".ready"), "the holder opened the session")
        return holder
    }

    /// The process that holds the session notices the deletion by itself (its change descriptor),
    /// saves everything into the main file, and a `kill -9` right after loses nothing.
    @Test func deletingTheLogThenKillingGavelLosesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let holder = try Self.start(folder, path: path)
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        #expect(unlink(path + "-wal") == 0)
        #expect(HelperProcess.waitForFile(path + ".notice", timeout: 10), "the holder said it rebuilt the log")
        let notice = (try? String(contentsOfFile: path + ".notice", encoding: .utf8)) ?? ""
        #expect(notice.contains("were deleted") && notice.contains("Nothing was lost"), "\(notice)")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder) == ["h-0", "h-1", "h-2"])
        let reopened = try SessionStore(path: path)
        #expect(Self.noteIDs(try reopened.newEvents()) == ["h-0", "h-1", "h-2"])
    }

    @Test func deletingTheIndexAloneIsRebuiltToo() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let holder = try Self.start(folder, path: path)
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        #expect(unlink(path + "-shm") == 0)
        #expect(HelperProcess.waitForFile(path + ".notice", timeout: 10))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"), "a new index is in place")
        // Both keep writing to one log.
        let second = try SessionStore(path: path)
        try second.append(Self.note("t-0"))
        _ = FileManager.default.createFile(atPath: path + ".add", contents: Data())
        #expect(HelperProcess.waitForFile(path + ".added"))
        #expect(Self.noteIDs(try second.newEvents()) == ["h-0", "h-1", "h-2", "t-0", "h-after"])
        _ = FileManager.default.createFile(atPath: path + ".quit", contents: Data())
        #expect(HelperProcess.wait(holder))
    }

    /// A view started after the deletion, while the holder has not rebuilt the log yet, waits for
    /// it instead of starting a second log: both then write to one log, and every note survives.
    @Test func aViewStartedAfterTheDeletionDoesNotSplitTheLog() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let holder = try Self.start(folder, path: path, delayMS: 800)
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        #expect(unlink(path + "-wal") == 0)
        #expect(unlink(path + "-shm") == 0)
        let second = try SessionStore(path: path)
        #expect(second.takeNotice() == nil, "the second view found the log rebuilt by the holder")
        #expect(HelperProcess.waitForFile(path + ".notice", timeout: 10))
        let notice = (try? String(contentsOfFile: path + ".notice", encoding: .utf8)) ?? ""
        #expect(notice.contains("gavel started a new log"), "the holder rebuilt it: \(notice)")
        try second.append(Self.note("t-0"))
        _ = FileManager.default.createFile(atPath: path + ".add", contents: Data())
        #expect(HelperProcess.waitForFile(path + ".added"))
        #expect(Self.noteIDs(try second.newEvents()) == ["h-0", "h-1", "h-2", "t-0", "h-after"])
        _ = FileManager.default.createFile(atPath: path + ".quit", contents: Data())
        #expect(HelperProcess.wait(holder))
        #expect(try second.checkpoint())
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder) == ["h-0", "h-1", "h-2", "t-0", "h-after"])
    }

    /// A holder that cannot rebuild the log (suspended with Ctrl-Z): a new view is refused with
    /// a message rather than starting a second log; once the holder runs again, it opens.
    @Test func aSuspendedHolderMakesANewViewWaitThenRefuse() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let holder = try Self.start(folder, path: path)
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        kill(holder.processIdentifier, SIGSTOP)
        // kill returns before the holder stops: deleting the log before it has would let it start
        // its rebuild, and be stopped holding the opening lock (a different refusal: "locked").
        #expect(Self.waitUntilStopped(holder.processIdentifier))
        #expect(unlink(path + "-wal") == 0)
        do {
            _ = try SessionStore(path: path)
            Issue.record("opened beside a holder whose log was deleted")
        } catch let error as SessionStoreError {
            #expect(error.description.contains("another gavel has this session open"), "\(error)")
        }
        kill(holder.processIdentifier, SIGCONT)
        #expect(HelperProcess.waitForFile(path + ".notice", timeout: 10))
        let second = try SessionStore(path: path)
        #expect(Self.noteIDs(try second.newEvents()) == ["h-0", "h-1", "h-2"])
    }

    /// Waits until `pid` is stopped (state T in /proc/PID/stat).
    static func waitUntilStopped(_ pid: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "T" { return true }
            usleep(2_000)
        }
        return false
    }

    /// A sync client puts back an old copy of the log: it is moved aside, never replayed over the
    /// session, and nothing is lost.
    @Test func aReplacedLogIsMovedAsideAndNotReplayed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let store = try SessionStore(path: path)
        try store.append(Self.note("n-0"))
        let stale = folder.file("stale-wal")
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: stale)
        try store.append(Self.note("n-1"))
        try store.append(Self.note("n-2"))
        #expect(rename(stale, path + "-wal") == 0)
        try store.maintain()
        let notice = try #require(store.takeNotice())
        #expect(notice.contains("were replaced") && notice.contains("Moved aside"), "\(notice)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix("track.gavel-wal.replaced-") })
        try store.append(Self.note("n-3"))
        #expect(Self.noteIDs(try store.newEvents()) == ["n-0", "n-1", "n-2", "n-3"])
        #expect(store.takeNotice() == nil, "said once")
        #expect(try RawDatabase(path: path).strings("PRAGMA integrity_check") == ["ok"])
    }

    /// Two stores of one process (a chair and its web server) share one connection: both go on
    /// after the rebuild and see each other's writes.
    @Test func twoStoresOfOneProcessBothGoOn() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let chair = try SessionStore(path: path)
        let speaker = try SessionStore(path: path, readOnly: true)
        try chair.append(Self.note("c-0"))
        #expect(Self.noteIDs(try speaker.newEvents()) == ["c-0"])
        #expect(unlink(path + "-wal") == 0)
        #expect(Self.noteIDs(try speaker.newEvents()) == [], "the speaker's read rebuilt the log, nothing new")
        try chair.append(Self.note("c-1"))
        #expect(Self.noteIDs(try speaker.newEvents()) == ["c-1"])
        #expect(chair.takeNotice()?.contains("were deleted") == true)
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder).prefix(1) == ["c-0"])
    }

    /// Without any deletion: a slot's end (`checkpoint`) and the periodic checkpoint (`maintain`)
    /// keep the main file alone complete.
    @Test func checkpointsKeepACopyOfTheMainFileComplete() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let store = try SessionStore(path: path, options: .init(checkpointInterval: 3600))
        try store.append(Self.note("n-0"))
        try store.append(Self.note("n-1"))
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder) == [], "everything is in the log until a checkpoint")
        try store.maintain()
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder) == [], "the interval has not passed")
        #expect(try store.checkpoint())
        #expect(try Self.notesInCopyOfMainFile(path, folder: folder) == ["n-0", "n-1"])

        let eager = try SessionStore(path: folder.file("eager.gavel"), options: .init(checkpointInterval: 0))
        try eager.append(Self.note("e-0"))
        try eager.maintain()
        #expect(try Self.notesInCopyOfMainFile(folder.file("eager.gavel"), folder: folder) == ["e-0"])
    }
}
