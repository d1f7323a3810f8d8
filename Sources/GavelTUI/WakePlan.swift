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
        if let topic = s.currentTopic, topic.topic.until != nil {
            // It counts to a time of day, running or not: each second of that countdown.
            wake = min(wake, now.addingTimeInterval(untilNextWholeSecond(topic.remainingExact)))
        }
        if let left = s.autoNextIn, left > 0 {
            wake = min(wake, now.addingTimeInterval(untilNextWholeSecond(left)))
        }
        if let m = s.message {
            // A new message flashes for its first seconds.
            let age = now.timeIntervalSince(m.at)
            if age < Screen.messageFlashSeconds { wake = min(wake, now.addingTimeInterval(1 - (age - age.rounded(.down)))) }
        }
        if let end = s.projectedEnd, let deadline = s.deadline, let topic = s.currentTopic,
           !(topic.isRunning && topic.remainingExact > 0 && !topic.isHeldAtZero) {
            // Nothing counts down, so the projected end moves with the clock: its minute, and the
            // minutes it passes the slot's end, change as it does.
            let e = end.timeIntervalSince1970, over = end.timeIntervalSince(deadline)
            wake = min(wake, now.addingTimeInterval(60 - (e - (e / 60).rounded(.down) * 60)))
            // The minutes over or to spare are counted from the whole second nearest: they change
            // as `over` crosses 60·m + ½ (see Screen.projection).
            let x = over - 0.5
            wake = min(wake, now.addingTimeInterval(60 - (x - (x / 60).rounded(.down) * 60)))
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

    /// Seconds until `x` (a countdown's exact seconds, shown rounded up) next shows another number.
    static func untilNextWholeSecond(_ x: TimeInterval) -> TimeInterval {
        let frac = x - x.rounded(.down)
        return frac == 0 ? 1 : frac
    }

    static func nextMinute(after now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
    }
}
