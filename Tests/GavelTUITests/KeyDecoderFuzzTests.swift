import GavelTestSupport
import Foundation
import GavelCore
import Testing
@testable import GavelTUI

/// The Swift side of key decoding (ncurses decodes escape sequences; we map its codes to keys and
/// join combining marks), then random key sequences through the app model and its line editor:
/// no crash, the caret inside the text, and nothing raw from the keys on the screen.
@Suite struct KeyDecoderFuzzTests {
    /// A character code as `get_wch` may hand it over: ASCII, controls, C1, surrogates, out of range.
    static func code(_ rng: inout SeededRandom) -> UInt32 {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: UInt32.random(in: 0...0x7F, using: &rng)
        case 1: UInt32.random(in: 0x80...0x9F, using: &rng)
        case 2: UInt32.random(in: 0xD800...0xDFFF, using: &rng)
        case 3: UInt32.random(in: 0x110000...UInt32.max, using: &rng)
        case 4: [0x300, 0x301, 0x20E3, 0xFE0F, 0x200D, 0x202E, 0x2066, 0x1F600, 0x4F1A, 0x1B, 0x0][Int.random(in: 0..<11, using: &rng)]
        default: UInt32.random(in: 0...0x10FFFF, using: &rng)
        }
    }

    @Test func characterCodes() {
        var rng = SeededRandom(seed: 0xC0DE)
        for _ in 0..<(Hardening.iterations * 10) {
            let c = Self.code(&rng)
            switch Key.fromCode(c) {
            case .char(let ch)?:
                #expect(ch.unicodeScalars.count == 1 && ch.unicodeScalars.first?.value == c)
                #expect(!(0..<0x20).contains(c) && c != 0x7F)
            case .ctrl(let ch)?:
                #expect(ch.isASCII)
            case nil:
                #expect(Unicode.Scalar(c) == nil || (28...31).contains(c))
            default:
                break
            }
        }
        // Every code ncurses may return with KEY_CODE_YES, and many it never does.
        for code in Int32(0)...Int32(0x2000) { _ = CursesTerminal.functionKey(code) }
        for _ in 0..<Hardening.iterations { _ = CursesTerminal.functionKey(Int32.random(in: .min ... .max, using: &rng)) }
    }

    /// Code sequences that once broke decoding (Corpus/keys: hex codes as get_wch returns them, `#`
    /// comments), decoded, joined, typed into the note line and drawn.
    @Test func corpus() throws {
        let dir = Hardening.corpus.appendingPathComponent("keys")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!files.isEmpty)
        let model = try Hardening.model(try Hardening.exampleAgenda(), view: .notes, clock: ManualClock(Hardening.start))
        for name in files {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let codes = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
                .flatMap { $0.split(separator: " ") }.compactMap { UInt32($0, radix: 16) }
            #expect(!codes.isEmpty, "\(name) holds no codes")
            let events = CursesTerminal.joiningMarks(codes.compactMap { Key.fromCode($0).map { InputEvent.key($0) } })
            for event in events { _ = model.handle(event) }
            var buffer = Buffer(width: 20, height: 1)
            buffer.write(String(String.UnicodeScalarView(codes.compactMap(Unicode.Scalar.init))), x: 0, y: 0)
            #expect(Hardening.forbiddenCells(buffer).isEmpty && Hardening.wellFormed(buffer), "\(name)")
            let frame = Screen.render(model.frame(width: 80, height: 24))
            #expect(Hardening.forbiddenCells(frame).isEmpty && Hardening.wellFormed(frame), "\(name)")
        }
    }

    @Test func joiningMarksKeepsEveryScalar() {
        var rng = SeededRandom(seed: 0x301)
        for _ in 0..<Hardening.iterations {
            let events: [InputEvent] = (0..<Int.random(in: 0...12, using: &rng)).compactMap { _ in
                if Int.random(in: 0..<8, using: &rng) == 0 { return .resize }
                return Key.fromCode(Self.code(&rng)).map { .key($0) }
            }
            let joined = CursesTerminal.joiningMarks(events)
            #expect(joined.count <= events.count)
            func scalars(_ list: [InputEvent]) -> [UInt32] {
                list.flatMap { e -> [UInt32] in
                    if case .key(.char(let c)) = e { return c.unicodeScalars.map(\.value) }
                    return []
                }
            }
            #expect(scalars(joined) == scalars(events))
        }
    }

    static let specials: [Key] = [.enter, .tab, .backTab, .escape, .backspace, .delete, .up, .down, .left, .right, .home, .end,
                                  .pageUp, .pageDown, .function(1), .function(12), .ctrl("w"), .ctrl("u"), .ctrl("a"),
                                  .ctrl("e"), .ctrl("z"), .ctrl(" "), .char(" "), .char("n"), .char("p"), .char("s"),
                                  .char("e"), .char("v"), .char("t"), .char("?"), .char("q"), .char("y"), .char("i"),
                                  .char("d"), .char("m"), .char("+"), .char("-")]

    /// Random keys (commands, editing keys, any character) through every view.
    @Test func keySequencesThroughTheModel() throws {
        var rng = SeededRandom(seed: 0x4E75)
        let agenda = try Hardening.exampleAgenda()
        let clock = ManualClock(Hardening.start)
        // Rebuilding a model per sequence costs more than the keys; keep a few and let them run on.
        var models = try ViewKind.allCases.map { try Hardening.model(agenda, view: $0, clock: clock) }
        for i in 0..<(Hardening.iterations / 4) {
            var m = i % models.count
            if i % 200 == 199 { models[m] = try Hardening.model(agenda, view: models[m].state.view, clock: clock) }
            let model = models[m]
            var keys: [Key] = []
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                if Bool.random(using: &rng), let special = Self.specials.randomElement(using: &rng) {
                    keys.append(special)
                } else if let key = Key.fromCode(Self.code(&rng)) {
                    keys.append(key)
                }
            }
            Hardening.trace(keys.map(\.description).joined(separator: " "), name: "keys")
            for key in keys {
                _ = model.handle(.key(key))
                let editor = model.state.editor
                #expect(editor.caret >= 0 && editor.caret <= editor.characters.count)
            }
            clock.advance(Double(Int.random(in: 0...120, using: &rng)))
            model.tick()
            let width = Int.random(in: 1...140, using: &rng), height = Int.random(in: 1...50, using: &rng)
            let editor = model.state.editor
            var scroll = 0
            let shown = editor.view(width: width, scroll: &scroll)
            // The shown text fits its window (NoteLineWidthTests has the cases that once did not).
            #expect(TextWidth.of(shown.text) <= max(0, width), "\(shown.text.debugDescription) in \(width) columns")
            #expect(shown.caret >= 0 && shown.caret <= max(0, width))
            let buffer = Screen.render(model.frame(width: width, height: height))
            let bad = Hardening.forbiddenCells(buffer)
            #expect(bad.isEmpty, "raw control characters on screen at \(bad.prefix(5)) after keys \(keys)")
            #expect(Hardening.wellFormed(buffer))
            m = (m + 1) % models.count
        }
    }
}
