/// Durations as people write them in agenda files: `"20m"`, `"90s"`, `"1h30m"`, `"17m30s"`.
///
/// A duration is a whole number of seconds. Units are `h`, `m` and `s`, each at most once and in
/// that order; a bare number is refused because "20" could mean seconds or minutes.
public enum DurationText {
    public struct ParseError: Error, Equatable, Sendable {
        public let message: String
    }

    /// Parses `text` into seconds.
    public static func seconds(_ text: String) -> Result<Int, ParseError> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            return .failure(.init(message: "empty duration; write it like \"20m\", \"90s\" or \"1h30m\""))
        }
        var total = 0
        var number = ""
        var lastUnitRank = -1
        // By scalar, not by character: a duration is ASCII, and anything else is refused at its
        // first scalar (a conference agenda has a thousand of these).
        for ch in trimmed.unicodeScalars {
            if ("0"..."9").contains(ch) {
                number.unicodeScalars.append(ch)
                continue
            }
            let rank: Int
            let scale: Int
            switch ch {
            case "h", "H": rank = 0; scale = 3600
            case "m", "M": rank = 1; scale = 60
            case "s", "S": rank = 2; scale = 1
            default:
                return .failure(.init(message: "bad duration \"\(text)\": unexpected \"\(ch)\"; write it like \"20m\", \"90s\" or \"1h30m\""))
            }
            guard !number.isEmpty else {
                return .failure(.init(message: "bad duration \"\(text)\": a number must come before \"\(ch)\""))
            }
            guard rank > lastUnitRank else {
                return .failure(.init(message: "bad duration \"\(text)\": units must come in the order h, m, s, each once"))
            }
            guard number.count <= 6, let value = Int(number) else {
                return .failure(.init(message: "bad duration \"\(text)\": \(number) is too large"))
            }
            total += value * scale
            lastUnitRank = rank
            number = ""
        }
        guard number.isEmpty else {
            return .failure(.init(message: "bad duration \"\(text)\": \"\(number)\" has no unit; write \"\(number)m\" or \"\(number)s\""))
        }
        guard total <= 24 * 3600 else {
            return .failure(.init(message: "bad duration \"\(text)\": longer than a day"))
        }
        return .success(total)
    }

    /// The canonical spelling of `seconds`: `"20m"`, `"1h30m"`, `"17m30s"`, `"0s"`.
    public static func format(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        var s = seconds.magnitude
        let h = s / 3600; s %= 3600
        let m = s / 60; s %= 60
        var out = ""
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 || out.isEmpty { out += "\(s)s" }
        return sign + out
    }
}

/// Durations as people read them in a line of text, on screens and in summaries: never a decimal.
///
/// Under ten minutes a duration is `m:ss` (`0:20`, `1:18`, `9:59`), so a 20-second lightning
/// test reads `0:20`, not `0.3m`. From ten minutes a length is spelled exactly, as agenda files
/// spell it (`10m`, `17m30s`, `1h5m`), and time left on a countdown is whole minutes rounded down
/// (`44 min`), so it never says more time is left than there is, nor more than the slot's length.
extension DurationText {
    /// Below this many seconds durations are written `m:ss`.
    public static let clockStyleBelow = 600

    /// A length, exactly: `0:20`, `1:18`, `9:59` under ten minutes; `10m`, `17m30s`, `1h5m` from
    /// ten. Negative values get a minus sign (`-0:30`).
    public static func readable(_ seconds: Int) -> String {
        let s = seconds.magnitude
        let sign = seconds < 0 ? "-" : ""
        guard s < UInt(clockStyleBelow) else { return format(seconds) }
        return sign + String(s / 60) + ":" + ClockText.two(Int(s % 60))
    }

    /// A signed difference: `+3:30` over, `-0:30` under, `0:00` on time.
    public static func signed(_ seconds: Int) -> String {
        seconds > 0 ? "+" + readable(seconds) : readable(seconds)
    }

    /// Time left (or, negative, past) on a countdown, as the magnitude: `0:45`, `9:59` under ten
    /// minutes; `10 min`, `44 min` from ten, rounded down, so `10 min` turns into `9:59` and never
    /// reads more than is left.
    public static func left(_ seconds: Int) -> String {
        let s = seconds.magnitude
        guard s < UInt(clockStyleBelow) else { return String(s / 60) + " min" }
        return String(s / 60) + ":" + ClockText.two(Int(s % 60))
    }

    /// A slot's line: `1:15 left of 1:15`, `44 min left of 45m`; past its end `0:30 over`,
    /// `12 min over`.
    public static func remaining(_ seconds: Int, of length: Int) -> String {
        seconds >= 0 ? left(seconds) + " left of " + readable(length) : left(seconds) + " over"
    }

    /// What a finished topic used of the time it had: `1:18 of 0:30`, `12m of 20m`.
    public static func used(_ seconds: Int, of planned: Int) -> String {
        readable(seconds) + " of " + readable(planned)
    }

    /// The seconds `left` stands for with `exact` seconds left, shown rounded up to whole seconds
    /// as every countdown is (negative past zero): exact under ten minutes, whole minutes rounded
    /// down from ten. Whatever is judged on the time shown (a colour, a hint) uses this, so it
    /// changes exactly when the text does; at a slot's start it is the slot's length, never more.
    public static func leftShown(_ exact: Double) -> Int {
        guard exact.isFinite else { return 0 }
        let shown = Int(max(-86_400_000, min(86_400_000, exact)).rounded(.up))
        let s = abs(shown)
        let value = s < clockStyleBelow ? s : s / 60 * 60
        return shown < 0 ? -value : value
    }

    /// Seconds until `left` changes for a countdown with `exact` seconds left, where views show
    /// `Int(exact.rounded(.up))` (see `Snapshot.slotRemaining`): each second under ten minutes,
    /// at each whole minute above. A loop that sleeps this long wakes exactly when the text changes.
    public static func secondsUntilLeftChanges(_ exact: Double) -> Double {
        let shown = exact.rounded(.up)
        if shown > 0 {
            // `shown` stays while exact > shown - 1; from ten minutes it stays while exact > floor(shown / 60) * 60 - 1.
            let below = shown < Double(clockStyleBelow) ? shown - 1 : (shown / 60).rounded(.down) * 60 - 1
            return exact - below
        }
        // Past zero the magnitude (-shown, that is floor(-exact)) grows when -exact reaches the next
        // whole second, or from ten minutes the next whole minute.
        let magnitude = -shown
        let next = magnitude < Double(clockStyleBelow) ? magnitude + 1 : ((magnitude / 60).rounded(.down) + 1) * 60
        return next + exact
    }
}

import Foundation

/// Clock-style text for countdowns: `mm:ss`, or `h:mm:ss` from an hour up.
public enum ClockText {
    /// `mm:ss` of a number of seconds (negative values are shown as their magnitude). Runs every
    /// second in every view, so it pads by hand rather than through `String(format:)`.
    public static func mmss(_ seconds: Int) -> String {
        let s = seconds.magnitude
        if s >= 3600 {
            return String(s / 3600) + ":" + two(Int((s % 3600) / 60)) + ":" + two(Int(s % 60))
        }
        return two(Int(s / 60)) + ":" + two(Int(s % 60))
    }

    /// At least two digits: `07`, `42`, `123`.
    public static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// Minutes for planning tables (`gavel plan`): whole minutes when whole (`20`), else to a tenth
    /// (`17.5`, `0.1` for a 5-second test topic) so nothing planned reads as 0. Screens and summaries
    /// use `DurationText.readable`, `left` and `remaining` instead, which never print decimals.
    public static func minutes(_ seconds: Int) -> String {
        if seconds % 60 == 0 { return String(seconds / 60) }
        let tenths = Int((Double(seconds) / 6).rounded())
        return (seconds < 0 ? "-" : "") + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }
}
