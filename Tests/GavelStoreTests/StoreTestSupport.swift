import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// A fresh folder for one test's session files, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/gavel-store-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }
}

/// The test binary started again as a second process, running one helper role chosen by the
/// environment (see `StoreHelperProcess`). Two processes, not two threads: SQLite and `flock`
/// behave differently between processes, and that is what a chair and a note-taker are.
enum HelperProcess {
    static let roleVariable = "GAVEL_STORE_HELPER_ROLE"

    static func start(role: String, path: String, extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["--testing-library", "swift-testing", "--filter", "StoreHelperProcess"]
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role
        environment["GAVEL_STORE_HELPER_PATH"] = path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func wait(_ process: Process, timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit(); return false }
        return process.terminationReason == .exit && process.terminationStatus == 0
    }

    /// Waits until `path` exists (a helper's "I am ready" mark).
    static func waitForFile(_ path: String, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: path) {
            if Date() > deadline { return false }
            usleep(5_000)
        }
        return true
    }
}

/// Whether `fd` is readable within `milliseconds`.
func isReadable(_ fd: Int32, within milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, milliseconds) == 1 && entry.revents & Int16(POLLIN) != 0
}

/// The bytes of a file, to show a refused file was left exactly as it was.
func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// A small agenda for sessions in these tests.
func testAgenda() -> Agenda {
    Agenda(title: "Test", slots: [
        Slot(id: "s1", title: "One", length: 3600, topics: [
            Topic(id: "a", title: "A", length: 600),
            Topic(id: "b", title: "B", length: 900),
        ]),
        Slot(id: "s2", title: "Two", length: 1800, topics: [Topic(id: "c", title: "C", length: 1800)]),
    ])
}

import GRDB

/// A plain SQLite connection (no Gavel logic), to build fixtures and to play "another program".
final class RawDatabase {
    let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func execute(_ sql: String) throws {
        try queue.inDatabase { try $0.execute(sql: sql) }
    }

    func strings(_ sql: String) throws -> [String] {
        try queue.inDatabase { try String.fetchAll($0, sql: sql) }
    }

    func int(_ sql: String) throws -> Int? {
        try queue.inDatabase { try Int.fetchOne($0, sql: sql) }
    }
}
