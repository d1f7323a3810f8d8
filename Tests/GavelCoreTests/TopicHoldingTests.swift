import Foundation
import Testing
import GavelCore

/// "Held", "not held" and "not held yet" as the chair's `space`, `n` and `E` make them.
@Suite struct TopicHoldingTests {
    static let agenda = Agenda(title: "MC", timeZone: TimeZone(identifier: "UTC") ?? .current, slots: [
        Slot(id: "s", title: "S", length: 3600, topics: [
            Topic(id: "a", title: "A", length: 600), Topic(id: "b", title: "B", length: 600),
            Topic(id: "c", title: "C", length: 600), Topic(id: "d", title: "D", length: 600),
        ]),
    ])

    static func holdings(_ session: Session, at now: Date) throws -> [TopicHolding?] {
        let snapshot = try #require(session.snapshot(at: now, slot: "s"))
        return snapshot.topics.indices.map { snapshot.holding(ofTopicAt: $0) }
    }

    @Test func skippingWithNBeforeStartingIsNotHeld() throws {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        var session = Session(agenda: Self.agenda)
        #expect(try Self.holdings(session, at: t0) == [.notHeldYet, .notHeldYet, .notHeldYet, .notHeldYet])
        session.apply(SessionEvent(at: t0, .start(slot: "s", topic: "a")))
        #expect(try Self.holdings(session, at: t0 + 1) == [.held, .notHeldYet, .notHeldYet, .notHeldYet])
        // Paused, then `n`: b is current but its clock has not run.
        session.apply(SessionEvent(at: t0 + 300, .pause(slot: "s", topic: "a")))
        session.apply(SessionEvent(at: t0 + 301, .next(slot: "s", topic: "a")))
        #expect(try Self.holdings(session, at: t0 + 302) == [.held, .notHeldYet, .notHeldYet, .notHeldYet])
        // `n` again: b was skipped.
        session.apply(SessionEvent(at: t0 + 310, .next(slot: "s", topic: "b")))
        #expect(try Self.holdings(session, at: t0 + 311) == [.held, .notHeld, .notHeldYet, .notHeldYet])
        session.apply(SessionEvent(at: t0 + 320, .start(slot: "s", topic: "c")))
        // The chair ends the slot: d will never be held.
        session.apply(SessionEvent(at: t0 + 400, .endSlot(slot: "s", cause: .chair)))
        #expect(try Self.holdings(session, at: t0 + 401) == [.held, .notHeld, .held, .notHeld])
        #expect(try #require(session.snapshot(at: t0, slot: "s")).holding(ofTopicAt: 4) == nil)
    }

    @Test func words() {
        #expect(TopicHolding.allCases.map(\.words) == ["held", "not held", "not held yet"])
    }
}
