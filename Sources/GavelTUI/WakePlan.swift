import Foundation
import GavelCore

/// When the frame next changes by time alone, from what the views actually show: the running
/// topic's countdown (each of its seconds), the slot's remaining time (whole minutes, so its own
/// phase never adds a second wake-up a second), the slot's time running out, and the wall clock's
/// minute. Sleeping until then, the loop wakes once a second while a topic runs.
public enum WakePlan {
    public static func next(after snapshot: Snapshot?) -> Date {
        guard let s = snapshot else { return nextMinute(after: Date()) }
        let now = s.now
        var wake = nextMinute(after: now)
        guard !s.hasEnded else { return wake }
        if let topic = s.currentTopic, topic.isRunning {
            let frac = topic.elapsed - topic.elapsed.rounded(.down)
            wake = min(wake, now.addingTimeInterval(frac == 0 ? 1 : 1 - frac))
        }
        if let deadline = s.deadline {
            let r = deadline.timeIntervalSince(now)
            if r > 0 {
                // Shown as ceil(r / 60) minutes: it changes when r reaches the multiple of 60 below.
                let shown = (r / 60).rounded(.up)
                wake = min(wake, now.addingTimeInterval(max(0.001, r - (shown - 1) * 60)))
            }
        }
        return wake
    }

    static func nextMinute(after now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
    }

    /// Whole minutes for a slot's remaining seconds, as the views show them.
    public static func minutes(_ seconds: Int) -> Int { (abs(seconds) + 59) / 60 }
}
