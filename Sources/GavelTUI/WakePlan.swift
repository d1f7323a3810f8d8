import Foundation
import GavelCore

/// When the frame next changes by time alone, or something falls due, from the same snapshot the
/// frame was drawn from: the running topic's countdown (each of its seconds), the slot's time as
/// shown (whole minutes, then seconds in its last minute), the wall clock's minute, and what the
/// session itself says is ahead (a slot's time running out, a scheduled slot beginning or ending).
/// The loop sleeps until then and wakes at most once a second while a topic runs.
public enum WakePlan {
    public static func next(after snapshot: Snapshot?, at now: Date, view: ViewKind, session: Session) -> Date {
        var wake = nextMinute(after: now)
        if let due = session.nextDue(after: now) { wake = min(wake, due) }
        guard let s = snapshot, !s.hasEnded else { return wake }
        if let topic = s.currentTopic, topic.isRunning {
            let frac = topic.elapsed - topic.elapsed.rounded(.down)
            wake = min(wake, now.addingTimeInterval(frac == 0 ? 1 : 1 - frac))
        }
        if slotClockRuns(s) {
            let r = s.slotRemainingExact
            if r > 0 { wake = min(wake, now.addingTimeInterval(untilShownSlotChanges(r))) }
            // When the slot ends before the topic, its seconds are the big countdown.
            if r > 0, s.slotEndsFirst { wake = min(wake, now.addingTimeInterval(r - (r.rounded(.up) - 1))) }
        }
        return wake
    }

    /// Whether the slot's remaining time counts down now: it started, or its scheduled time holds now.
    static func slotClockRuns(_ s: Snapshot) -> Bool {
        if s.deadline != nil { return true }
        guard let start = s.slot.start, let end = s.slot.end else { return false }
        return start <= s.now && s.now < end
    }

    /// Seconds until `Snapshot.shownSlotSeconds` changes, from `remaining` (> 0) seconds left.
    static func untilShownSlotChanges(_ remaining: TimeInterval) -> TimeInterval {
        DurationText.secondsUntilLeftChanges(remaining)
    }

    static func nextMinute(after now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
    }
}
