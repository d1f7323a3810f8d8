import Foundation

/// New lengths for a slot's topics to come, when the morning ran late: the slot's time left,
/// less what its lightning talks keep, shared fairly among its talks, none below the agenda's
/// `min_topic` (a talk already shorter keeps its length). The chair sees before → after for
/// each and applies them as ordinary adjustments, which one undo takes back whole.
public struct Rebalance: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var topic: String
        public var title: String
        /// Seconds planned before and after (the running topic: its whole length, time used included).
        public var before: Int
        public var after: Int
    }

    /// Ties the adjustments together (their batch).
    public var id: String
    public var changes: [Change]
    /// Seconds the topics to come still pass the slot's end after the rebalance (when even the
    /// minimum does not fit), else 0.
    public var stillOver: Int
}

extension Session {
    /// The rebalance of `slotID` at `now`, or nil when nothing would change.
    public func rebalance(_ slotID: String, at now: Date, id: String = UUID().uuidString.lowercased()) -> Rebalance? {
        guard let s = snapshot(at: now, slot: slotID), !s.hasEnded, s.deadline != nil else { return nil }
        // The slot's time left as shown: the proposal changes when the shown time does.
        let left = max(0, s.slotShown)
        let coming = s.topics.indices.filter { $0 >= s.current && !s.topics[$0].isFinished }
        guard !coming.isEmpty else { return nil }
        // What each topic to come needs from now: the running one its time left, the others their plan.
        func needs(_ i: Int) -> Int { i == s.current ? max(0, s.topics[i].remaining) : s.topics[i].planned }
        let lightning = coming.filter { s.topics[$0].topic.kind == .lightning }
        let talks = coming.filter { s.topics[$0].topic.kind != .lightning && s.topics[$0].topic.until == nil }
        guard !talks.isEmpty else { return nil }
        let kept = lightning.reduce(0) { $0 + needs($1) }
            + coming.filter { s.topics[$0].topic.until != nil }.reduce(0) { $0 + needs($1) }
        let share = max(0, left - kept) / talks.count
        var changes: [Rebalance.Change] = []
        var total = kept
        for i in talks {
            let status = s.topics[i]
            let floor = min(agenda.defaults.minTopic, needs(i))
            let give = max(share, floor)
            total += give
            // The running topic keeps what it used; the rest get their share as their length.
            let after = i == s.current ? Int(status.elapsed.rounded(.down)) + give : give
            if after != status.planned {
                changes.append(.init(topic: status.topic.id, title: status.topic.title, before: status.planned, after: after))
            }
        }
        guard !changes.isEmpty else { return nil }
        return Rebalance(id: id, changes: changes, stillOver: max(0, total - left))
    }
}
