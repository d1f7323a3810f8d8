import GavelTestSupport
import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

@Suite struct PlannerPropertyTests {
    static func randomSubmissions(_ rng: inout SeededRandom) -> Submissions {
        let zone = Fixtures.zone("America/Los_Angeles")
        let slotLength = Int.random(in: 4...24, using: &rng) * 5 * 60
        let minTopic = Int.random(in: 1...min(6, slotLength / 300), using: &rng) * 5 * 60
        let lightning = Int.random(in: 1...3, using: &rng) * 2 * 60
        let slotCount = Int.random(in: 1...8, using: &rng)
        var starts: [Date?] = []
        let timed = Bool.random(using: &rng)
        var at = Fixtures.date("2012-08-29T09:00", "America/Los_Angeles")
        for _ in 0..<slotCount {
            starts.append(timed ? at : nil)
            at = at.addingTimeInterval(TimeInterval(slotLength + Int.random(in: 0...8, using: &rng) * 5 * 60))
        }
        let categories = (0..<Int.random(in: 1...6, using: &rng)).map { "cat\($0)" }
        let people = (0..<8).map { "Person \($0)" }
        var entries: [Submission] = []
        for i in 0..<Int.random(in: 0...28, using: &rng) {
            let kind: TopicKind = Int.random(in: 0..<5, using: &rng) == 0 ? .lightning : .talk
            let speakers = (0..<Int.random(in: 0...2, using: &rng)).map { _ in people[Int.random(in: 0..<people.count, using: &rng)] }
            entries.append(Submission(index: i, id: "s\(i)", title: "Submission \(i)", speakers: speakers,
                                      category: categories[Int.random(in: 0..<categories.count, using: &rng)], kind: kind))
        }
        var busy: [Busy] = []
        if timed {
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                guard let first = starts.first ?? nil else { break }
                let from = first.addingTimeInterval(TimeInterval(Int.random(in: 0...40, using: &rng) * 15 * 60))
                busy.append(Busy(speaker: people[Int.random(in: 0..<people.count, using: &rng)], from: from,
                                 to: from.addingTimeInterval(TimeInterval(Int.random(in: 1...8, using: &rng) * 15 * 60))))
            }
        }
        return Submissions(title: "Random", timeZone: zone, slotLength: slotLength, slotStarts: starts, minTopic: minTopic,
                           lightning: lightning, entries: entries, busy: busy)
    }

    @Test func everyAcceptedSubmissionOnceNoSlotOverbookedNoTalkBelowMinTopic() throws {
        var rng = SeededRandom(seed: 0x6761_7665_6C)
        var seen = (rejections: 0, conflicts: 0, multiSlot: 0, lightning: 0, merged: 0)
        for round in 0..<300 {
            let s = Self.randomSubmissions(&rng)
            let demote = round % 3 == 2
            let plan = Planner.plan(s, demote: demote)
            if !plan.rejected.isEmpty { seen.rejections += 1 }
            if !plan.conflicts.isEmpty { seen.conflicts += 1 }
            if plan.agenda.slots.contains(where: { $0.length > s.slotLength }) { seen.multiSlot += 1 }
            if plan.agenda.allTopics.contains(where: { $0.topic.kind == .lightning }) { seen.lightning += 1 }
            if plan.reasons.contains(where: { $0.contains("merged") }) { seen.merged += 1 }
            let ids = plan.agenda.allTopics.map(\.topic.id)
            let rejected = Set(plan.rejected.map(\.id))
            for entry in s.entries {
                let count = ids.filter { $0 == entry.id }.count
                #expect(count == (rejected.contains(entry.id) ? 0 : 1), "round \(round): \(entry.id) appears \(count) times")
            }
            #expect(ids.count == Set(ids).count, "round \(round): a topic twice")
            #expect(plan.agenda.totalLength <= s.capacity, "round \(round): more time than the track has")
            for slot in plan.agenda.slots {
                #expect(slot.plannedLength <= slot.length, "round \(round): \(slot.id) overbooked")
                #expect(!slot.topics.isEmpty, "round \(round): empty slot \(slot.id)")
                for topic in slot.topics {
                    if topic.kind == .talk {
                        #expect(topic.length >= s.minTopic, "round \(round): \(topic.id) \(topic.length)s < \(s.minTopic)s")
                    } else {
                        #expect(topic.length == s.lightning, "round \(round): lightning \(topic.id)")
                    }
                }
            }
            // Lightning talks come last in the agenda.
            let kinds = plan.agenda.allTopics.map(\.topic.kind)
            if let firstLightning = kinds.firstIndex(of: .lightning) {
                #expect(kinds[firstLightning...].allSatisfy { $0 == .lightning }, "round \(round): lightning not last")
            }
            // Every conflict named is a real one.
            for c in plan.conflicts { #expect(c.busy.overlaps(c.start, c.end)) }
            if !plan.agenda.slots.isEmpty {
                let again = try AgendaParser.parse(AgendaWriter.toml(plan.agenda), file: "round\(round).toml").agenda
                #expect(again == plan.agenda, "round \(round): agenda does not read back")
            }
            #expect(Planner.plan(s, demote: demote).agenda == plan.agenda, "round \(round): not deterministic")
            for d in plan.demoted {
                #expect(plan.agenda.allTopics.first { $0.topic.id == d.id }?.topic.kind == .lightning, "round \(round): \(d.id) not demoted")
            }
        }
        // The generator reaches every rule: rejections, named conflicts, double slots, lightning, merges.
        #expect(seen.rejections > 20 && seen.conflicts > 5 && seen.multiSlot > 20 && seen.lightning > 20 && seen.merged > 20, "\(seen)")
    }
}
