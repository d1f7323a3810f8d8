import Foundation

/// Notes as the views read them, and the rules for changing a note that several people see.
extension Session {
    /// Live notes of a topic, oldest first.
    public func notes(slot: String, topic: String) -> [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted, n.slot == slot, n.topic == topic else { return nil }
            return n
        }
    }

    /// Live notes of a slot, in the order they were added.
    public func notes(slot: String) -> [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted, n.slot == slot else { return nil }
            return n
        }
    }

    /// Live notes of every slot, each slot's in the order they were added: one pass over the
    /// notes for a whole day's summary, instead of one per slot.
    public func notesBySlot() -> [String: [Note]] {
        var out: [String: [Note]] = [:]
        for id in noteOrder {
            guard let n = notes[id], !n.deleted else { continue }
            out[n.slot, default: []].append(n)
        }
        return out
    }

    /// Live notes whose topic (or slot) is no longer on the agenda.
    public var unlistedNotes: [Note] {
        noteOrder.compactMap { id in
            guard let n = notes[id], !n.deleted else { return nil }
            return agenda.slot(id: n.slot)?.topicIndex(id: n.topic) == nil ? n : nil
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
