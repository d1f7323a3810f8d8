import Foundation
import Testing
@testable import GavelCore
@testable import GavelWeb

/// The pages' script, run under Node.js: its time rules give exactly what the engine gives (the
/// page computes the seconds itself), and its clock-offset estimate finds the server's clock from
/// round trips whatever the device's own clock says.
@Suite struct PageScriptTests {
    /// Runs `program` after the page script (loaded as a module with the few browser globals it
    /// touches at load) and returns what it printed.
    func node(_ program: String) throws -> String {
        let folder = try TemporaryFolder()
        try WebAssets.commonScript.write(toFile: folder.file("gavel.js"), atomically: true, encoding: .utf8)
        let harness = """
            global.location = { pathname: '/s/TOKEN' };
            global.document = { addEventListener: function () {}, hidden: false };
            global.setInterval = function () { return 0; };
            const G = require('./gavel.js');
            \(program)
            """
        try harness.write(toFile: folder.file("test.js"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", folder.file("test.js")]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node failed (is Node.js installed? .ci/run installs it): \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func timeRulesMatchTheEngine() throws {
        let remainders: [Double] = [-3700.5, -3600, -61, -60.0001, -1, -0.5, -0.0001, 0, 0.0001, 0.5, 1, 1.2, 59.5, 119.5, 120,
                                    120.0001, 121, 299.9, 300, 300.5, 301, 1199.9, 1200, 3599.5, 3600, 3600.5, 7325.25]
        let warns: [[Int]] = [[300, 120], [60], []]
        var cases: [(Double, Bool, [Int])] = []
        for r in remainders { for started in [true, false] { for warn in warns { cases.append((r, started, warn)) } } }
        let input = cases.map { "[\($0.0), \($0.1), [\($0.2.map(String.init).joined(separator: ","))]]" }.joined(separator: ",")
        let output = try node("""
            const cases = [\(input)];
            for (const [r, started, warn] of cases) {
              const phase = G.phase(r, started, warn);
              console.log(phase + ' ' + G.clockText(r, phase));
            }
            """)
        let lines = output.split(separator: "\n").map(String.init)
        try #require(lines.count == cases.count)
        for (i, (r, started, warn)) in cases.enumerated() {
            let phase = Session.phase(remaining: r, started: started, warn: warn)
            let topic = Topic(id: "t", title: "t", length: 60)
            let status = TopicStatus(topic: topic, planned: 60, elapsed: 0, remainingExact: r, phase: phase,
                                     isRunning: started, isFinished: false, hasStarted: started)
            #expect(lines[i] == "\(phase.rawValue) \(status.clockText)", "remaining \(r), started \(started), warn \(warn)")
        }
    }

    @Test func clockOffsetComesFromTheShortestRoundTrip() throws {
        // The device's monotonic clock reads 5,000 ms; the server's clock is at 1.3e12 ms. Whatever
        // the device's wall clock says (40 s off), only these two enter the estimate.
        let output = try node("""
            const server = 1300000000000;
            const exact = G.estimateOffset([{ sent: 5000, received: 5010, server: server + 5 }]);
            const best = G.estimateOffset([
              { sent: 5000, received: 5400, server: server + 100 },   // a slow trip, answered late
              { sent: 6000, received: 6004, server: server + 1002 },  // the fastest: 4 ms
              { sent: 7000, received: 7090, server: server + 2010 },
            ]);
            const none = G.estimateOffset([{ sent: 10, received: 5, server: 1 }, { sent: 1, received: 2 }]);
            console.log(JSON.stringify([exact, best, none]));
            """)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any])
        let exact = try #require(results[0] as? [String: Double])
        #expect(exact["offset"] == Double(1_300_000_000_005 - 5005))
        #expect(exact["error"] == 5)
        let best = try #require(results[1] as? [String: Double])
        #expect(best["offset"] == Double(1_300_000_001_002 - 6002), "the 4 ms trip wins")
        #expect(best["error"] == 2)
        #expect(results[2] is NSNull, "a backwards or incomplete sample is no estimate")
    }

    @Test func theNextRedrawIsWhenTheShownSecondChanges() throws {
        // A topic of 60 s running since server time 1,000,000 ms; 0.25 s in, 59.75 s are left and
        // 60 is shown until 59 shows at 1 s in: 750 ms from now.
        let output = try node("""
            const state = { warnSeconds: [300, 120], slot: { title: 'x', current: 0, ended: null, deadlineMs: null,
              scheduledStartMs: null, scheduledEndMs: null, lengthSeconds: 2700,
              topics: [{ id: 't', title: 'T', speakers: [], state: 'running', plannedSeconds: 60,
                         accumulatedSeconds: 0, runningSinceMs: 1000000 }] } };
            const at = function (ms) { const v = G.view(state, ms); return [v.clock, v.words, G.nextChange(state, ms)]; };
            console.log(JSON.stringify([at(1000250), at(1061000), at(1061500), at(1000000)]));
            """)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
        #expect(rows[0][0] as? String == "01:00" && rows[0][2] as? Double == 750)
        #expect(rows[1][0] as? String == "+00:01" && rows[1][1] as? String == "+00:01 OVER" && rows[1][2] as? Double == 1000)
        #expect(rows[2][2] as? Double == 500)
        #expect(rows[3][0] as? String == "01:00" && rows[3][2] as? Double == 1000)
    }

    @Test func whenTheSlotEndsFirstItsEndIsTheCountdown() throws {
        // A 60 s topic running since 1,000,000 ms in a slot whose time runs out at 1,030,000 ms:
        // 10 s in, the topic has 50 s and the slot 20 s (Snapshot.slotEndsFirst).
        let output = try node("""
            const state = { warnSeconds: [300, 120], slot: { title: 'x', current: 0, ended: null, deadlineMs: 1030000,
              scheduledStartMs: null, scheduledEndMs: null, lengthSeconds: 2700,
              topics: [{ id: 't', title: 'T', speakers: [], state: 'running', plannedSeconds: 60, warnSeconds: [30, 10],
                         accumulatedSeconds: 0, runningSinceMs: 1000000 }] } };
            const v = G.view(state, 1010250);
            console.log(JSON.stringify([v.clock, v.words, v.phase, G.nextChange(state, 1010250)]));
            """)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any])
        #expect(row[0] as? String == "00:20" && row[1] as? String == "SLOT ENDS")
        #expect(row[2] as? String == "warn", "judged on the slot's seconds with the topic's warn times")
        #expect(row[3] as? Double == 750)
    }
}
