import Foundation
import GavelTestSupport
import GavelCore
@testable import GavelTUI

/// Shared by the fuzz, resize and hostile-text suites of the terminal front.
enum Hardening {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = folder.appendingPathComponent("Corpus")

    /// `GAVEL_FUZZ_ITERATIONS` (2,000 by default; bench/fuzz runs 100,000).
    static var iterations: Int {
        ProcessInfo.processInfo.environment["GAVEL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
    }

    /// Keeps the input about to be tried in `GAVEL_FUZZ_TRACE.NAME` (one file a suite, as suites
    /// run in parallel), so a crash leaves it behind.
    static func trace(_ text: String, name: String) {
        if let path = ProcessInfo.processInfo.environment["GAVEL_FUZZ_TRACE"] {
            try? Data(text.utf8).write(to: URL(fileURLWithPath: path + "." + name))
        }
    }

    static let utc = TimeZone(identifier: "UTC") ?? .current
    /// 2012-08-29 13:30 UTC: the example's first slot.
    static let start = Date(timeIntervalSince1970: 1_346_247_000)

    static func exampleAgenda() throws -> Agenda {
        try AgendaParser.parse(BundledExample.source, file: "example.toml", defaultTimeZone: utc).agenda
    }

    /// A model on a memory log and a manual clock, with the first topic running and a few notes.
    static func model(_ agenda: Agenda, view: ViewKind, clock: ManualClock, notes: [String] = ["first note", "action: @bob send the patch"]) throws -> AppModel {
        let live = try LiveSession(agenda: agenda, log: MemoryLog(), clock: clock, author: "chair", role: .chair)
        let model = AppModel(live: live, view: view, theme: Theme.mono, themeNames: BuiltinThemes.names,
                             loadTheme: { name in BuiltinThemes.source(name).flatMap { try? Theme.parse($0, name: name, file: name) } },
                             effects: CollectingSink())
        if let slot = agenda.slots.first { try live.perform(.openSlot(slot.id)) }
        try live.perform(.toggle)
        clock.advance(90)
        if let s = live.snapshot(), let topic = s.currentTopic {
            for text in notes { try live.addNote(text, slot: s.slot.id, topic: topic.topic.id) }
        }
        return model
    }

    /// Characters that must never reach the terminal raw: C0, DEL, C1, bidi embeddings/overrides/isolates,
    /// line and paragraph separators.
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
    }

    /// Cells holding a forbidden character, as `x,y: U+XXXX` for the failure message.
    static func forbiddenCells(_ buffer: Buffer) -> [String] {
        var out: [String] = []
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                for s in buffer[x, y].character.unicodeScalars where isForbidden(s) {
                    out.append("\(x),\(y): U+\(String(s.value, radix: 16, uppercase: true))")
                }
            }
        }
        return out
    }

    /// A frame whose cells are consistent: a two-column character is followed by its continuation,
    /// and every continuation follows one.
    static func wellFormed(_ buffer: Buffer) -> Bool {
        guard buffer.cells.count == buffer.width * buffer.height else { return false }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.width == 2 && (x + 1 >= buffer.width || !buffer[x + 1, y].isContinuation) { return false }
                if cell.isContinuation && (x == 0 || buffer[x - 1, y].width != 2) { return false }
            }
        }
        if let c = buffer.cursor, !buffer.contains(x: c.x, y: c.y) { return false }
        return true
    }
}
