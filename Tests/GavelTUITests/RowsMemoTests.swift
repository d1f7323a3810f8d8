import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

/// The key legend and the note list put back from the last frame are what drawing them afresh
/// gives, frame after frame, whatever the keys, notes, time and width do.
@Suite struct RowsMemoTests {
    static let keys: [Key] = [.char(" "), .char("n"), .char("p"), .char("+"), .char("-"), .char("e"), .char("y"),
                              .char("s"), .char("?"), .escape, .char("u"), .char("r"), .char("t"), .char("w"), .enter,
                              .char("m"), .char("x"), .down, .up, .tab, .ctrl("d"), .char("a"), .char(":")]
    static let texts = ["a: @ana fixes it", "d: keep it", "q: why?", "plain words", "日本語のノート 🎉 wide", "x",
                        String(repeating: "long words wrap here ", count: 12)]

    @Test(arguments: [ViewKind.chair, .notes, .speaker])
    func keptRowsAreTheRowsDrawnAfresh(view: ViewKind) throws {
        let f = try Fixture(view: view)
        var rng = SeededRandom(seed: 5)
        var width = 100
        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5: f.press(Self.keys.randomElement(using: &rng)!)
            case 5..<8: f.clock.advance(Double(Int.random(in: 1...400, using: &rng)))
            case 8: width = [40, 60, 80, 100, 140].randomElement(using: &rng)!
            default:
                let shown = f.model.frame(width: width, height: 30).notes
                if let s = f.live.snapshot(), let topic = s.currentTopic, Bool.random(using: &rng) {
                    try f.live.addNote(Self.texts.randomElement(using: &rng)!, slot: s.slot.id, topic: topic.topic.id)
                } else if let note = shown.randomElement(using: &rng), Bool.random(using: &rng) {
                    // A note changed in place: the count stays, its text does not.
                    try f.live.record(.noteEdited(id: note.id, text: Self.texts.randomElement(using: &rng)!, undo: false, base: nil))
                } else {
                    try f.live.tick()
                }
            }
            let kept = f.model.render(width: width, height: 30)
            var fresh = f.model.viewState
            fresh.legend = nil
            fresh.noteList = nil
            let drawn = Screen.render(f.model.frame(width: width, height: 30), state: &fresh)
            #expect(kept == drawn, "step \(step)")
            if kept != drawn { return }
        }
        // The rows were kept, not only drawn (the speaker's view has neither).
        #expect((f.model.viewState.legend != nil) == (view != .speaker))
        #expect((f.model.viewState.noteList != nil) == (view != .speaker))
    }

    /// A selected note far back in a long topic, changed in place: the rows drawn around it
    /// must change with it, though the newest notes and their count stay the same.
    @Test func aSelectedNoteFarBackIsDrawnAsItIsNow() throws {
        let f = try Fixture(view: .notes)
        f.press(.char(" "))
        try f.live.perform(.toggle, confirmed: true)
        let s = try #require(f.live.snapshot())
        let topic = try #require(s.currentTopic).topic.id
        var ids: [String] = []
        for i in 0..<40 { ids.append(try f.live.addNote("note \(i)", slot: s.slot.id, topic: topic).id) }
        for _ in 0..<39 { f.press(.up) }
        _ = f.model.render(width: 80, height: 30)
        let selected = try #require(f.model.state.selectedNote)
        #expect(ids.prefix(3).contains(selected), "selected \(selected)")
        try f.live.record(.noteEdited(id: selected, text: "changed far back", undo: false, base: nil))
        let kept = f.model.render(width: 80, height: 30)
        var fresh = f.model.viewState
        fresh.noteList = nil
        fresh.legend = nil
        #expect(kept == Screen.render(f.model.frame(width: 80, height: 30), state: &fresh))
    }
}
