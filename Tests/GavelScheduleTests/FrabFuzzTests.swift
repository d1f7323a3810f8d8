import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

/// Mutations of frab schedule XML fed to the reader and the importer: no crash, every refusal a
/// `FILE:LINE: message`. Inputs that once broke something live in Fixtures/fuzz-corpus.
@Suite struct FrabFuzzTests {
    static let tokens = ["<event>", "</event>", "<day index=\"1\" date=\"2024-02-03\">", "</day>", "<room name=\"R\">",
                         "</room>", "<duration>", "</duration>", "00:00", "99:99", "-1:30", "&amp;", "&#0;", "&#xD800;",
                         "&nosuch;", "<![CDATA[", "]]>", "<!--", "-->", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;",
                         "<date>", "2024-02-03T25:61:00+99:00", "<start>", "<title>", "</title>", "<person id=\"1\">",
                         "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "\"", "<", ">", "/>", "=", "9999-12-31T23:59:59Z"]

    static func seeds() throws -> [[UInt8]] {
        try ["frab-two-days.xml", "frab-bad-duration.xml", "frab-bad-entity.xml", "frab-mismatched-tag.xml"].map {
            Array(try Data(contentsOf: Fixtures.folder.appendingPathComponent($0)))
        }
    }

    @Test func corpus() throws {
        let files = try FuzzMutator.corpus("fuzz-corpus").filter { $0.name.hasSuffix(".xml") }
        #expect(!files.isEmpty)
        for (name, bytes) in files { ScheduleFuzzCheck.read(bytes, file: name) }
    }

    @Test func mutations() throws {
        var fuzz = FuzzMutator(name: "frab", seed: 0xF4AB, seeds: try Self.seeds(), tokens: Self.tokens)
        var accepted = 0
        for _ in 0..<FuzzMutator.iterations where ScheduleFuzzCheck.read(fuzz.next(), file: "fuzz.xml") { accepted += 1 }
        // Both paths were tried: some inputs survive mutation, most do not.
        #expect(accepted > 0 && accepted < FuzzMutator.iterations, "accepted \(accepted)")
    }

    /// Depth and size extremes (issue 13): 28,000 nested elements inside an event and around it,
    /// a 400 KB title, 5,000 events; every one read or refused with its line, never a crash.
    @Test func extremes() throws {
        let depth = 28_000
        let event = "<event guid=\"g\" id=\"1\"><date>2024-02-03T10:00:00+01:00</date><duration>00:25</duration><title>T</title>"
        let day = "<day index=\"1\" date=\"2024-02-03\"><room name=\"R\">"
        let inputs: [(String, String)] = [
            ("deep-outside.xml", String(repeating: "<schedule>", count: depth) + String(repeating: "</schedule>", count: depth)),
            ("deep-inside.xml", "<schedule>" + day + event + String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth) + "</event></room></day></schedule>"),
            ("deep-unclosed.xml", "<schedule>" + String(repeating: "<x a=\"1\">", count: depth)),
            ("long-title.xml", "<schedule>" + day + event.replacingOccurrences(of: "<title>T</title>", with: "<title>" + String(repeating: "é", count: 200_000) + "</title>") + "</event></room></day></schedule>"),
            ("many-events.xml", "<schedule>" + day + String(repeating: event + "</event>", count: 5_000) + "</room></day></schedule>"),
        ]
        for (name, text) in inputs { ScheduleFuzzCheck.read(Array(text.utf8), file: name) }
    }
}
