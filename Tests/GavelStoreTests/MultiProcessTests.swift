import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// Two processes on one session file: both keep what they write, and each sees the other's
/// changes through `changeDescriptor` without polling.
@Suite struct MultiProcessTests {
    @Test func twoProcessesWritingAFreshFileAtOnceBothKeepEveryNote() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("shared.gavel")
        let go = folder.file("go")
        let count = 80
        let names = ["ada", "bob"]
        let writers = try names.map { name in
            try HelperProcess.start(role: "writer", path: path, extra: [
                "GAVEL_STORE_HELPER_NAME": name, "GAVEL_STORE_HELPER_COUNT": "\(count)",
                "GAVEL_STORE_HELPER_OTHERS": names.filter { $0 != name }.joined(separator: ","),
            ])
        }
        usleep(300_000)
        #expect(FileManager.default.createFile(atPath: go, contents: Data()))
        for writer in writers { #expect(HelperProcess.wait(writer), "each writer exits cleanly") }

        let events = try SessionStore(path: path).newEvents()
        #expect(events.count == 2 * count)
        var ids: [String: [Int]] = [:]
        for event in events {
            guard case .noteAdded(let id, _, _, _, let by) = event.action,
                  let number = id.split(separator: "-").last.flatMap({ Int($0) }) else { continue }
            ids[by, default: []].append(number)
        }
        // Every note exactly once, and each writer's notes in the order it wrote them.
        #expect(ids["ada"] == Array(0..<count))
        #expect(ids["bob"] == Array(0..<count))
        // The writes interleaved: the two really wrote at the same time.
        let firstBob = events.firstIndex { if case .noteAdded(_, _, _, _, "bob") = $0.action { true } else { false } } ?? 0
        let lastAda = events.lastIndex { if case .noteAdded(_, _, _, _, "ada") = $0.action { true } else { false } } ?? 0
        let firstAda = events.firstIndex { if case .noteAdded(_, _, _, _, "ada") = $0.action { true } else { false } } ?? 0
        let lastBob = events.lastIndex { if case .noteAdded(_, _, _, _, "bob") = $0.action { true } else { false } } ?? 0
        #expect(firstBob < lastAda && firstAda < lastBob, "the writes interleaved")
    }

    /// The run loop's way: wait on the descriptor only (no timeout), acknowledge, read. A wake-up
    /// that comes before the commit is visible, with none after, would leave an event unseen until
    /// the next one, 400 ms later, or for ever.
    @Test func anotherProcessesCommitsWakeTheChangeDescriptorWithin250ms() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("watched.gavel")
        let store = try SessionStore(path: path)
        let fd = try #require(store.changeDescriptor)
        store.acknowledgeChange()
        #expect(try store.newEvents().isEmpty)
        // Idle: nobody writes, nothing wakes the run loop.
        #expect(!isReadable(fd, within: 300))

        let writer = try HelperProcess.start(role: "append-paced", path: path)
        defer { _ = HelperProcess.wait(writer) }
        var latencies: [TimeInterval] = []
        let deadline = Date().addingTimeInterval(30)
        while latencies.count < 5, Date() < deadline {
            guard isReadable(fd, within: 1000) else { continue }
            store.acknowledgeChange()
            let seen = Date()
            for event in try store.newEvents() { latencies.append(seen.timeIntervalSince(event.at)) }
        }
        #expect(latencies.count == 5, "every commit was seen")
        for latency in latencies { #expect(latency < 0.25, "seen \(Int(latency * 1000)) ms after the commit") }
        print("store.cross_process_wake_max_ms: \(Int((latencies.max() ?? 0) * 1000))")
    }

    @Test func aSecondConnectionsWriteIsSeenAndAcknowledged() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("pair.gavel")
        let chair = try SessionStore(path: path, view: ViewIdentity(author: "chair", role: .chair, terminal: ""))
        let speaker = try SessionStore(path: path, readOnly: true)
        let fd = try #require(speaker.changeDescriptor)
        _ = speaker.acknowledgeChange()
        #expect(!isReadable(fd, within: 0))
        for round in 0..<5 {
            let before = Date()
            try chair.append(SessionEvent(at: before, .start(slot: "s1", topic: "a")))
            #expect(isReadable(fd, within: 250), "round \(round): the change wakes the watcher")
            #expect(Date().timeIntervalSince(before) < 0.25)
            #expect(speaker.acknowledgeChange(), "round \(round): another process wrote")
            #expect(!isReadable(fd, within: 0), "round \(round): acknowledged")
            #expect(try speaker.newEvents().count == 1)
        }
        // A draft saved by a note-taker wakes the watcher too (it shows who is typing nothing, but
        // costs at most one wake-up a second).
        try chair.saveDraft(Draft(line: "x"))
        #expect(isReadable(fd, within: 250))
    }

    /// A process's own commits ring its own bell; acknowledging them is not taken for another
    /// process's change (issue 10, item 11: no re-query of the log on one's own commit).
    @Test func ownCommitsAreNotAChange() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("own.gavel")
        let chair = try SessionStore(path: path)
        let fd = try #require(chair.changeDescriptor)
        _ = chair.acknowledgeChange()
        _ = try chair.transact { _ in [SessionEvent(at: Date(), .openSlot(slot: "s1"))] }
        #expect(isReadable(fd, within: 250))
        #expect(!chair.acknowledgeChange(), "its own commit")
        try SessionStore(path: path).append(SessionEvent(at: Date(), .openSlot(slot: "s2")))
        #expect(isReadable(fd, within: 250))
        #expect(chair.acknowledgeChange(), "another connection's commit")
    }

    /// Reading for nothing costs one `PRAGMA data_version`, but no change is ever skipped: not one
    /// by another store, not one by a program that rings no bell (the sqlite3 shell), not this
    /// store's own appends.
    @Test func aReadWithNothingNewIsSkippedAndNoChangeIs() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("probe.gavel")
        let chair = try SessionStore(path: path)
        let speaker = try SessionStore(path: path, readOnly: true)
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try speaker.newEvents().isEmpty)
        #expect(try speaker.newEvents().isEmpty)
        try chair.append(SessionEvent(at: t0, .start(slot: "s1", topic: "a")))
        #expect(try speaker.newEvents().count == 1)
        #expect(try speaker.newEvents().isEmpty)

        // The sqlite3 shell: another connection, no bell.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        let json = #"{"action":{"pause":{"slot":"s1","topic":"a"}},"at":721692800}"#
        shell.arguments = [path, "INSERT INTO event (at, kind, slot, json) VALUES (1700000001, 'pause', 's1', '\(json)')"]
        try shell.run()
        shell.waitUntilExit()
        try #require(shell.terminationStatus == 0)
        #expect(try speaker.newEvents().count == 1, "a commit without a bell is read")
        #expect(try chair.newEvents().count == 2, "and by the writing store, after its own append")

        // A store's own append is read back by it, as before.
        try chair.append(SessionEvent(at: t0, .next(slot: "s1", topic: "a")))
        #expect(try chair.newEvents().count == 1)
        #expect(try chair.newEvents().isEmpty)
        #expect(try speaker.newEvents().count == 1)
    }
}
