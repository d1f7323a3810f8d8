import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

/// The loop sleeps from one turn until the instant the turn named: over random agendas and
/// random histories, nothing on screen changes before then and nothing falls due before then.
/// (The first landing's loop read the clock twice per turn and slept through a slot's end.)
@Suite struct WakePlanPropertyTests {
    static let base = Date(timeIntervalSince1970: 1_346_259_600)

    static func randomAgenda(_ rng: inout SeededRandom) throws -> Agenda {
        var slots: [Slot] = []
        var start = base.addingTimeInterval(Double(Int.random(in: -1800...1800, using: &rng)))
        for s in 0..<Int.random(in: 1...4, using: &rng) {
            var topics: [Topic] = []
            for t in 0..<Int.random(in: 1...4, using: &rng) {
                let length = [30, 45, 90, 125, 300, 1200].randomElement(using: &rng) ?? 60
                let until = Int.random(in: 0..<8, using: &rng) == 0
                    ? TimeOfDay(seconds: (Int(start.timeIntervalSince1970) % 86_400 + Int.random(in: 60...3600, using: &rng)) % 86_400) : nil
                topics.append(Topic(id: "t\(s)-\(t)", title: "Topic \(s).\(t)", length: length,
                                    kind: Bool.random(using: &rng) ? .talk : .lightning,
                                    atZero: [nil, .stop, .next, .overtime].randomElement(using: &rng) ?? nil, until: until))
            }
            let length = max(60, topics.reduce(0) { $0 + $1.length } + Int.random(in: -120...300, using: &rng))
            let scheduled = Bool.random(using: &rng)
            slots.append(Slot(id: "s\(s)", title: "Slot \(s)", start: scheduled ? start : nil, length: length, topics: topics))
            start += Double(length + Int.random(in: 0...600, using: &rng))
        }
        let zone = ["UTC", "America/Los_Angeles", "Asia/Kathmandu"].randomElement(using: &rng) ?? "UTC"
        let warn = [[300, 120], [60, 20], [10], []].randomElement(using: &rng) ?? []
        return Agenda(title: "Random MC", timeZone: try #require(TimeZone(identifier: zone)),
                      defaults: .init(topic: 600, lightning: 120, warn: warn), slots: slots)
    }

    @Test(arguments: 0..<16)
    func nothingChangesOrFallsDueBeforeTheWake(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 17)
        let agenda = try Self.randomAgenda(&rng)
        let clock = ManualClock(Self.base)
        let live = try LiveSession(agenda: agenda, log: MemoryLog(), clock: clock, author: "chair", role: .chair)
        let catalog = ThemeCatalog(userDirectory: nil)
        let model = AppModel(live: live, view: .chair, theme: try catalog.load("default"), themeNames: [],
                             loadTheme: { _ in nil }, effects: CollectingSink())
        let commands: [Session.Command] = [.toggle, .toggle, .next, .previous, .adjust(seconds: 60), .adjust(seconds: -60), .endSlot]
        var lastWake: Date?
        for step in 0..<100 {
            // Half the turns fall exactly where the last one said to wake, as the loop's do.
            if let lastWake, Bool.random(using: &rng), lastWake > clock.now() {
                clock.advance(lastWake.timeIntervalSince(clock.now()))
            } else {
                clock.advance(Double(Int.random(in: 0...2400, using: &rng)) / 8)
            }
            switch Int.random(in: 0..<8, using: &rng) {
            case 0, 1: _ = try live.perform(commands.randomElement(using: &rng) ?? .toggle, at: clock.now(), confirmed: true)
            case 6: _ = try live.perform(.message(["please wrap up", "questions now"].randomElement(using: &rng)), at: clock.now())
            case 7: _ = try live.perform(.rebalance, at: clock.now(), confirmed: true)
            case 2:
                if let slot = agenda.slots.randomElement(using: &rng) { _ = try live.perform(.openSlot(slot.id), at: clock.now()) }
            case 3:
                if let s = live.session.snapshot(at: clock.now()), let topic = s.currentTopic {
                    _ = try live.addNote("note \(step)", slot: s.slot.id, topic: topic.topic.id, at: clock.now())
                }
            default: break
            }
            let view = ViewKind.allCases.randomElement(using: &rng) ?? .chair
            model.state.view = view
            let (w, h) = [(80, 24), (120, 40), (30, 8), (12, 2)].randomElement(using: &rng) ?? (80, 24)
            let now = clock.now()
            let turn = model.step(at: now, uptime: clock.uptime(), width: w, height: h, readLog: true)
            lastWake = turn.wakeAt
            #expect(turn.wakeAt > now, "step \(step): the wake is in the future")
            #expect(live.session.dueEvents(at: now).isEmpty, "step \(step): what fell due by now was recorded this turn")
            let span = turn.wakeAt.timeIntervalSince(now)
            // Instants inside the sleep, the last one a hair before the wake.
            var probes = (0..<4).map { _ in Double.random(in: 0..<1, using: &rng) * span }
            probes.append(max(0, span - 0.000_5))
            for d in probes where d > 0 {
                let t = now.addingTimeInterval(d)
                let frame = model.render(at: t, width: w, height: h)
                #expect(frame == turn.buffer, """
                    step \(step), \(view) at \(w)x\(h): the frame changed \(d) s into a \(span) s sleep
                    at now:
                    \(turn.buffer.text)
                    at +\(d):
                    \(frame.text)
                    """)
                #expect(live.session.dueEvents(at: t).isEmpty, "step \(step): something fell due \(d) s into a \(span) s sleep")
                if frame != turn.buffer { return }
            }
        }
    }

    /// A slot started and left running while the chair looks at another: its end is due while
    /// nothing on screen changes, and the loop wakes for it.
    @Test func aSlotRunningOffScreenIsWokenFor() throws {
        let f = try Fixture()
        f.clock.advance(20.5)   // off the minute, so the wall clock's wake-up does not hide it
        f.press(.char(" "))
        f.clock.advance(60)
        try f.live.perform(.openSlot("mm"))
        let now = f.clock.now()
        let turn = f.model.step(at: now, uptime: f.clock.uptime(), width: 80, height: 24, readLog: true)
        let deadline = try #require(f.live.session.deadline("x86"))
        #expect(turn.snapshot?.slot.id == "mm")
        #expect(turn.wakeAt <= deadline)
        f.clock.advance(deadline.timeIntervalSince(now) - 10)
        let later = f.model.step(at: f.clock.now(), uptime: f.clock.uptime(), width: 80, height: 24, readLog: true)
        #expect(later.wakeAt <= deadline, "woken for x86's end, which no clock on screen shows")
    }
}
