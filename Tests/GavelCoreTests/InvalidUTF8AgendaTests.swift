import Foundation
import Testing
@testable import GavelCore

/// An agenda file that is not UTF-8 (Latin-1 titles, a truncated multi-byte character, a stray
/// continuation byte, an overlong encoding, a UTF-16 file) is refused by name, never half-read.
@Suite struct InvalidUTF8AgendaTests {
    static let cases: [(String, [UInt8])] = [
        ("latin1", Array("title = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)),
        ("truncated", Array("title = \"x".utf8) + [0xE4, 0xBC] + Array("\"\n".utf8)),
        ("continuation", [0x80] + Array("title = \"x\"\n".utf8)),
        ("overlong-slash", Array("title = \"".utf8) + [0xC0, 0xAF] + Array("\"\n".utf8)),
        ("surrogate", Array("title = \"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8)),
        ("utf16", [0xFF, 0xFE] + Array("title".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
    ]

    @Test(arguments: cases.map(\.0))
    func refusedByName(name: String) throws {
        let bytes = try #require(Self.cases.first { $0.0 == name }?.1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-utf8-\(UUID().uuidString).toml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try AgendaParser.load(path: path)
            Issue.record("\(name): a file that is not UTF-8 was read")
        } catch {
            #expect(error.description.hasPrefix(path + ":"), "\(error.description)")
            #expect(error.description.contains("UTF-8"), "\(error.description)")
        }
    }
}
