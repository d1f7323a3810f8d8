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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            return .failure(.init(message: "empty duration; write it like \"20m\", \"90s\" or \"1h30m\""))
        }
        var total = 0
        var number = ""
        var lastUnitRank = -1
        for ch in trimmed {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
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
        var s = abs(seconds)
        let h = s / 3600; s %= 3600
        let m = s / 60; s %= 60
        var out = ""
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 || out.isEmpty { out += "\(s)s" }
        return sign + out
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

    /// Minutes for plans and tables: whole minutes when whole (`20`), else to a tenth (`17.5`,
    /// `0.1` for a 5-second test topic) so nothing planned reads as 0.
    public static func minutes(_ seconds: Int) -> String {
        if seconds % 60 == 0 { return String(seconds / 60) }
        let tenths = Int((Double(seconds) / 6).rounded())
        return (seconds < 0 ? "-" : "") + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }
}
