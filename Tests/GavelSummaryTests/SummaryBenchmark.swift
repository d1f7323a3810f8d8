import Foundation
import GavelCore
import GavelSummary
import Testing

/// Time to summarise a slot with 10,000 notes in each format. Runs only with GAVEL_BENCH=1
/// (bench/summary-bench.sh builds it in release) and prints `name: value` lines: the best of five
/// wall-clock times, and the best of five CPU times of the rendering thread (steadier on a busy
/// machine). Each time includes computing the model from the session.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GAVEL_BENCH"] == "1", "set GAVEL_BENCH=1 to measure"))
struct SummaryBenchmark {
    static let noteCount = 10_000

    /// The example's networking slot (eight topics) held for 90 minutes with `noteCount` notes of
    /// every kind, with mentions, links, markup and Unicode.
    static func busySlot() throws -> (Session, Date) {
        let agenda = try AgendaParser.parse(BundledExample.source, file: BundledExample.fileName).agenda
        let slot = try #require(agenda.slot(id: "networking"))
        let start = Date(timeIntervalSince1970: 1_346_270_400)
        var session = Session(agenda: agenda)
        session.apply(SessionEvent(at: start, .start(slot: slot.id, topic: slot.topics[0].id)))
        let texts = [
            "a: @ana and @bob_2 check https://example.org/patch?id=%d before Friday",
            "d: keep the vhost interface (%d) as it is",
            "q: does this *scale* past 64 queues? [%d]",
            "discussion point %d: Grüße, 日本語, 🎉 — <tags> & | pipes",
        ]
        let perTopic = noteCount / slot.topics.count + 1
        var added = 0
        for (t, topic) in slot.topics.enumerated() {
            let topicStart = start.addingTimeInterval(TimeInterval(t * 600))
            if t > 0 { session.apply(SessionEvent(at: topicStart, .next(slot: slot.id, topic: slot.topics[t - 1].id))) }
            for i in 0..<perTopic where added < noteCount {
                let text = String(format: texts[added % texts.count], added)
                session.apply(SessionEvent(at: topicStart.addingTimeInterval(TimeInterval(i) * 0.05),
                                           .noteAdded(id: "n\(added)", slot: slot.id, topic: topic.id, text: text, by: "chair")))
                added += 1
            }
        }
        let end = start.addingTimeInterval(5400)
        session.apply(SessionEvent(at: end, .endSlot(slot: slot.id, cause: .chair)))
        return (session, end)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// CPU time of this thread, in milliseconds: what the work costs, whatever else the machine runs.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    /// The best of `runs` timings, in wall-clock and CPU milliseconds.
    static func best(runs: Int = 5, _ body: () -> Int) -> (ms: Double, cpu: Double, size: Int) {
        let clock = ContinuousClock()
        var best = Double.infinity
        var bestCPU = Double.infinity
        var size = 0
        for _ in 0..<runs {
            let cpuStart = threadCPU()
            let elapsed = clock.measure { size = body() }
            bestCPU = min(bestCPU, threadCPU() - cpuStart)
            best = min(best, milliseconds(elapsed))
        }
        return (best, bestCPU, size)
    }

    @Test func tenThousandNotes() throws {
        let (session, now) = try Self.busySlot()
        #expect(session.notes(slot: "networking").count == Self.noteCount)
        let model = Self.best { SummaryBuilder.slot(session, id: "networking", at: now)?.noteCount ?? 0 }
        #expect(model.size == Self.noteCount)
        print("summary_model_10000_notes_ms: \(String(format: "%.1f", model.ms))")
        print("summary_model_10000_notes_cpu_ms: \(String(format: "%.1f", model.cpu))")
        for format in SummaryFormat.allCases {
            let result = Self.best { format.slot(session, id: "networking", at: now)?.utf8.count ?? 0 }
            #expect(result.size > Self.noteCount * 20)
            print("summary_\(format.rawValue)_10000_notes_ms: \(String(format: "%.1f", result.ms))")
            print("summary_\(format.rawValue)_10000_notes_cpu_ms: \(String(format: "%.1f", result.cpu))")
            print("summary_\(format.rawValue)_10000_notes_bytes: \(result.size)")
        }
    }
}
