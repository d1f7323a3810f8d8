import GavelTestSupport
import Foundation
import Testing
@testable import GavelCore

/// Mutations of real agendas fed to the parser: it must never crash, and every rejection must be
/// a `FILE:LINE: message` (or `FILE: message` for what has no line). `GAVEL_FUZZ_ITERATIONS` sets
/// the count (bench/fuzz runs 100,000); inputs that once broke something live in
/// Fixtures/agenda-corpus and run every time.
@Suite struct AgendaFuzzTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var iterations: Int {
        ProcessInfo.processInfo.environment["GAVEL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
    }

    static let seeds: [String] = [
        BundledExample.source,
        "title = \"T\"\n[defaults]\nwarn = [\"5m\", \"2m\"]\n[[slot]]\nid = \"a\"\ntitle = \"A\"\nstart = 2012-08-29T13:30:00\nlength = \"45m\"\n[[slot.topic]]\ntitle = \"x\"\nspeakers = [\"y\"]\nkind = \"lightning\"\n",
    ]

    static let tokens = ["[[slot]]", "[[slot.topic]]", "[defaults]", "title = ", "\"", "'''", "\"\"\"", "=", "[", "]",
                         "{", "}", ",", "\n", "#", "length = \"", "1h30m", "-5m", "99999999999999999999", "0x7f",
                         "2012-13-45T25:61:61", "\\u0000", "\u{1b}[2J", "\u{202e}", "é", "会議", "\t", "inf", "nan",
                         "true", "id = \"../x\"", "warn = []", "speakers = [1, 2]", "timezone = \"Mars/Base\""]

    /// Checks one input: no crash, and a failure that names the file.
    static func check(_ text: String) {
        do {
            let result = try AgendaParser.parse(text, file: "fuzz.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
            for slot in result.agenda.slots {
                #expect(slot.length > 0)
                #expect(Slug.isValidID(slot.id) || slot.id.isEmpty == false)
                for topic in slot.topics { #expect(topic.length > 0) }
            }
        } catch {
            #expect(!error.diagnostics.isEmpty)
            for d in error.diagnostics {
                #expect(d.description.hasPrefix("fuzz.toml:") || d.description.hasPrefix("fuzz.toml: "))
                #expect(!d.message.isEmpty)
                if let line = d.line { #expect(line >= 1 && line <= text.split(separator: "\n", omittingEmptySubsequences: false).count + 1) }
            }
        }
    }

    @Test func corpus() throws {
        let dir = Self.fixtures.appendingPathComponent("agenda-corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!files.isEmpty)
        for name in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            if let text = String(data: data, encoding: .utf8) { Self.check(text) }
        }
    }

    @Test func mutations() {
        var rng = SeededRandom(seed: 0x6A7E1)
        for _ in 0..<Self.iterations {
            var bytes = Array((Self.seeds.randomElement(using: &rng) ?? "").utf8)
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: Array((Self.tokens.randomElement(using: &rng) ?? "").utf8), at: at)
                case 3: bytes = Array(bytes[..<at])
                default:
                    let len = min(bytes.count - at, Int.random(in: 1...40, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<(at + len)], at: Int.random(in: 0...bytes.count, using: &rng))
                }
            }
            // Invalid UTF-8 is refused before parsing (AgendaParser.load); here only valid text goes on.
            if let text = String(validating: bytes, as: UTF8.self) {
                if let trace = ProcessInfo.processInfo.environment["GAVEL_FUZZ_TRACE"] {
                    // The input about to be parsed, so a crash leaves it behind for the corpus.
                    try? Data(text.utf8).write(to: URL(fileURLWithPath: trace))
                }
                Self.check(text)
            }
        }
    }
}
