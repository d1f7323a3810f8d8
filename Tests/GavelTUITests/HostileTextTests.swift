import GavelTestSupport
import Foundation
import GavelCore
import Testing
@testable import GavelTUI

/// Agenda titles, speaker names and notes carrying terminal escapes, bidi overrides, NULs and
/// 10,000-character lines: drawn into the cell buffer, nothing raw ever reaches a cell; they are
/// shown escaped instead, at any size, in every view and overlay.
@Suite struct HostileTextTests {
    static let hostile = [
        "\u{1b}]2;pwned\u{07}",
        "\u{1b}[2J\u{1b}[H",
        "evil \u{202e}gnp.exe",
        "nul\0byte",
        "isolate \u{2066}x\u{2069} embed \u{202a}y\u{202c}",
        "c1 \u{9b}31m csi \u{85} nel",
        "line\u{2028}sep\u{2029}para\r\nbreak\tab",
        "e\u{301}\u{1b}combining after escape",
        String(repeating: "long ", count: 2000),
        String(repeating: "会", count: 10_000),
    ]

    static func agenda() -> Agenda {
        let topics = hostile.enumerated().map { i, text in
            Topic(id: "t\(i)", title: text, speakers: [text, "Ann \u{1b}[31mRed"], length: 300, note: text)
        }
        return Agenda(title: hostile[0], event: hostile[1], room: hostile[2], timeZone: Hardening.utc, slots: [
            Slot(id: "a", title: hostile[0] + hostile[1], start: Hardening.start, length: 3600, room: hostile[3], topics: Array(topics.prefix(5))),
            Slot(id: "b", title: hostile[8], start: Hardening.start + 3600, length: 3600, topics: Array(topics.dropFirst(5))),
        ])
    }

    static let overlays: [UIState.Overlay?] = [nil, .help(page: 0), .help(page: 1), .confirmEndSlot, .slotPicker(index: 1), .topicPicker(noteID: "x", index: 3)]

    @Test(arguments: ViewKind.allCases)
    func nothingRawReachesACell(view: ViewKind) throws {
        let clock = ManualClock(Hardening.start)
        for slot in ["a", "b"] {
            let model = try Hardening.model(Self.agenda(), view: view, clock: clock, notes: Self.hostile)
            if slot == "b" { try model.live.perform(.openSlot("b")); try model.live.perform(.toggle) }
            if view != .speaker {
                // Typed key by key (the short ones), then a 10,000-character line put in whole.
                model.state.noteFocus = true
                model.type(Self.hostile.prefix(8).joined())
                model.state.editor.set(model.state.editor.text + Self.hostile[9])
            }
            for overlay in Self.overlays {
                model.state.overlay = overlay
                for (w, h) in [(80, 24), (200, 60), (56, 16), (24, 9), (300, 10)] {
                    let buffer = Screen.render(model.frame(width: w, height: h))
                    let bad = Hardening.forbiddenCells(buffer)
                    #expect(bad.isEmpty, "\(view) slot \(slot) \(String(describing: overlay)) \(w)x\(h): \(bad.prefix(5))")
                    #expect(Hardening.wellFormed(buffer))
                }
            }
        }
    }

    /// The escapes are shown, not dropped: a reader can see someone typed them.
    @Test func escapesAreShownVisibly() throws {
        let clock = ManualClock(Hardening.start)
        let model = try Hardening.model(Self.agenda(), view: .chair, clock: clock, notes: ["\u{1b}]2;pwned\u{07} note"])
        let text = Screen.render(model.frame(width: 200, height: 60)).text
        #expect(text.contains("^[]2;pwned^G"))
        #expect(text.contains("\\u{202e}") || text.contains("^[[2J"))
        let notes = try Hardening.model(Self.agenda(), view: .notes, clock: clock, notes: ["\u{1b}]2;pwned\u{07} note"])
        #expect(Screen.render(notes.frame(width: 120, height: 30)).text.contains("^[]2;pwned^G note"))
    }

    /// The buffer's own writer escapes even when a view forgets to.
    @Test func bufferWriteEscapesEverything() {
        var rng = SeededRandom(seed: 0xB1D1)
        for _ in 0..<Hardening.iterations {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                let v = Bool.random(using: &rng) ? UInt32.random(in: 0...0xFF, using: &rng) : UInt32.random(in: 0...0x2FFFF, using: &rng)
                if let s = Unicode.Scalar(v) { scalars.append(s) }
            }
            let text = String(scalars)
            Hardening.trace(text, name: "buffer")
            var buffer = Buffer(width: Int.random(in: 1...30, using: &rng), height: 2)
            buffer.write(text, x: Int.random(in: -3...10, using: &rng), y: 0)
            buffer.write(text, x: 0, y: 1, limit: Int.random(in: -1...10, using: &rng))
            #expect(Hardening.forbiddenCells(buffer).isEmpty, "\(text.debugDescription)")
            #expect(Hardening.wellFormed(buffer), "\(text.debugDescription)")
        }
    }
}
