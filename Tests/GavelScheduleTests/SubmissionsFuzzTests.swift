import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

/// Mutations of submissions files fed to the parser and, when accepted, to the planner: no crash,
/// every refusal a `FILE:LINE: message`, every plan an agenda that reads back.
@Suite struct SubmissionsFuzzTests {
    static let tokens = ["[[submission]]\n", "[[busy]]\n", "[categories]\n", "title = \"", "speakers = [\"", "\"]", "kind = \"lightning\"",
                         "kind = \"keynote\"", "slots = 0", "slots = -3", "slots = 99999999", "slots = [\"2012-08-29T09:00\"]",
                         "slot_length = \"0m\"", "slot_length = \"99999h\"", "min_topic = \"1s\"", "from = 2012-08-29T09:00",
                         "to = 2012-08-28T09:00", "\"", "'''", "[", "]", "=", ",", "{", "}", "#", "1h30m", "nan", "inf"]

    static func check(_ bytes: [UInt8], file: String) {
        // Invalid UTF-8 is refused by SubmissionsParser.load before parsing; the corpus checks that path.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let input: Submissions
        do {
            input = try SubmissionsParser.parse(text, file: file, defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
        } catch {
            #expect(FuzzMutator.checkNames(error.diagnostics, file: file, input: bytes), "\(error.description)")
            return
        }
        // Planning pathological but valid inputs (100,000 slots) is not the parser's business; keep it bounded.
        guard input.entries.count <= 200, input.slotStarts.count <= 200 else { return }
        let plan = Planner.plan(input)
        _ = PlanReport.render(plan, input)
        do {
            _ = try AgendaParser.parse(AgendaWriter.toml(plan.agenda), file: "plan.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
        } catch {
            Issue.record("the planned agenda does not read back: \(error.description)")
        }
    }

    @Test func corpus() throws {
        let files = try FuzzMutator.corpus("fuzz-corpus").filter { $0.name.hasSuffix(".toml") }
        #expect(!files.isEmpty)
        for (name, bytes) in files {
            let path = Fixtures.folder.appendingPathComponent("fuzz-corpus").appendingPathComponent(name).path
            if String(validating: bytes, as: UTF8.self) == nil {
                // Not UTF-8: the loader refuses it, naming the file.
                #expect(throws: FileError.self) { try SubmissionsParser.load(path: path) }
            } else {
                Self.check(bytes, file: name)
            }
        }
    }

    @Test func mutations() throws {
        let seed = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.example("lpc2012-virt-submissions.toml"))))
        let small = Array("title = \"T\"\nslot_length = \"30m\"\nslots = 2\n[[submission]]\ntitle = \"A\"\nspeakers = [\"x\"]\n".utf8)
        var fuzz = FuzzMutator(name: "submissions", seed: 0x5AB5, seeds: [seed, small], tokens: Self.tokens)
        for _ in 0..<FuzzMutator.iterations { Self.check(fuzz.next(), file: "fuzz.toml") }
    }
}
