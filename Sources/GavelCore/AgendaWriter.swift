import Foundation

/// Writes an `Agenda` as the TOML that `AgendaParser` reads back to an equal `Agenda`.
///
/// Every value is spelled out (ids, lengths, the time zone, the defaults), so nothing depends on
/// the reader's defaults; starts are local date-times in the agenda's zone.
public enum AgendaWriter {
    public static func toml(_ agenda: Agenda, header: [String] = []) -> String {
        var out = ""
        for line in header { out += "# \(line)\n" }
        if !header.isEmpty { out += "\n" }
        out += "title = \(quoted(agenda.title))\n"
        if let event = agenda.event { out += "event = \(quoted(event))\n" }
        if let room = agenda.room { out += "room = \(quoted(room))\n" }
        out += "timezone = \(quoted(agenda.timeZone.identifier))\n"
        if let guess = agenda.timeZoneGuess { out += "timezone_guess = \(quoted(guess))\n" }
        out += "\n[defaults]\n"
        out += "topic = \(quoted(DurationText.format(agenda.defaults.topic)))\n"
        out += "lightning = \(quoted(DurationText.format(agenda.defaults.lightning)))\n"
        out += "warn = \(durations(agenda.defaults.warn))\n"
        out += "warn_lightning = \(durations(agenda.defaults.warnLightning))\n"
        if agenda.defaults.atZero != .overtime { out += "at_zero = \(quoted(agenda.defaults.atZero.rawValue))\n" }
        if agenda.defaults.minTopic != Agenda.Defaults().minTopic { out += "min_topic = \(quoted(DurationText.format(agenda.defaults.minTopic)))\n" }
        if agenda.defaults.messages != Agenda.Defaults.standardMessages {
            out += "messages = [" + agenda.defaults.messages.map(quoted).joined(separator: ", ") + "]\n"
        }
        for slot in agenda.slots {
            out += "\n[[slot]]\n"
            out += "id = \(quoted(slot.id))\n"
            out += "title = \(quoted(slot.title))\n"
            if let start = slot.start { out += "start = \(LocalTime.format(start, zone: agenda.timeZone))\n" }
            out += "length = \(quoted(DurationText.format(slot.length)))\n"
            if let room = slot.room { out += "room = \(quoted(room))\n" }
            if let warn = slot.warn { out += "warn = \(durations(warn))\n" }
            if let atZero = slot.atZero { out += "at_zero = \(quoted(atZero.rawValue))\n" }
            if let until = slot.until { out += "until = \(quoted(until.text))\n" }
            for topic in slot.topics {
                out += "\n  [[slot.topic]]\n"
                out += "  id = \(quoted(topic.id))\n"
                out += "  title = \(quoted(topic.title))\n"
                if !topic.speakers.isEmpty {
                    out += "  speakers = [\(topic.speakers.map(quoted).joined(separator: ", "))]\n"
                }
                out += "  length = \(quoted(DurationText.format(topic.length)))\n"
                if topic.kind != .talk { out += "  kind = \(quoted(topic.kind.rawValue))\n" }
                if let note = topic.note { out += "  note = \(quoted(note))\n" }
                if let warn = topic.warn { out += "  warn = \(durations(warn))\n" }
                if let atZero = topic.atZero { out += "  at_zero = \(quoted(atZero.rawValue))\n" }
                if let until = topic.until { out += "  until = \(quoted(until.text))\n" }
                if let start = topic.start { out += "  start = \(topicStart(start, slot: slot, zone: agenda.timeZone))\n" }
                if let ref = topic.ref { out += "  ref = \(quoted(ref))\n" }
                if let eventID = topic.eventID { out += "  event_id = \(quoted(eventID))\n" }
                if let url = topic.url { out += "  url = \(quoted(url))\n" }
            }
        }
        if !agenda.renamed.isEmpty {
            out += "\n[renamed]\n"
            for key in agenda.renamed.keys.sorted() { out += "\(quoted(key)) = \(quoted(agenda.renamed[key] ?? ""))\n" }
        }
        return out
    }

    /// Durations as a TOML array: `["5m", "2m"]`.
    static func durations(_ seconds: [Int]) -> String {
        "[" + seconds.map { quoted(DurationText.format($0)) }.joined(separator: ", ") + "]"
    }

    /// `"10:30"` (or `"10:30:15"`) when that reads back to the same second in the slot, else a
    /// date-time with its offset (a start on another day, or in the hour the clocks repeat).
    static func topicStart(_ start: Date, slot: Slot, zone: TimeZone) -> String {
        let whole = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down))
        let wall = WallTime(whole, zone: zone)
        if let slotStart = slot.start,
           TableReader.topicStart(hour: wall.hour, minute: wall.minute, second: wall.second, slotStart: slotStart,
                                  slotLength: slot.length, zone: zone) == whole {
            return quoted(wall.clockText)
        }
        let offset = zone.secondsFromGMT(for: whole)
        let sign = offset < 0 ? "-" : "+"
        return LocalTime.format(whole, zone: zone) + String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
