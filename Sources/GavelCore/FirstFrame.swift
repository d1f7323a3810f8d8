import Foundation

/// What a view's first frame needs of a long day's log, so the frame is drawn before the day's
/// notes are read and folded (at 100,000 notes that is most of half a second).
///
/// Notes never move a timer: every event that is not about a note, folded alone, gives the
/// timers, the slot and topic each view opens on, the speaker's message and the rebalances
/// exactly as the whole log does. A note's own events need only the timers and that note. So the
/// log's events that steer, every note change besides an addition with every event of the notes
/// it changed (each author's undo is made of those), and the additions filed under the topic
/// shown, folded in the log's order, give a session that draws the same first frame as the whole
/// log: the same timers, the same notes of that topic in the same order with the same offsets,
/// the same undo. `SessionStore.firstFrameEvents` finds them through indexes; `events` here is
/// the same rule on events in memory.
public enum FirstFrame {
    /// Every note change besides an addition.
    static func isNoteChange(_ action: SessionEvent.Action) -> Bool {
        action.isNoteAction && !isAddition(action)
    }

    static func isAddition(_ action: SessionEvent.Action) -> Bool {
        if case .noteAdded = action { true } else { false }
    }

    /// The topic ids whose notes a view opening at `now` shows, for a session folded from the
    /// events `events(of:topics: [], notes:)` selects: the topic it opens on and every id that
    /// `[renamed]` maps to it. Empty when it opens on no topic.
    public static func topics(_ session: Session, at now: Date) -> [String] {
        guard let topic = session.snapshot(at: now)?.currentTopic?.topic.id else { return [] }
        let agenda = session.agenda
        var ids = [topic]
        for (old, new) in agenda.renamed where new == topic && !session.topicIDs.contains(old) && !ids.contains(old) {
            ids.append(old)
        }
        return ids.sorted()
    }

    /// The events of `log` a first frame showing the notes of `topics` needs, in the log's order:
    /// the rule `SessionStore.firstFrameEvents` applies to the session file.
    public static func events(of log: [SessionEvent], topics: [String], notes: [String]) -> [SessionEvent] {
        var wanted = Set(notes)
        for event in log where isNoteChange(event.action) {
            if let id = event.action.noteID { wanted.insert(id) }
        }
        let shown = Set(topics)
        return log.filter { event in
            guard event.action.isNoteAction else { return true }
            if let id = event.action.noteID, wanted.contains(id) { return true }
            if case .noteAdded(_, _, let topic, _, _) = event.action { return shown.contains(topic) }
            return false
        }
    }
}
