import Foundation
import GavelCore

/// Times and durations as summaries print them, always in the agenda's time zone.
enum SummaryTime {
    /// `2012-08-29`.
    static func day(_ date: Date, zone: TimeZone) -> String {
        String(LocalTime.format(date, zone: zone).prefix(10))
    }

    /// `13:30`.
    static func hhmm(_ date: Date, zone: TimeZone) -> String { LocalTime.hhmm(date, zone: zone) }

    /// `2012-08-29T13:30:00-07:00`: ISO 8601 with the zone's offset at that instant.
    static func iso(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return LocalTime.format(date, zone: zone) + String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// `20m`, `3m12s`, `0s`; negative values get a minus sign.
    static func duration(_ seconds: Int) -> String { DurationText.format(seconds) }

    /// `+3m12s` over, `-1m` under, `0s` on time.
    static func signedDuration(_ seconds: Int) -> String {
        seconds > 0 ? "+" + DurationText.format(seconds) : DurationText.format(seconds)
    }

    /// How a slot ended, in words.
    static func endWords(_ cause: SlotEndCause) -> String {
        switch cause {
        case .chair: "ended by the chair"
        case .lastTopic: "ended after its last topic"
        case .timeUp: "ended when its time ran out"
        }
    }

    /// `planned 20m, used 23m12s (3m12s over)`, or `planned 20m, not held`.
    static func topicTiming(_ topic: TopicSummary) -> String {
        guard topic.listed else { return "" }
        var out = "planned " + duration(topic.planned)
        if topic.granted != topic.planned { out += " (" + duration(topic.granted) + " with the chair's changes)" }
        guard topic.held else { return out + ", not held" }
        out += ", used " + duration(topic.used)
        if topic.overrun > 0 { out += " (" + duration(topic.overrun) + " over)" }
        else if topic.overrun < 0 { out += " (" + duration(-topic.overrun) + " under)" }
        return out
    }

    /// `13:32–14:17, ended when its time ran out`; `13:32–, running at 13:50`; `not started`.
    static func actualSpan(_ slot: SlotSummary, context: SummaryContext) -> String {
        let zone = context.timeZone
        guard let start = slot.actualStart else { return "not started" }
        switch slot.state {
        case .ended(let cause):
            let end = slot.actualEnd.map { hhmm($0, zone: zone) } ?? ""
            return hhmm(start, zone: zone) + "–" + end + ", " + endWords(cause)
        default:
            return hhmm(start, zone: zone) + "–, running at " + hhmm(context.asOf, zone: zone)
        }
    }

    static func scheduledSpan(_ slot: SlotSummary, zone: TimeZone) -> String? {
        guard let start = slot.scheduledStart else { return nil }
        return hhmm(start, zone: zone) + "–" + (slot.scheduledEnd.map { hhmm($0, zone: zone) } ?? "")
    }
}
