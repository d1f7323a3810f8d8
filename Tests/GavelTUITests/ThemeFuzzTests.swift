import GavelTestSupport
import Foundation
import GavelCore
import Testing
@testable import GavelTUI

/// Mutations of the built-in themes fed to the theme parser: no crash, every refusal a
/// `FILE:LINE: message`. Inputs that once broke something live in Corpus/themes and run every time.
@Suite struct ThemeFuzzTests {
    static let tokens = ["text = ", "background = ", "accent = ", "\"#ff8800\"", "\"#ff88\"", "\"#zzzzzz\"", "\"bright-\"",
                         "\"brightbright-red\"", "flash = ", "bell = yes", "bold = 1", "[table]", "[[arr]]", "\"", "'", "'''",
                         "=", "\n", "#", "\\u0000", "\u{1b}]2;pwned\u{07}", "\u{1b}[2J", "\u{202e}", "\0", "é", "会議",
                         "{ a = 1 }", "[1, \"x\"]", "99999999999999999999", "-inf", "nan", "1979-05-27T07:32:00Z"]

    /// One input: no crash; accepted means every role has a colour; refused means the file is named.
    static func check(_ text: String, file: String) {
        do {
            let theme = try Theme.parse(text, name: "fuzz", file: file)
            #expect(theme.colors.count == ColorRole.allCases.count)
        } catch {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
            #expect(!error.diagnostics.isEmpty)
            for d in error.diagnostics {
                #expect(d.file == file && d.description.hasPrefix(file + ":") && !d.message.isEmpty, "\(d.description)")
                if let line = d.line { #expect(line >= 1 && line <= lines, "\(d.description)") }
            }
        }
    }

    @Test func corpus() throws {
        let dir = Hardening.corpus.appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!files.isEmpty)
        for name in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            if let text = String(data: data, encoding: .utf8) {
                Self.check(text, file: name)
            } else {
                // Not UTF-8: the catalog refuses the file by name, without a crash.
                let home = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-theme-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: home) }
                try data.write(to: home.appendingPathComponent("bad.toml"))
                let catalog = ThemeCatalog(userDirectory: home.path)
                #expect(throws: FileError.self) { try catalog.load("bad") }
                do { _ = try catalog.load("bad") } catch {
                    #expect(error.description.hasPrefix(home.appendingPathComponent("bad.toml").path + ":"))
                }
            }
        }
    }

    @Test func mutations() {
        var rng = SeededRandom(seed: 0x7E3E)
        let seeds = BuiltinThemes.names.compactMap { BuiltinThemes.source($0) }.map { Array($0.utf8) }
        for _ in 0..<Hardening.iterations {
            var bytes = seeds.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...12, using: &rng)))
                case 2: bytes.insert(contentsOf: Array((Self.tokens.randomElement(using: &rng) ?? "").utf8), at: at)
                case 3: bytes = Array(bytes[..<at])
                default:
                    let len = min(bytes.count - at, Int.random(in: 1...40, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<(at + len)], at: Int.random(in: 0...bytes.count, using: &rng))
                }
            }
            // Invalid UTF-8 is refused by ThemeCatalog.load before parsing (the corpus checks it).
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            Hardening.trace(text, name: "theme")
            Self.check(text, file: "fuzz.toml")
        }
    }
}
