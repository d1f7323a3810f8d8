import Foundation
import Synchronization

/// A zone's offset from UTC at an instant, remembered for the span it holds over.
///
/// `TimeZone.secondsFromGMT(for:)` costs ~4,000 instructions an answer, and a summary asks it for
/// every note's time, an agenda for every topic's start (three times, to find a skipped or
/// repeated hour), a view for every clock it draws. An offset holds from one transition of the
/// zone to the next: an answer is kept with the span from the instant asked to the zone's next
/// transition, and any instant in a kept span is answered from it. A few spans are kept, for a
/// few zones (an agenda's and the session's); the newest first.
public enum ZoneOffset {
    struct Span {
        var zone: TimeZone
        /// The offset holds from `from` (included) to `until` (excluded, the next transition).
        var from: Date
        var until: Date
        var seconds: Int

        func holds(_ zone: TimeZone, at date: Date) -> Bool { from <= date && date < until && self.zone == zone }
    }

    static let kept = 8
    private static let spans = Mutex<[Span]>([])

    /// `zone.secondsFromGMT(for: date)`.
    public static func seconds(_ zone: TimeZone, at date: Date) -> Int {
        if let known = spans.withLock({ spans in spans.first { $0.holds(zone, at: date) }?.seconds }) { return known }
        let seconds = zone.secondsFromGMT(for: date)
        let until = zone.nextDaylightSavingTimeTransition(after: date) ?? .distantFuture
        spans.withLock { spans in
            // The same span seen from an earlier instant: it reaches back to there.
            if let i = spans.firstIndex(where: { $0.until == until && $0.seconds == seconds && $0.zone == zone }) {
                spans[i].from = min(spans[i].from, date)
                return
            }
            spans.insert(Span(zone: zone, from: date, until: until, seconds: seconds), at: 0)
            if spans.count > kept { spans.removeLast() }
        }
        return seconds
    }
}
