import Foundation
import GavelCore
import GRDB
import Testing
@testable import GavelStore

/// How long a durable note takes to commit (fsync included), printed as `name: value` lines for
/// bench/store-commit.sh. `GAVEL_BENCH_COMMITS` sets the count (200 in a normal test run).
@Suite(.serialized) struct StoreCommitBench {
    static var commits: Int { ProcessInfo.processInfo.environment["GAVEL_BENCH_COMMITS"].flatMap(Int.init) ?? 200 }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    static func report(_ name: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        print(String(format: "%@.p50_ms: %.3f", name, percentile(sorted, 0.50) * 1000))
        print(String(format: "%@.p99_ms: %.3f", name, percentile(sorted, 0.99) * 1000))
        print(String(format: "%@.max_ms: %.3f", name, (sorted.last ?? 0) * 1000))
    }

    @Test func durableNoteCommit() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("bench.gavel")
        let store = try SessionStore(path: path)
        var samples: [Double] = []
        for i in 0..<Self.commits {
            let event = SessionEvent(at: Date(), .noteAdded(id: "n\(i)", slot: "s1", topic: "a",
                                                           text: "action: someone to look at item \(i) before Friday", by: "chair"))
            let start = DispatchTime.now().uptimeNanoseconds
            try store.append(event)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        Self.report("store.note_commit", samples)
        print("store.note_commit.count: \(samples.count)")
        // A note must show as saved at once; even a slow disk's fsync is well under this.
        #expect(Self.percentile(samples.sorted(), 0.5) < 0.25)

        // The same insert with synchronous = NORMAL, for comparison: no fsync per commit, so it
        // survives a crash of gavel but not a power cut.
        var configuration = Configuration()
        configuration.prepareDatabase { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
        let normal = try DatabaseQueue(path: path, configuration: configuration)
        var normalSamples: [Double] = []
        for i in 0..<Self.commits {
            let start = DispatchTime.now().uptimeNanoseconds
            try normal.write { db in
                try db.execute(sql: "INSERT INTO event (at, kind, note, text, json) VALUES (?, 'noteAdded', ?, 'x', '{}')",
                               arguments: [Date().timeIntervalSince1970, "m\(i)"])
            }
            normalSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        Self.report("store.commit_synchronous_normal", normalSamples)
    }

    /// Opening a long day's session (5,000 events: identification, quick_check, migrations) and
    /// reading it back whole, as a restarted gavel does.
    @Test func openingALongSession() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("day.gavel")
        let raw = try RawDatabase(path: path)
        _ = try SessionStore(path: path)
        let json = String(decoding: try JSONEncoder().encode(SessionEvent(at: Date(), .noteAdded(
            id: "x", slot: "s1", topic: "a", text: String(repeating: "a note of some length ", count: 5), by: "chair"))), as: UTF8.self)
        try raw.queue.inDatabase { db in
            try db.inTransaction {
                for i in 0..<5000 {
                    try db.execute(sql: "INSERT INTO event (at, kind, note, json) VALUES (0, 'noteAdded', ?, ?)",
                                   arguments: ["n\(i)", json.replacingOccurrences(of: "\"x\"", with: "\"n\(i)\"")])
                }
                return .commit
            }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let store = try SessionStore(path: path)
        let opened = DispatchTime.now().uptimeNanoseconds
        let events = try store.newEvents()
        let read = DispatchTime.now().uptimeNanoseconds
        #expect(events.count == 5000)
        print(String(format: "store.open_5000_events_ms: %.1f", Double(opened - start) / 1e6))
        print(String(format: "store.read_5000_events_ms: %.1f", Double(read - opened) / 1e6))
    }
}
