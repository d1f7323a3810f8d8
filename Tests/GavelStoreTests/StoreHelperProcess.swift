import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// The second process of the multi-process tests: the test binary re-run with `--filter
/// StoreHelperProcess` and a role in the environment. Skipped in a normal test run.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[HelperProcess.roleVariable] != nil,
                "runs only as a helper process started by another test"))
struct StoreHelperProcess {
    let environment = ProcessInfo.processInfo.environment

    @Test func role() throws {
        let path = try #require(environment["GAVEL_STORE_HELPER_PATH"])
        switch environment[HelperProcess.roleVariable] {
        case "writer":
            // Waits for the start mark so both writers open a fresh file and write at the same time.
            let name = try #require(environment["GAVEL_STORE_HELPER_NAME"])
            let count = Int(environment["GAVEL_STORE_HELPER_COUNT"] ?? "") ?? 100
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let others = (environment["GAVEL_STORE_HELPER_OTHERS"] ?? "").split(separator: ",").map(String.init)
            // Both open the fresh file at once, then both write at once.
            #expect(HelperProcess.waitForFile("\(folder)/go"))
            let store = try SessionStore(path: path)
            _ = FileManager.default.createFile(atPath: "\(folder)/opened-\(name)", contents: Data())
            for other in others { #expect(HelperProcess.waitForFile("\(folder)/opened-\(other)")) }
            for i in 0..<count {
                try store.append(SessionEvent(at: Date(), .noteAdded(id: "\(name)-\(i)", slot: "s1", topic: "a",
                                                                   text: "note \(i) by \(name)", by: name)))
                // People type between saves; without a pause one writer's tight loop takes every
                // turn while SQLite's busy handler backs the other off.
                usleep(3_000)
            }
        case "hold-lock":
            // Holds SQLite's write lock in a foreign connection until killed.
            let ready = try #require(environment["GAVEL_STORE_HELPER_READY"])
            let db = try RawDatabase(path: path)
            try db.queue.inDatabase { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                _ = FileManager.default.createFile(atPath: ready, contents: Data())
                sleep(60)
                try db.execute(sql: "ROLLBACK")
            }
        case "append-paced":
            // Five events 400 ms apart, after the watcher's ready mark.
            let store = try SessionStore(path: path)
            _ = FileManager.default.createFile(atPath: path + ".helper-open", contents: Data())
            for i in 0..<5 {
                usleep(400_000)
                try store.append(SessionEvent(at: Date(), .adjust(slot: "s1", topic: "a", seconds: i)))
            }
        case "wal-holder":
            // A view's run loop on the session: three notes, then wake-ups handled as the app does
            // (after GAVEL_STORE_HELPER_DELAY_MS, a view busy elsewhere), `maintain` every turn.
            let delay = UInt32(environment["GAVEL_STORE_HELPER_DELAY_MS"] ?? "") ?? 0
            let store = try SessionStore(path: path)
            for i in 0..<3 {
                try store.append(SessionEvent(at: Date(), .noteAdded(id: "h-\(i)", slot: "s1", topic: "a", text: "holder \(i)", by: "holder")))
            }
            let fd = try #require(store.changeDescriptor)
            _ = FileManager.default.createFile(atPath: path + ".ready", contents: Data())
            var added = false
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: path + ".quit"), Date() < deadline {
                if isReadable(fd, within: 20) {
                    usleep(delay * 1000)
                    store.acknowledgeChange()
                }
                try store.maintain()
                if let notice = store.takeNotice() {
                    _ = FileManager.default.createFile(atPath: path + ".notice", contents: Data(notice.utf8))
                }
                if !added, FileManager.default.fileExists(atPath: path + ".add") {
                    try store.append(SessionEvent(at: Date(), .noteAdded(id: "h-after", slot: "s1", topic: "a", text: "after", by: "holder")))
                    added = true
                    _ = FileManager.default.createFile(atPath: path + ".added", contents: Data())
                }
            }
        default:
            Issue.record("unknown helper role")
        }
    }
}
