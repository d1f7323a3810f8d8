import Foundation
import TOMLKit

/// Reads an agenda file (TOML) into an `Agenda`, collecting every problem with its line.
public enum AgendaParser {
    public struct Result: Sendable {
        public var agenda: Agenda
        /// Problems worth telling the owner that do not stop the agenda from working.
        public var warnings: [Diagnostic]
    }

    public static func load(path: String) throws(FileError) -> Result {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileError(file: path, line: nil, "cannot read the agenda: \(Self.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(file: path, line: nil, "not UTF-8 text; save the agenda as UTF-8")
        }
        return try parse(text, file: path)
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }

    public static func parse(_ text: String, file: String, defaultTimeZone: TimeZone = .current) throws(FileError) -> Result {
        let root = try SafeTOML.parse(text, file: file)
        var reader = TableReader(file: file, lines: TOMLLineIndex(source: text))
        let agenda = reader.agenda(root, defaultTimeZone: defaultTimeZone)
        let errors = reader.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty || agenda == nil {
            throw FileError(errors.isEmpty ? [Diagnostic(file: file, line: nil, message: "not an agenda")] : errors)
        }
        guard let agenda else { throw FileError(file: file, line: nil, "not an agenda") }
        return Result(agenda: agenda, warnings: reader.diagnostics.filter { $0.severity == .warning })
    }
}

/// Walks the TOML tables, reporting each problem at its key's line.
struct TableReader {
    let file: String
    let lines: TOMLLineIndex
    var diagnostics: [Diagnostic] = []

    init(file: String, lines: TOMLLineIndex) {
        self.file = file
        self.lines = lines
    }

    mutating func error(_ table: String, _ key: String?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: lines.line(table, key), message: message))
    }

    mutating func warning(_ table: String, _ key: String?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: lines.line(table, key), message: message, severity: .warning))
    }

    mutating func checkKeys(_ table: TOMLTable, at path: String, allowed: [String]) {
        for key in table.keys where !allowed.contains(key) {
            let known = allowed.joined(separator: ", ")
            let place = path.isEmpty ? "at the top level" : "in [\(Self.display(path))]"
            error(path, key, "unknown key \"\(key)\" \(place); known keys: \(known)")
        }
    }

    static func display(_ path: String) -> String {
        // slot[2].topic[0] -> slot.topic (3rd slot, 1st topic) is too long; keep it readable.
        path.replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
    }

    mutating func string(_ table: TOMLTable, _ key: String, at path: String, required: Bool = false) -> String? {
        guard let value = table[key] else {
            if required { error(path, key, "missing \"\(key)\"") }
            return nil
        }
        guard let s = value.string else {
            error(path, key, "\"\(key)\" must be a string, not \(value.type)")
            return nil
        }
        if required, s.trimmingCharacters(in: .whitespaces).isEmpty {
            error(path, key, "\"\(key)\" is empty")
            return nil
        }
        return s
    }

    mutating func duration(_ table: TOMLTable, _ key: String, at path: String) -> Int? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else {
            error(path, key, "\"\(key)\" must be a duration string such as \"20m\", not \(value.type)")
            return nil
        }
        switch DurationText.seconds(s) {
        case .success(let seconds): return seconds
        case .failure(let e):
            error(path, key, e.message)
            return nil
        }
    }

    mutating func agenda(_ root: TOMLTable, defaultTimeZone: TimeZone) -> Agenda? {
        checkKeys(root, at: "", allowed: ["title", "event", "room", "timezone", "defaults", "slot"])
        let title = string(root, "title", at: "", required: true)
        let event = string(root, "event", at: "")
        let room = string(root, "room", at: "")
        var zone = defaultTimeZone
        if let name = string(root, "timezone", at: "") {
            if let z = TimeZone(identifier: name) {
                zone = z
            } else {
                error("", "timezone", "unknown time zone \"\(name)\"; use an IANA name such as \"Europe/Paris\" or \"America/Los_Angeles\"")
            }
        }
        var defaults = Agenda.Defaults()
        if let value = root["defaults"] {
            if let table = value.table {
                defaults = readDefaults(table)
            } else {
                error("", "defaults", "\"defaults\" must be a table: [defaults]")
            }
        }
        var slots: [Slot] = []
        if let value = root["slot"] {
            if let array = value.array {
                for (i, element) in array.enumerated() {
                    let path = "slot[\(i)]"
                    guard let table = element.table else {
                        error("", "slot", "each slot must be a table: [[slot]]")
                        continue
                    }
                    if let slot = readSlot(table, at: path, defaults: defaults, zone: zone) { slots.append(slot) }
                }
            } else {
                error("", "slot", "\"slot\" must be an array of tables: [[slot]]")
            }
        }
        if root["slot"] == nil {
            error("", nil, "the agenda has no slots; add at least one [[slot]] with its [[slot.topic]] entries")
        }
        checkUniqueIDs(slots)
        guard let title else { return nil }
        return Agenda(title: title, event: event, room: room, timeZone: zone, defaults: defaults, slots: slots)
    }

    mutating func readDefaults(_ table: TOMLTable) -> Agenda.Defaults {
        let path = "defaults"
        checkKeys(table, at: path, allowed: ["topic", "lightning", "warn"])
        var d = Agenda.Defaults()
        if let t = duration(table, "topic", at: path) {
            if t > 0 { d.topic = t } else { error(path, "topic", "\"topic\" must be longer than 0s") }
        }
        if let l = duration(table, "lightning", at: path) {
            if l > 0 { d.lightning = l } else { error(path, "lightning", "\"lightning\" must be longer than 0s") }
        }
        if let value = table["warn"] {
            if let array = value.array {
                var warn: [Int] = []
                for element in array {
                    guard let s = element.string else {
                        error(path, "warn", "\"warn\" must list durations such as [\"5m\", \"2m\"]")
                        continue
                    }
                    switch DurationText.seconds(s) {
                    case .success(let v): warn.append(v)
                    case .failure(let e): error(path, "warn", e.message)
                    }
                }
                if warn.count > 2 {
                    error(path, "warn", "\"warn\" takes at most two times: amber, then red")
                } else if warn.count == 2, warn[0] <= warn[1] {
                    error(path, "warn", "\"warn\" times must go down: amber first (e.g. \"5m\"), then red (e.g. \"2m\")")
                } else if warn.contains(0) {
                    error(path, "warn", "a warn time of 0s never shows; the countdown turns to overtime at zero anyway")
                } else {
                    d.warn = warn
                }
            } else {
                error(path, "warn", "\"warn\" must be an array such as [\"5m\", \"2m\"]")
            }
        }
        return d
    }

    mutating func readSlot(_ table: TOMLTable, at path: String, defaults: Agenda.Defaults, zone: TimeZone) -> Slot? {
        checkKeys(table, at: path, allowed: ["id", "title", "start", "length", "room", "topic"])
        let title = string(table, "title", at: path, required: true)
        var id = string(table, "id", at: path)
        if let given = id, !Slug.isValidID(given) {
            error(path, "id", "slot id \"\(given)\" may hold only letters, digits, '.', '_' and '-' (it names the summary file)")
            id = nil
        }
        if id == nil, let title { id = Slug.make(title) }
        var start: Date? = nil
        if let value = table["start"] {
            start = readTime(value, key: "start", at: path, zone: zone)
        }
        var length = 0
        if let l = duration(table, "length", at: path) {
            if l > 0 { length = l } else { error(path, "length", "a slot's \"length\" must be longer than 0s") }
        } else if table["length"] == nil {
            error(path, nil, "slot \"\(title ?? "?")\" has no \"length\" (e.g. length = \"45m\")")
        }
        var topics: [Topic] = []
        if let value = table["topic"] {
            if let array = value.array {
                for (i, element) in array.enumerated() {
                    let tpath = "\(path).topic[\(i)]"
                    guard let t = element.table else {
                        error(path, "topic", "each topic must be a table: [[slot.topic]]")
                        continue
                    }
                    if let topic = readTopic(t, at: tpath, defaults: defaults, index: i) { topics.append(topic) }
                }
            } else {
                error(path, "topic", "\"topic\" must be an array of tables: [[slot.topic]]")
            }
        }
        if topics.isEmpty, table["topic"] == nil {
            error(path, nil, "slot \"\(title ?? "?")\" has no topics; add [[slot.topic]] entries under it")
        }
        guard let title, let id else { return nil }
        let planned = topics.reduce(0) { $0 + $1.length }
        if length > 0, planned > length {
            warning(path, "length", "slot \"\(id)\" is overbooked: \(DurationText.format(planned)) of topics in \(DurationText.format(length))")
        }
        return Slot(id: id, title: title, start: start, length: length, room: string(table, "room", at: path), topics: topics)
    }

    mutating func readTopic(_ table: TOMLTable, at path: String, defaults: Agenda.Defaults, index: Int) -> Topic? {
        checkKeys(table, at: path, allowed: ["id", "title", "speakers", "length", "kind", "note"])
        let title = string(table, "title", at: path, required: true)
        var kind = TopicKind.talk
        if let k = string(table, "kind", at: path) {
            if let parsed = TopicKind(rawValue: k) {
                kind = parsed
            } else {
                error(path, "kind", "unknown kind \"\(k)\"; use \"talk\" or \"lightning\"")
            }
        }
        var speakers: [String] = []
        if let value = table["speakers"] {
            if let s = value.string {
                speakers = [s]
            } else if let array = value.array {
                for element in array {
                    if let s = element.string, !s.trimmingCharacters(in: .whitespaces).isEmpty {
                        speakers.append(s)
                    } else {
                        error(path, "speakers", "\"speakers\" must list names as strings, e.g. [\"Alex Williamson\"]")
                    }
                }
            } else {
                error(path, "speakers", "\"speakers\" must be a list of names, e.g. [\"Alex Williamson\"]")
            }
        }
        var length = kind == .lightning ? defaults.lightning : defaults.topic
        if let l = duration(table, "length", at: path) {
            if l > 0 { length = l } else { error(path, "length", "a topic's \"length\" must be longer than 0s") }
        }
        var id = string(table, "id", at: path)
        if let given = id, !Slug.isValidID(given) {
            error(path, "id", "topic id \"\(given)\" may hold only letters, digits, '.', '_' and '-'")
            id = nil
        }
        let note = string(table, "note", at: path)
        guard let title else { return nil }
        let derived = Slug.make(title)
        return Topic(id: id ?? (derived.isEmpty ? "topic-\(index + 1)" : derived), title: title, speakers: speakers,
                     length: length, kind: kind, note: note)
    }

    mutating func readTime(_ value: TOMLValueConvertible, key: String, at path: String, zone: TimeZone) -> Date? {
        if let dt = value.dateTime {
            var c = DateComponents(year: dt.date.year, month: dt.date.month, day: dt.date.day,
                                   hour: dt.time.hour, minute: dt.time.minute, second: dt.time.second)
            var calendar = Calendar(identifier: .gregorian)
            if let offset = dt.offset, let tz = TimeZone(secondsFromGMT: offset.offset * 60) {
                calendar.timeZone = tz
            } else {
                calendar.timeZone = zone
            }
            c.calendar = calendar
            if let d = calendar.date(from: c) { return d }
        } else if let s = value.string, let d = LocalTime.parse(s, zone: zone) {
            return d
        }
        error(path, key, "\"\(key)\" must be a date and time such as 2012-08-29T13:30:00")
        return nil
    }

    mutating func checkUniqueIDs(_ slots: [Slot]) {
        var seenSlots: [String: Int] = [:]
        var seenTopics: [String: String] = [:]
        for (i, slot) in slots.enumerated() {
            let path = "slot[\(i)]"
            if let first = seenSlots[slot.id] {
                error(path, "id", "duplicate slot id \"\(slot.id)\" (also slot \(first + 1)); give each slot its own id")
            }
            seenSlots[slot.id] = i
            for (j, topic) in slot.topics.enumerated() {
                if let other = seenTopics[topic.id] {
                    error("\(path).topic[\(j)]", "id",
                          "duplicate topic id \"\(topic.id)\" (also in slot \"\(other)\"); set a distinct id = \"...\"")
                }
                seenTopics[topic.id] = slot.id
            }
        }
    }
}

/// Local date-times written as text: `2012-08-29T13:30` or `2012-08-29T13:30:00`, in a zone.
public enum LocalTime {
    public static func parse(_ text: String, zone: TimeZone) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        let parts = s.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 2 || t.count == 3,
              (1...12).contains(d[1]), (1...31).contains(d[2]), (0...23).contains(t[0]), (0...59).contains(t[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = DateComponents(calendar: calendar, year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1],
                               second: t.count == 3 ? t[2] : 0)
        return calendar.date(from: c)
    }

    /// `2012-08-29T13:30:00` in `zone`.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `13:30` in `zone`.
    public static func hhmm(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
