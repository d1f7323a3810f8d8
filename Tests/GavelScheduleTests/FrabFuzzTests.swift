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
}
