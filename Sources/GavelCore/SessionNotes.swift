import Foundation

/// Notes as the views read them, and the rules for changing a note that several people see.
extension Session {
    /// Live notes of a topic, oldest first.
    public func notes(slot: String, topic: String) -> [Note] {
        live(notesOfTopic[NotePlace(slot: slot, topic: topic)] ?? [])
    }

    /// Live notes of a slot, in the order they were added.
    public func notes(slot: String) -> [Note] {
        live(notesOfSlot[slot] ?? [])
    }

    /// Live notes of every slot, each slot's in the order they were added.
    public func notesBySlot() -> [String: [Note]] {
        var out: [String: [Note]] = [:]
        for (slot, ids) in notesOfSlot {
            let list = live(ids)
            if !list.isEmpty { out[slot] = list }
        }
        return out
    }

    private func live(_ ids: [String]) -> [Note] {
        var out: [Note] = []
        out.reserveCapacity(ids.count)
        for id in ids {
            if let n = notes[id], !n.deleted { out.append(n) }
        }
        return out
    }

    /// Moves note `id` between the topic and slot lists, keeping each in the order notes were added.
    mutating func reindex(_ id: String, from: NotePlace, to: NotePlace) {
        notesOfTopic[from]?.removeAll { $0 == id }
        insert(id, into: &notesOfTopic[to, default: []])
        if from.slot != to.slot {
            notesOfSlot[from.slot]?.removeAll { $0 == id }
            insert(id, into: &notesOfSlot[to.slot, default: []])
        }
    }

    private func insert(_ id: String, into list: inout [String]) {
        let rank = noteRank[id] ?? Int.max
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if noteRank[list[mid]] ?? Int.max < rank { low = mid + 1 } else { high = mid }
        }
        list.insert(id, at: low)
    }

    /// Live notes whose topic (or slot) is no longer on the agenda, in the order they were added.
    public var unlistedNotes: [Note] {
        // Every note is filed under its place: most days every place is on the agenda, and that
        // is a look at each place (a thousand topics), not at each of a long day's notes.
        var unlisted: Set<NotePlace> = []
        for place in notesOfTopic.keys where agenda.slot(id: place.slot)?.topicIndex(id: place.topic) == nil {
            unlisted.insert(place)
        }
        if unlisted.isEmpty { return [] }
        return noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted, unlisted.contains(NotePlace(slot: n.slot, topic: n.topic)) else { return nil }
            return n
        }
    }

    /// Why `author` may not save `text` over note `id` as an edit of its version `base`, or nil
    /// when the edit stands: somebody else changed or deleted the note since it was taken into
    /// the line.
    public func staleEdit(of id: String, base: Int, zone: TimeZone) -> String? {
        guard let note = notes[id] else { return "that note is gone; your text is still in the line" }
        if note.deleted { return "this note was deleted meanwhile; your text is still in the line" }
        guard note.version != base else { return nil }
        let who = note.editedBy ?? "somebody"
        let when = note.editedAt.map { " at " + LocalTime.hhmm($0, zone: zone) } ?? ""
        return "\(who) changed this note\(when); your text is still in the line"
    }

    /// What `u` (or Ctrl-Z) does for `author`: the action taking back their latest note change,
    /// or why there is none. Other authors' changes are never taken back.
    public func undoAction(by author: String) -> Result<SessionEvent.Action, UndoRefusal> {
        guard let step = undoSteps[author]?.last else { return .failure(.nothingToUndo) }
        if case .batch(let id) = step { return .success(.undoAdjustments(batch: id)) }
        guard let note = notes[step.noteID] else { return .failure(.nothingToUndo) }
        switch step {
        case .edit(let id, let previous, let version):
            guard note.version == version else { return .failure(.nothingToUndo) }
            return .success(.noteEdited(id: id, text: previous, undo: true, base: version))
        case .delete(let id):
            return .success(.noteRestored(id: id))
        case .move(let id, let slot, let topic):
            return .success(.noteMoved(id: id, slot: slot, topic: topic, undo: true))
        case .batch(let id):
            return .success(.undoAdjustments(batch: id))
        }
    }

    public enum UndoRefusal: Error, Sendable, Equatable, CustomStringConvertible {
        case nothingToUndo
        public var description: String { "nothing of yours to undo" }
    }
}
