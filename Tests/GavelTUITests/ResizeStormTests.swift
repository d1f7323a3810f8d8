import GavelTestSupport
import Foundation
import GavelCore
import Testing
@testable import GavelTUI

/// Hundreds of random terminal sizes, down to 1x1 and back to 80x24, on every view and overlay,
/// through the app's own resize path and the test terminal: no crash, every frame the terminal's
/// size and well formed, and the last frame the same as a fresh render at 80x24.
@Suite struct ResizeStormTests {
    static let overlays: [UIState.Overlay?] = [nil, .help(page: 0), .help(page: 1), .confirmQuit, .confirmEndSlot, .slotPicker(index: 2),
                                               .topicPicker(noteID: "x", index: 9)]

    static func sizes(_ rng: inout SeededRandom, count: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = [(1, 1), (1, 24), (80, 1), (2, 2), (55, 15), (56, 16), (23, 8), (24, 9), (29, 5), (30, 6)]
        for _ in 0..<count {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out.append((Int.random(in: 1...8, using: &rng), Int.random(in: 1...8, using: &rng)))
            case 1: out.append((Int.random(in: 1...400, using: &rng), Int.random(in: 1...120, using: &rng)))
            default: out.append((Int.random(in: 20...100, using: &rng), Int.random(in: 5...30, using: &rng)))
            }
        }
        return out + [(80, 24)]
    }

    @Test(arguments: ViewKind.allCases)
    func storm(view: ViewKind) throws {
        var rng = SeededRandom(seed: 0x5123 &+ UInt64(view.rawValue.count))
        let clock = ManualClock(Hardening.start)
        var agenda = try Hardening.exampleAgenda()
        // A wide title, so clipping splits two-column characters at every width.
        agenda.slots[0].title = "会議 Virtualization 会議 \u{1b}[2J 🎤"
        for overlay in Self.overlays {
            let model = try Hardening.model(agenda, view: view, clock: clock)
            model.state.overlay = overlay
            if view != .speaker { model.state.noteFocus = true; model.type("a note being typed 会議 " + String(repeating: "x", count: 200)) }
            let terminal = TestTerminal(width: 80, height: 24)
            let app = App(model: model, terminal: terminal)
            func render(_ input: [InputEvent] = []) {
                let turn = app.turn(input: input, now: clock.now(), uptime: clock.uptime(), readLog: false).0
                terminal.present(turn.buffer, theme: model.theme)
            }
            render()
            for (w, h) in Self.sizes(&rng, count: 300) {
                terminal.width = w
                terminal.height = h
                // Time moves during the storm too: phases change while the size does.
                if Int.random(in: 0..<10, using: &rng) == 0 { clock.advance(Double(Int.random(in: 1...400, using: &rng))) }
                render([.resize])
                guard let frame = terminal.lastFrame else { Issue.record("no frame"); return }
                #expect(frame.width == w && frame.height == h, "frame \(frame.width)x\(frame.height) for \(w)x\(h)")
                #expect(Hardening.wellFormed(frame), "malformed frame at \(w)x\(h) in \(view) with \(String(describing: overlay))")
                #expect(Hardening.forbiddenCells(frame).isEmpty)
            }
            let fresh = model.render(at: clock.now(), width: 80, height: 24)
            #expect(terminal.lastFrame == fresh, "after the storm, \(view) with \(String(describing: overlay)) differs from a fresh render:\n\(terminal.lastFrame?.text ?? "none")\n---\n\(fresh.text)")
            #expect(fresh.text.contains("too small") == false)
        }
    }
}
