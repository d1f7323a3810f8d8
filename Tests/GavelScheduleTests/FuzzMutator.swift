import GavelTestSupport
import Foundation
import GavelCore

/// Seeded byte mutations of real files, shared by the schedule fuzz suites. `GAVEL_FUZZ_ITERATIONS`
/// sets how many inputs each suite tries (2,000 by default, 100,000 in bench/fuzz);
/// `GAVEL_FUZZ_TRACE` names a file that holds the input about to be parsed, so a crash leaves it
/// behind for the corpus (one file per suite, `TRACE.NAME`, as the suites run in parallel).
struct FuzzMutator {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["GAVEL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
    }

    var rng: SeededRandom
    let name: String
    let seeds: [[UInt8]]
    let tokens: [[UInt8]]

    init(name: String, seed: UInt64, seeds: [[UInt8]], tokens: [String]) {
        self.name = name
        rng = SeededRandom(seed: seed)
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.tokens = (tokens + ["\u{1b}]2;pwned\u{07}", "\u{1b}[2J", "\u{202e}", "\0", "\r\n", "\n", "é", "会議", "\u{FEFF}"])
            .map { Array($0.utf8) }
    }

    /// One input: a seed with one to eight byte flips, deletions, token insertions, cuts or copies.
    mutating func next() -> [UInt8] {
        var bytes = seeds.randomElement(using: &rng) ?? []
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
            case 2: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: at)
            case 3: bytes = Array(bytes[..<at])
            case 4:
                let len = min(bytes.count - at, Int.random(in: 1...80, using: &rng))
                bytes.insert(contentsOf: bytes[at..<(at + len)], at: Int.random(in: 0...bytes.count, using: &rng))
            default:
                // A long run of one byte: 10,000-character lines, deep nesting.
                let len = Int.random(in: 1...10_000, using: &rng)
                bytes.insert(contentsOf: repeatElement(bytes[at], count: len), at: at)
            }
        }
        Self.trace(bytes, name: name)
        return bytes
    }

    static func trace(_ bytes: [UInt8], name: String) {
        if let path = ProcessInfo.processInfo.environment["GAVEL_FUZZ_TRACE"] {
            try? Data(bytes).write(to: URL(fileURLWithPath: path + "." + name))
        }
    }

    /// Every diagnostic names `file` (and a line inside the input when it has one), with a message.
    static func checkNames(_ diagnostics: [Diagnostic], file: String, input: [UInt8]) -> Bool {
        // Lines end at LF, CRLF or a lone CR, as the readers count them.
        var lines = 2
        for (i, b) in input.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == input.count || input[i + 1] != 0x0A)) { lines += 1 }
        return !diagnostics.isEmpty && diagnostics.allSatisfy { d in
            d.file == file && !d.message.isEmpty && d.description.hasPrefix(file + ":")
                && (d.line.map { $0 >= 1 && $0 <= lines } ?? true)
        }
    }

    /// Files of a corpus folder under Fixtures, in name order.
    static func corpus(_ folder: String) throws -> [(name: String, bytes: [UInt8])] {
        let dir = Fixtures.folder.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { name in
            (name, Array(try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }
}
