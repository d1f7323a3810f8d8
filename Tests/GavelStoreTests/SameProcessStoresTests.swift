import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// Two `SessionStore`s on one file in one process (the chair's console and `--serve`'s web hub).
/// POSIX locks belong to the process: closing ANY descriptor of the file drops every lock the
/// process holds on it. If opening the second store read the file's header through a descriptor
/// of its own and closed it, the first store's SQLite locks vanished, the next program to close
/// the file (`gavel links`, an `sqlite3` shell) believed itself the last, checkpointed and deleted
/// the write-ahead log under the chair's feet, and every later commit went to a deleted file.
@Suite struct SameProcessStoresTests {
    let t0 = Date(timeIntervalSince1970: 1_346_270_400)

    /// `sqlite3 PATH SQL` in another process: the first line it prints.
    func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aSecondStoreInTheProcessKeepsTheFirstOnesLocks() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let chair = try SessionStore(path: path)
        try chair.append(SessionEvent(at: t0, .openSlot(slot: "a")))
        do {
            let hub = try SessionStore(path: path)
            try hub.append(SessionEvent(at: t0, .openSlot(slot: "b")))
        }
        // Another program opens and closes the file while the chair still runs.
        #expect(try sqlite(path, "SELECT count(*) FROM event") == "2")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the chair's log is still there")
        try chair.append(SessionEvent(at: t0, .openSlot(slot: "c")))
        #expect(try sqlite(path, "SELECT count(*) FROM event") == "3", "a commit after that reached the file")
    }
}
