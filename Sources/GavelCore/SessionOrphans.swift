import Foundation

/// Ids the session's events name that the agenda no longer has: what a chair sees after renaming
/// a topic whose id came from its title ("Lightning talk 1" given its real title). Each comes
/// with the agenda's likeliest new id for it, so the fix is one line in `[renamed]`.
extension Session {
    public struct Orphan: Sendable, Equatable {
        /// The slot id the events name (on the agenda or not).
        public var slot: String
        /// The topic id the events name, or nil when the slot itself is gone.
        public var topic: String?
        /// Live notes filed under it.
        public var notes: Int
        /// Whether a clock ran under it.
        public var timed: Bool
        /// The id it probably became: a slot or topic on the agenda nothing in the session names.
        public var probably: String?
        public var probablyTitle: String?

        /// What the chair is told: the id, what hangs on it, and the line that maps it.
        public var message: String {
            let what = topic.map { "topic \"\($0)\"" } ?? "slot \"\(slot)\""
            var hangs: [String] = []
            if notes > 0 { hangs.append("\(notes) note\(notes == 1 ? "" : "s")") }
            if timed { hangs.append("its time") }
            let held = hangs.isEmpty ? "" : " (" + hangs.joined(separator: ", ") + ")"
            guard let probably else {
                return "the session names \(what)\(held), which is not on the agenda; map it with [renamed] \(topic ?? slot) = \"NEW-ID\""
            }
            return "the session names \(what)\(held), not on the agenda; if it became \"\(probablyTitle ?? probably)\", "
                + "add to the agenda: [renamed] \(topic ?? slot) = \"\(probably)\""
        }
    }

    /// Every id named by the session and missing from the agenda (after `[renamed]`), in the
    /// order the session first named them.
    public var orphans: [Orphan] {
        var found: [Orphan] = []
        func note(slot: String, topic: String?, notes: Int, timed: Bool) {
            if let i = found.firstIndex(where: { $0.slot == slot && $0.topic == topic }) {
                found[i].notes += notes
                found[i].timed = found[i].timed || timed
            } else {
                found.append(Orphan(slot: slot, topic: topic, notes: notes, timed: timed))
            }
        }
        for (slotID, run) in runs.sorted(by: { ($0.value.firstStart ?? .distantFuture) < ($1.value.firstStart ?? .distantFuture) }) {
            guard let slot = agenda.slot(id: slotID) else {
                if run.firstStart != nil { note(slot: slotID, topic: nil, notes: 0, timed: true) }
                continue
            }
            for (topicID, topicRun) in run.topics where slot.topicIndex(id: topicID) == nil && topicRun.hasStarted {
                note(slot: slotID, topic: topicID, notes: 0, timed: true)
            }
        }
        for n in unlistedNotes {
            if agenda.slot(id: n.slot) == nil { note(slot: n.slot, topic: nil, notes: 1, timed: false) }
            else { note(slot: n.slot, topic: n.topic, notes: 1, timed: false) }
        }
        // What they probably became: ids on the agenda that nothing in the session names, taken
        // in agenda order, the first orphan of a slot getting its first free topic.
        let namedTopics = namedTopicIDs
        // Only a lost slot needs these; a long day has 10,000 notes to go through for them.
        lazy var namedSlots = Set(runs.keys).union(notes.values.map(\.slot))
        var taken: Set<String> = []
        for i in found.indices {
            if let _ = found[i].topic, let slot = agenda.slot(id: found[i].slot) {
                if let free = slot.topics.first(where: { !namedTopics.contains($0.id) && !taken.contains($0.id) }) {
                    found[i].probably = free.id
                    found[i].probablyTitle = free.title
                    taken.insert(free.id)
                }
            } else if found[i].topic == nil,
                      let free = agenda.slots.first(where: { !namedSlots.contains($0.id) && !taken.contains($0.id) }) {
                found[i].probably = free.id
                found[i].probablyTitle = free.title
                taken.insert(free.id)
            }
        }
        return found
    }
}
