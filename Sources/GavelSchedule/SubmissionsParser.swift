import Foundation
import GavelCore

/// Reads a submissions file (TOML) for `gavel plan`, every problem as `FILE:LINE: message`.
///
/// ```toml
/// title = "Virtualization Microconference"
/// slot_length = "45m"
/// slots = ["2012-08-29T09:00", "2012-08-29T09:50"]   # or a count: slots = 6
/// min_topic = "15m"
/// [[submission]]
/// title = "VFIO"
/// speakers = ["Alex Williamson"]
/// category = "networking"
/// kind = "talk"        # or "lightning"
/// [categories]          # optional slot titles for category names
/// mm = "Memory management"
/// [[busy]]
/// speaker = "Alex Williamson"
/// from = "2012-08-29T09:00"
/// to = "2012-08-29T10:30"
/// ```
public enum SubmissionsParser {
    public static func load(path: String) throws(FileError) -> Submissions {
        guard let data = ScheduleReading.contents(atPath: path) else {
            throw FileError(file: path, line: nil, "cannot read the submissions file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(file: path, line: nil, "not UTF-8 text; save the file as UTF-8")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String, defaultTimeZone: TimeZone = .current) throws(FileError) -> Submissions {
        let root = try TOML.parse(text, file: file)
        var reader = Reader(file: file)
        let result = reader.submissions(root, defaultTimeZone: defaultTimeZone)
        if !reader.errors.isEmpty { throw FileError(reader.errors) }
        guard let result else { throw FileError(file: file, line: nil, "not a submissions file") }
        return result
    }

    struct Reader {
        let file: String
        var errors: [Diagnostic] = []

        mutating func error(_ table: TOML.Table, _ key: String?, _ message: String) {
            errors.append(Diagnostic(file: file, line: key.flatMap { table.line(of: $0) } ?? table.line, message: message))
        }

        mutating func string(_ t: TOML.Table, _ key: String, required: Bool = false) -> String? {
            guard let v = t[key] else {
                if required { error(t, key, "missing \"\(key)\"") }
                return nil
            }
            guard let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                error(t, key, "\"\(key)\" must be a non-empty string")
                return nil
            }
            return s.trimmingCharacters(in: .whitespaces)
        }

        mutating func duration(_ t: TOML.Table, _ key: String, default value: Int?) -> Int? {
            guard let s = string(t, key, required: value == nil) else { return value }
            switch DurationText.seconds(s) {
            case .success(let v) where v > 0: return v
            case .success: error(t, key, "\"\(key)\" must be longer than 0s"); return nil
            case .failure(let e): error(t, key, e.message); return nil
            }
        }

        mutating func time(_ v: TOML.Value, key: String, in t: TOML.Table, zone: TimeZone) -> Date? {
            if let dt = v.dateTime {
                if let date = dt.date, let clock = dt.time {
                    let local = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day,
                                       clock.hour, clock.minute, clock.second)
                    let z = dt.offsetMinutes.flatMap { TimeZone(secondsFromGMT: $0 * 60) } ?? zone
                    if let d = LocalTime.parse(local, zone: z) { return d }
                }
            } else if let s = v.string, let d = LocalTime.parse(s, zone: zone) {
                return d
            }
            error(t, key, "\"\(key)\" must be a date and time such as \"2012-08-29T09:00\"")
            return nil
        }

        mutating func checkKeys(_ t: TOML.Table, allowed: [String]) {
            for key in t.keys where !allowed.contains(key) {
                error(t, key, "unknown key \"\(key)\"; known keys: \(allowed.joined(separator: ", "))")
            }
        }

        mutating func submissions(_ root: TOML.Table, defaultTimeZone: TimeZone) -> Submissions? {
            checkKeys(root, allowed: ["title", "event", "room", "timezone", "slot_length", "slots", "min_topic",
                                              "lightning", "categories", "submission", "busy"])
            let title = string(root, "title", required: true)
            let event = string(root, "event")
            let room = string(root, "room")
            var zone = defaultTimeZone
            if let name = string(root, "timezone") {
                if let z = TimeZone(identifier: name) { zone = z } else { error(root, "timezone", "unknown time zone \"\(name)\"; use an IANA name such as \"America/Los_Angeles\"") }
            }
            let slotLength = duration(root, "slot_length", default: nil)
            let minTopic = duration(root, "min_topic", default: nil)
            let lightning = duration(root, "lightning", default: 5 * 60)
            var starts: [Date?] = []
            if let v = root["slots"] {
                if let n = v.integer {
                    if (1...100).contains(n) { starts = Array(repeating: nil, count: n) } else { error(root, "slots", "\"slots\" must be between 1 and 100") }
                } else if let array = v.array {
                    for element in array {
                        if let d = time(element, key: "slots", in: root, zone: zone) { starts.append(d) }
                    }
                    if array.count == 0 { error(root, "slots", "\"slots\" lists no times") }
                    let known = starts.compactMap { $0 }
                    if zip(known, known.dropFirst()).contains(where: { $0 >= $1 }) {
                        error(root, "slots", "\"slots\" must list times in order, each after the one before")
                    } else if let l = slotLength, zip(known, known.dropFirst()).contains(where: { $1.timeIntervalSince($0) < TimeInterval(l) }) {
                        error(root, "slots", "two slots overlap: each start must be at least slot_length after the previous one")
                    }
                } else {
                    error(root, "slots", "\"slots\" must be a list of start times or a number of slots")
                }
            } else {
                error(root, nil, "missing \"slots\": the start times the track was given, or their number")
            }
            var categoryTitles: [String: String] = [:]
            if let v = root["categories"] {
                if let t = v.table {
                    for key in t.keys {
                        if let s = string(t, key) { categoryTitles[key] = s }
                    }
                } else {
                    error(root, "categories", "\"categories\" must be a table of slot titles: [categories] then mm = \"Memory management\"")
                }
            }
            var entries: [Submission] = []
            var usedIDs = Set<String>()
            if let array = root["submission"]?.array {
                for (i, element) in array.enumerated() {
                    
                    guard let t = element.table else { error(root, "submission", "each submission must be a table: [[submission]]"); continue }
                    checkKeys(t, allowed: ["id", "title", "speakers", "category", "kind"])
                    let stitle = string(t, "title", required: true)
                    let category = string(t, "category") ?? "other"
                    var kind = TopicKind.talk
                    if let k = string(t, "kind") {
                        if let parsed = TopicKind(rawValue: k) { kind = parsed } else { error(t, "kind", "unknown kind \"\(k)\"; use \"talk\" or \"lightning\"") }
                    }
                    var speakers: [String] = []
                    if let v = t["speakers"] {
                        if let s = v.string { speakers = [s] }
                        else if let a = v.array {
                            for e in a {
                                if let s = e.string, !s.trimmingCharacters(in: .whitespaces).isEmpty { speakers.append(s) }
                                else { error(t, "speakers", "\"speakers\" must list names as strings") }
                            }
                        } else { error(t, "speakers", "\"speakers\" must be a list of names") }
                    }
                    var id = string(t, "id")
                    if let given = id, !Slug.isValidID(given) {
                        error(t, "id", "id \"\(given)\" may hold only letters, digits, '.', '_' and '-'")
                        id = nil
                    }
                    guard let stitle else { continue }
                    var base = id ?? Slug.make(stitle)
                    if base.isEmpty { base = "submission-\(i + 1)" }
                    var unique = base
                    var n = 2
                    while usedIDs.contains(unique) {
                        if id != nil { error(t, "id", "duplicate id \"\(base)\""); break }
                        unique = "\(base)-\(n)"; n += 1
                    }
                    usedIDs.insert(unique)
                    entries.append(Submission(index: i, id: unique, title: stitle, speakers: speakers, category: category, kind: kind))
                }
            } else if root["submission"] != nil {
                error(root, "submission", "\"submission\" must be an array of tables: [[submission]]")
            }
            if entries.isEmpty, root["submission"] == nil { error(root, nil, "no [[submission]] entries to plan") }
            var busy: [Busy] = []
            if let array = root["busy"]?.array {
                for element in array {
                    
                    guard let t = element.table else { error(root, "busy", "each busy entry must be a table: [[busy]]"); continue }
                    checkKeys(t, allowed: ["speaker", "from", "to"])
                    let speaker = string(t, "speaker", required: true)
                    let from = t["from"].flatMap { time($0, key: "from", in: t, zone: zone) }
                    let to = t["to"].flatMap { time($0, key: "to", in: t, zone: zone) }
                    if t["from"] == nil { error(t, "from", "missing \"from\"") }
                    if t["to"] == nil { error(t, "to", "missing \"to\"") }
                    guard let speaker, let from, let to else { continue }
                    if to <= from { error(t, "to", "\"to\" must be after \"from\""); continue }
                    if !entries.contains(where: { $0.speakers.contains(speaker) }) {
                        error(t, "speaker", "\"\(speaker)\" is not a speaker of any submission; check the spelling")
                    }
                    busy.append(Busy(speaker: speaker, from: from, to: to))
                }
            } else if root["busy"] != nil {
                error(root, "busy", "\"busy\" must be an array of tables: [[busy]]")
            }
            if !busy.isEmpty, starts.contains(where: { $0 == nil }) {
                error(root, "slots", "[[busy]] times need slot start times: list them in \"slots\" instead of a count")
            }
            if let l = slotLength, let m = minTopic, m > l {
                error(root, "min_topic", "\"min_topic\" (\(DurationText.format(m))) is longer than a slot (\(DurationText.format(l)))")
            }
            guard let title, let slotLength, let minTopic, let lightning, !starts.isEmpty else { return nil }
            return Submissions(title: title, event: event, room: room, timeZone: zone, slotLength: slotLength,
                               slotStarts: starts, minTopic: minTopic, lightning: lightning, entries: entries, busy: busy, categoryTitles: categoryTitles)
        }
    }
}
