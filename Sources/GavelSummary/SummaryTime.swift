import Foundation
import GavelCore

/// Times and durations as summaries print them, always in the agenda's time zone.
public enum SummaryTime {
    /// A wall-clock reading in a zone, computed by arithmetic from the zone's offset (a summary
    /// of 10,000 notes formats 10,000 times; a `Calendar` each time costs more than the rest).
    struct Local {
        var year, month, day, hour, minute, second: Int
        /// Seconds east of UTC.
        var offset: Int

        init(_ date: Date, zone: TimeZone) {
            offset = ZoneOffset.seconds(zone, at: date)
            let w = WallTime(naiveSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + offset)
            (year, month, day, hour, minute, second) = (w.year, w.month, w.day, w.hour, w.minute, w.second)
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    static func four(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    /// `2012-08-29`.
    public static func day(_ date: Date, zone: TimeZone) -> String {
        let l = Local(date, zone: zone)
        return four(l.year) + "-" + two(l.month) + "-" + two(l.day)
    }

    /// `13:30`.
    public static func hhmm(_ date: Date, zone: TimeZone) -> String {
        let l = Local(date, zone: zone)
        return two(l.hour) + ":" + two(l.minute)
    }

    /// `2012-08-29T13:30:00-07:00`: ISO 8601 with the zone's offset at that instant.
    public static func iso(_ date: Date, zone: TimeZone) -> String {
        let l = Local(date, zone: zone)
        let minutes = abs(l.offset) / 60
        return four(l.year) + "-" + two(l.month) + "-" + two(l.day) + "T" + two(l.hour) + ":" + two(l.minute) + ":"
            + two(l.second) + (l.offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
    }

    /// `iso` written into `out`, without Strings made on the way (a JSON summary has one a note).
    static func iso<Out: ByteOutput>(_ date: Date, zone: TimeZone, to out: inout Out) {
        let l = Local(date, zone: zone)
        let minutes = abs(l.offset) / 60
        // Years 0 to 9999 (every day a conference has): 25 bytes at fixed places, put together
        // on the stack and written at once; a JSON index writes one for every note it lists.
        if (0...9999).contains(l.year), minutes < 100 * 60 {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 25) { b in
                func put(_ n: Int, _ at: Int, _ width: Int) {
                    var n = n
                    for i in stride(from: at + width - 1, through: at, by: -1) {
                        b[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
                        n /= 10
                    }
                }
                put(l.year, 0, 4)
                b[4] = UInt8(ascii: "-")
                put(l.month, 5, 2)
                b[7] = UInt8(ascii: "-")
                put(l.day, 8, 2)
                b[10] = UInt8(ascii: "T")
                put(l.hour, 11, 2)
                b[13] = UInt8(ascii: ":")
                put(l.minute, 14, 2)
                b[16] = UInt8(ascii: ":")
                put(l.second, 17, 2)
                b[19] = l.offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
                put(minutes / 60, 20, 2)
                b[22] = UInt8(ascii: ":")
                put(minutes % 60, 23, 2)
                out.append(bytes: UnsafeBufferPointer(b))
            }
            return
        }
        digits(l.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        digits(l.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        digits(l.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        digits(l.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        digits(l.minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        digits(l.second, width: 2, to: &out)
        out.append(l.offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        digits(minutes / 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        digits(minutes % 60, width: 2, to: &out)
    }

    /// `offset` written into `out`.
    static func offset<Out: ByteOutput>(_ seconds: Int, to out: inout Out) {
        let s = abs(seconds)
        out.append(UInt8(ascii: "+"))
        if s >= 3600 {
            digits(s / 3600, width: 1, to: &out)
            out.append(UInt8(ascii: ":"))
            digits(s % 3600 / 60, width: 2, to: &out)
        } else {
            digits(s / 60, width: 2, to: &out)
        }
        out.append(UInt8(ascii: ":"))
        digits(s % 60, width: 2, to: &out)
    }

    /// `n` in decimal, zeros put before it up to `width` characters (before the sign too, as
    /// `four` spells a year before 0). The fields of a time (0 to 9,999) are written digit by
    /// digit: through `String(n)` they cost ~460 instructions each, 37 M in the JSON summary of
    /// 10,000 notes.
    static func digits<Out: ByteOutput>(_ n: Int, width: Int, to out: inout Out) {
        if n >= 0, n < 10_000 {
            var count = 1, power = 10
            while n >= power { count += 1; power *= 10 }
            var zeros = width - count
            while zeros > 0 { out.append(UInt8(ascii: "0")); zeros -= 1 }
            while power > 1 {
                power /= 10
                out.append(UInt8(ascii: "0") + UInt8(n / power % 10))
            }
            return
        }
        let text = String(n).utf8
        for _ in 0..<max(0, width - text.count) { out.append(UInt8(ascii: "0")) }
        for byte in text { out.append(byte) }
    }

    /// `03:12`, or `1:03:12` from an hour up: what `ClockText.mmss` shows, without `String(format:)`.
    public static func mmss(_ seconds: Int) -> String {
        let s = abs(seconds)
        if s >= 3600 { return String(s / 3600) + ":" + two(s % 3600 / 60) + ":" + two(s % 60) }
        return two(s / 60) + ":" + two(s % 60)
    }

    /// A note's time into its topic, `+09:30`: an offset, never to be read as a clock time.
    public static func offset(_ seconds: Int) -> String { "+" + mmss(seconds) }

    /// `0:20`, `3:12` under ten minutes, `20m`, `23m30s` from ten: `DurationText.readable`.
    static func duration(_ seconds: Int) -> String { DurationText.readable(seconds) }

    /// `+3:12` over, `-1:00` under, `0:00` on time.
    static func signedDuration(_ seconds: Int) -> String { DurationText.signed(seconds) }

    /// How a slot ended, in words.
    static func endWords(_ cause: SlotEndCause) -> String {
        switch cause {
        case .chair: "ended by the chair"
        case .lastTopic: "ended after its last topic"
        case .timeUp: "ended when its time ran out"
        }
    }

    /// What the planned + granted time is called wherever an overrun is measured against it.
    static let grantedName = "planned+granted"

    /// `3:30 over planned+granted`, `0:30 under the plan`, `exactly the plan`.
    static func against(_ difference: Int, _ what: String) -> String {
        if difference == 0 { return "exactly " + what }
        return duration(abs(difference)) + (difference > 0 ? " over " : " under ") + what
    }

    /// Planned, granted and used, and the overrun against both plans when the chair granted time:
    /// `planned 20m, used 23m30s: 3:30 over the plan`;
    /// `planned 15m, granted +2:00, used 18m: 1:00 over planned+granted, 3:00 over the plan`.
    /// `used` is nil for what was not held.
    static func timing(planned: Int, adjust: Int, used: Int?, running: Bool = false) -> String {
        var out = "planned " + duration(planned)
        if adjust != 0 { out += ", granted " + signedDuration(adjust) }
        guard let used else { return out }
        out += ", used " + duration(used) + (running ? " so far" : "")
        let overGranted = used - planned - adjust
        // A running topic is not under anything yet.
        if running && overGranted <= 0 { return out }
        if adjust == 0 { return out + ": " + against(overGranted, "the plan") }
        return out + ": " + against(overGranted, grantedName) + ", " + against(used - planned, "the plan")
    }

    /// `planned 20m, used 23m30s: 3:30 over the plan`, or `planned 20m, not held`.
    static func topicTiming(_ topic: TopicSummary) -> String {
        guard topic.listed else { return "" }
        let timing = timing(planned: topic.planned, adjust: topic.adjust, used: topic.held ? topic.used : nil,
                            running: topic.running)
        return topic.held ? timing : timing + ", " + topic.holding.words
    }

    /// `13:32–14:17, ended when its time ran out`; `13:32–, running at 13:50`; `not held yet`.
    static func actualSpan(_ slot: SlotSummary, context: SummaryContext) -> String {
        let zone = context.timeZone
        guard let start = slot.actualStart else { return notHeldWords(slot, asOf: context.asOf) }
        switch slot.state {
        case .ended(let cause):
            let end = slot.actualEnd.map { hhmm($0, zone: zone) } ?? ""
            return hhmm(start, zone: zone) + "–" + end + ", " + endWords(cause)
        default:
            return hhmm(start, zone: zone) + "–, running at " + hhmm(context.asOf, zone: zone)
        }
    }

    /// A slot whose clock never ran: `not held yet` before its scheduled end, else `not held`.
    static func notHeldWords(_ slot: SlotSummary, asOf: Date) -> String {
        if case .notStarted = slot.state, let end = slot.scheduledEnd, asOf < end { return TopicHolding.notHeldYet.words }
        return TopicHolding.notHeld.words
    }

    static func scheduledSpan(_ slot: SlotSummary, zone: TimeZone) -> String? {
        guard let start = slot.scheduledStart else { return nil }
        return hhmm(start, zone: zone) + "–" + (slot.scheduledEnd.map { hhmm($0, zone: zone) } ?? "")
    }
}
