import Foundation
import GavelTestSupport
import GavelCore
import Testing
@testable import GavelTUI

/// The notes a frame shows are kept between frames (bench/keystroke.py: 10,000 notes), and are
/// never stale: every applied event, and a change of topic, reads them again.
@Suite struct NotesMemoTests {
    @Test func aFrameShowsEveryChangeToTheTopicsNotes() throws {
        let f = try Fixture(view: .notes)
        let slot = "x86", topic = "amd-interrupt-virt"
        var ids: [String] = []
        for i in 0..<3 { ids.append(try f.live.addNote("note \(i)", slot: slot, topic: topic).id) }
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.map(\.text) == ["note 0", "note 1", "note 2"])
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.count == 3)

        try f.live.addNote("note 3", slot: slot, topic: topic)
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.count == 4)
        try f.live.record(.noteDeleted(id: ids[1]))
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.map(\.text) == ["note 0", "note 2", "note 3"])
        try f.live.record(.noteEdited(id: ids[0], text: "note zero", undo: false))
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.first?.text == "note zero")

        try f.live.perform(.next)
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.isEmpty)
        try f.live.perform(.previous)
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.count == 3)
    }

    @Test func notesAddedByAnotherProcessShowAfterSync() throws {
        let f = try Fixture(view: .notes)
        let log = f.log
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.isEmpty)
        log.append(SessionEvent(at: Fixture.start, .noteAdded(id: "other", slot: "x86", topic: "amd-interrupt-virt",
                                                                  text: "from elsewhere", by: "someone")))
        try f.live.sync()
        #expect(f.model.makeFrame(f.model.snapshot(at: f.clock.now()), at: f.clock.now(), width: 80, height: 24).notes.map(\.text) == ["from elsewhere"])
    }
}
