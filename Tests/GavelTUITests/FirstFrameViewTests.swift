import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

/// A view on a long day draws its first frame from part of the log: cell for cell, colours
/// included, the frame a view that read the whole log draws.
@Suite struct FirstFrameViewTests {
    /// A day under way on the example: notes on every topic begun, some edited, moved and deleted
    /// by the author the view opens as, a message to the speaker.
    static func day(_ clock: ManualClock) throws -> MemoryLog {
        let log = MemoryLog()
        let agenda = try Fixture.agenda()
        let chair = try LiveSession(agenda: agenda, log: log, clock: clock, author: "tester", role: .chair)
        var added: [String] = []
        for step in 0..<40 {
            if step % 6 == 0 { _ = try chair.perform(step == 0 ? .toggle : .next, at: clock.now()) }
            clock.advance(37)
            guard let s = chair.session.snapshot(at: clock.now()), let topic = s.currentTopic else { continue }
            // Notes on the topic running, and on the one before it.
            let target = step % 3 == 0 ? s.topics[max(0, s.current - 1)].topic.id : topic.topic.id
            added.append(try chair.addNote("note \(step) on \(target)", slot: s.slot.id, topic: target, at: clock.now()).id)
            if step % 7 == 3 { _ = try chair.editNote(added[added.count / 2], text: "edited at \(step)", base: 0, at: clock.now()) }
            if step % 11 == 5 { _ = try chair.record(.noteDeleted(id: added[step / 3]), at: clock.now()) }
        }
        _ = try chair.perform(.message("2 minutes"), at: clock.now())
        return log
    }

    @Test(arguments: [ViewKind.chair, .notes, .speaker])
    func theFirstFrameIsTheWholeLogsFrame(view: ViewKind) throws {
        let clock = ManualClock(Fixture.start)
        let log = try Self.day(clock)
        let role: Role = view == .speaker ? .speaker : view == .notes ? .notes : .chair
        for later in [0.0, 1, 299, 1000] {
            clock.advance(later)
            let whole = try Fixture(view: view, role: role, log: MemoryLog(storage: log.storage, view: "whole"), clock: clock)
            let partLive = try LiveSession.opening(agenda: try Fixture.agenda(), log: MemoryLog(storage: log.storage, view: "part"),
                                                   clock: clock, author: "tester", role: role, draftNote: nil, at: clock.now())
            #expect(!partLive.loaded)
            #expect(partLive.session.notes.count < whole.live.session.notes.count, "only the topic shown is read")
            let catalog = ThemeCatalog(userDirectory: nil)
            let part = AppModel(live: partLive, view: view, theme: try catalog.load("default"), themeNames: catalog.names(),
                                loadTheme: { try? catalog.load($0) }, effects: CollectingSink())
            let first = try #require(part.firstFrame(at: clock.now(), width: 100, height: 30))
            #expect(first == whole.model.render(at: clock.now(), width: 100, height: 30), "\(view) \(later) s on")
            // The frames show the topic's notes (the speaker's shows none, and the message).
            #expect(first.text.contains("note ") == (view != .speaker), "\(view)")
            part.finishLoading(at: clock.now())
            #expect(partLive.loaded)
            #expect(part.render(at: clock.now(), width: 100, height: 30) == first)
        }
    }
}
