import Foundation

/// Reads an agenda file (TOML) into an `Agenda`, collecting every problem with its line.
public enum AgendaParser {
    public struct Result: Sendable {
        public var agenda: Agenda
        /// Problems worth telling the owner that do not stop the agenda from working.
        public var warnings: [Diagnostic]
    }

    /// `defaultTimeZone`: the zone of times when the agenda names none (a session's recorded zone).
    public static func load(path: String, defaultTimeZone: TimeZone = .current) throws(FileError) -> Result {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileError(file: path, line: nil, "cannot read the agenda: \(Self.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(file: path, line: nil, "not UTF-8 text; save the agenda as UTF-8")
        }
        return try parse(text, file: path, defaultTimeZone: defaultTimeZone)
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
        let root = try TOML.parse(text, file: file)
        var reader = TableReader(file: file)
        let agenda = reader.agenda(root, defaultTimeZone: defaultTimeZone)
        let errors = reader.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty || agenda == nil {
            throw FileError(errors.isEmpty ? [Diagnostic(file: file, line: nil, message: "not an agenda")] : errors)
        }
        guard let agenda else { throw FileError(file: file, line: nil, "not an agenda") }
        return Result(agenda: agenda, warnings: reader.diagnostics.filter { $0.severity == .warning })
    }
}

/// Walks TOML tables, reporting each problem at its key's line (or its table's).
public struct TableReader {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public mutating func error(_ table: TOML.Table, _ key: String?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: key.flatMap { table.line(of: $0) } ?? table.line, message: message))
    }

    public mutating func warning(_ table: TOML.Table, _ key: String?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: key.flatMap { table.line(of: $0) } ?? table.line,
                                      message: message, severity: .warning))
    }

    /// Reports keys not in `allowed`; `name` is the table as the user wrote it, e.g. `slot.topic`.
    public mutating func checkKeys(_ table: TOML.Table, name: String, allowed: [String]) {
        for key in table.keys where !allowed.contains(key) {
            let known = allowed.joined(separator: ", ")
            let place = name.isEmpty ? "at the top level" : "in [\(name)]"
            error(table, key, "unknown key \"\(key)\" \(place); known keys: \(known)")
        }
    }

    public mutating func string(_ table: TOML.Table, _ key: String, required: Bool = false) -> String? {
        guard let value = table[key] else {
            if required { error(table, key, "missing \"\(key)\"") }
            return nil
        }
        guard let s = value.string else {
            error(table, key, "\"\(key)\" must be a string, not \(value.typeName)")
            return nil
        }
        if required, s.isBlank {
            error(table, key, "\"\(key)\" is empty")
            return nil
        }
        return s
    }

    public mutating func duration(_ table: TOML.Table, _ key: String) -> Int? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else {
            error(table, key, "\"\(key)\" must be a duration string such as \"20m\", not \(value.typeName)")
            return nil
        }
        switch DurationText.seconds(s) {
        case .success(let seconds): return seconds
        case .failure(let e):
            error(table, key, e.message)
            return nil
        }
    }

    mutating func agenda(_ root: TOML.Table, defaultTimeZone: TimeZone) -> Agenda? {
        checkKeys(root, name: "", allowed: ["title", "event", "room", "timezone", "timezone_guess", "defaults", "slot", "renamed"])
        let title = string(root, "title", required: true)
        let event = string(root, "event")
        let room = string(root, "room")
        var zone = defaultTimeZone
        let zoneName = string(root, "timezone")
        if let name = zoneName {
            if let z = TimeZone(identifier: name) {
                zone = z
            } else {
                error(root, "timezone", "unknown time zone \"\(name)\"; use an IANA name such as \"Europe/Paris\" or \"America/Los_Angeles\"")
            }
        }
        let guess = string(root, "timezone_guess")
        if let guess {
            warning(root, "timezone_guess", "the time zone \"\(zone.identifier)\" is a guess: \(guess); set timezone to the zone the times are meant in, then remove timezone_guess")
        }
        var defaults = Agenda.Defaults()
        if let value = root["defaults"] {
            if let table = value.table {
                defaults = readDefaults(table)
            } else {
                error(root, "defaults", "\"defaults\" must be a table: [defaults]")
            }
        }
        var slots: [(Slot, TOML.Table)] = []
        if let value = root["slot"] {
            if let array = value.array {
                for element in array {
                    guard let table = element.table else {
                        error(root, "slot", "each slot must be a table: [[slot]]")
                        continue
                    }
                    if let slot = readSlot(table, defaults: defaults, zone: zone) { slots.append((slot, table)) }
                }
            } else {
                error(root, "slot", "\"slot\" must be an array of tables: [[slot]]")
            }
        } else {
            error(root, nil, "the agenda has no slots; add at least one [[slot]] with its [[slot.topic]] entries")
        }
        checkUniqueIDs(slots)
        let renamed = readRenamed(root, slots: slots.map(\.0))
        guard let title else { return nil }
        return Agenda(title: title, event: event, room: room, timeZone: zone, timeZoneGuess: guess, namesTimeZone: zoneName != nil, defaults: defaults, slots: slots.map(\.0),
                      renamed: renamed)
    }

    /// `[renamed]`: `old-id = "new-id"` for each slot or topic whose id changed while the session
    /// ran (a title given later, from which the id is derived), so its clock and notes follow it.
    mutating func readRenamed(_ root: TOML.Table, slots: [Slot]) -> [String: String] {
        guard let value = root["renamed"] else { return [:] }
        guard let table = value.table else {
            error(root, "renamed", "\"renamed\" must be a table: [renamed] with old-id = \"new-id\" lines")
            return [:]
        }
        let slotIDs = Set(slots.map(\.id)), topicIDs = Set(slots.flatMap { $0.topics.map(\.id) })
        var out: [String: String] = [:]
        for key in table.keys.sorted() {
            guard let new = table[key]?.string else {
                error(table, key, "renamed.\(key) must be the new id as a string, e.g. \(key) = \"new-id\"")
                continue
            }
            if slotIDs.contains(key) || topicIDs.contains(key) {
                error(table, key, "\"\(key)\" is still an id on the agenda; [renamed] maps ids that are gone to the ones they became")
            } else if !slotIDs.contains(new) && !topicIDs.contains(new) {
                error(table, key, "renamed.\(key) = \"\(new)\": no slot or topic has the id \"\(new)\"")
            } else {
                out[key] = new
            }
        }
        return out
    }

    mutating func readDefaults(_ table: TOML.Table) -> Agenda.Defaults {
        checkKeys(table, name: "defaults", allowed: ["topic", "lightning", "warn", "warn_lightning", "at_zero", "messages", "min_topic"])
        var d = Agenda.Defaults()
        if let t = duration(table, "topic") {
            if t > 0 { d.topic = t } else { error(table, "topic", "\"topic\" must be longer than 0s") }
        }
        if let l = duration(table, "lightning") {
            if l > 0 { d.lightning = l } else { error(table, "lightning", "\"lightning\" must be longer than 0s") }
        }
        if let warn = readWarn(table, "warn") { d.warn = warn }
        if let warn = readWarn(table, "warn_lightning") { d.warnLightning = warn }
        if let atZero = readAtZero(table) { d.atZero = atZero }
        if let m = duration(table, "min_topic") {
            if m > 0 { d.minTopic = m } else { error(table, "min_topic", "\"min_topic\" must be longer than 0s") }
        }
        if let value = table["messages"] {
            let texts = value.array?.compactMap(\.string) ?? []
            if value.array == nil || texts.count != value.array?.count || texts.contains(where: { $0.isBlank }) {
                error(table, "messages", "\"messages\" must list texts, e.g. [\"5 minutes\", \"questions now\"]")
            } else {
                d.messages = texts
            }
        }
        return d
    }

    /// Warn times: at most two, amber then red, going down, none zero. Nil when absent or wrong
    /// (the error is reported).
    mutating func readWarn(_ table: TOML.Table, _ key: String) -> [Int]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            error(table, key, "\"\(key)\" must be an array such as [\"5m\", \"2m\"]")
            return nil
        }
        var warn: [Int] = []
        for element in array {
            guard let s = element.string else {
                error(table, key, "\"\(key)\" must list durations such as [\"5m\", \"2m\"]")
                return nil
            }
            switch DurationText.seconds(s) {
            case .success(let v): warn.append(v)
            case .failure(let e):
                error(table, key, e.message)
                return nil
            }
        }
        if warn.count > 2 {
            error(table, key, "\"\(key)\" takes at most two times: amber, then red")
        } else if warn.count == 2, warn[0] <= warn[1] {
            error(table, key, "\"\(key)\" times must go down: amber first (e.g. \"5m\"), then red (e.g. \"2m\")")
        } else if warn.contains(0) {
            error(table, key, "a warn time of 0s never shows; the countdown turns to overtime at zero anyway")
        } else {
            return warn
        }
        return nil
    }

    /// `at_zero = "overtime" | "stop" | "next"`.
    mutating func readAtZero(_ table: TOML.Table) -> AtZero? {
        guard let text = string(table, "at_zero") else { return nil }
        guard let value = AtZero(rawValue: text) else {
            error(table, "at_zero", "unknown at_zero \"\(text)\"; use \"overtime\" (count up), \"stop\" (hold 00:00) or \"next\" (start the next topic)")
            return nil
        }
        return value
    }

    /// `until = "10:30"` (or a TOML local time, `until = 10:30:00`): a time of day.
    mutating func readUntil(_ table: TOML.Table) -> TimeOfDay? {
        guard let value = table["until"] else { return nil }
        if let t = value.dateTime, t.date == nil, let time = t.time {
            return TimeOfDay(seconds: time.hour * 3600 + time.minute * 60 + time.second)
        }
        if let text = value.string, let t = TimeOfDay(text) { return t }
        error(table, "until", "\"until\" must be a time of day such as \"10:30\"")
        return nil
    }

    mutating func readSlot(_ table: TOML.Table, defaults: Agenda.Defaults, zone: TimeZone) -> Slot? {
        checkKeys(table, name: "slot", allowed: ["id", "title", "start", "length", "room", "topic", "warn", "at_zero", "until"])
        let slotWarn = readWarn(table, "warn")
        let title = string(table, "title", required: true)
        var id = string(table, "id")
        if let given = id, !Slug.isValidID(given) {
            error(table, "id", "slot id \"\(given)\" may hold only letters, digits, '.', '_' and '-' (it names the summary file)")
            id = nil
        }
        if id == nil, let title { id = Slug.make(title).isEmpty ? "slot" : Slug.make(title) }
        var start: Date? = nil
        if let value = table["start"] {
            start = readTime(value, key: "start", in: table, zone: zone)
        }
        var length = 0
        if let l = duration(table, "length") {
            if l > 0 { length = l } else { error(table, "length", "a slot's \"length\" must be longer than 0s") }
        } else if table["length"] == nil {
            error(table, nil, "slot \"\(title ?? "?")\" has no \"length\" (e.g. length = \"45m\")")
        }
        var topics: [Topic] = []
        if let value = table["topic"] {
            if let array = value.array {
                var previous: (topic: Topic, table: TOML.Table)?
                for (i, element) in array.enumerated() {
                    guard let t = element.table else {
                        error(table, "topic", "each topic must be a table: [[slot.topic]]")
                        continue
                    }
                    guard var topic = readTopic(t, defaults: defaults, slotWarn: slotWarn, index: i) else { continue }
                    if let value = t["start"] {
                        topic.start = readTopicStart(value, in: t, slotStart: start, slotLength: length, zone: zone)
                        if let s = topic.start { checkTopicStart(s, of: topic, in: t, after: previous?.topic, slotStart: start, slotLength: length, zone: zone) }
                    }
                    topics.append(topic)
                    previous = (topic, t)
                }
            } else {
                error(table, "topic", "\"topic\" must be an array of tables: [[slot.topic]]")
            }
        } else {
            error(table, nil, "slot \"\(title ?? "?")\" has no topics; add [[slot.topic]] entries under it")
        }
        guard let title, let id else { return nil }
        let planned = topics.reduce(0) { $0 + $1.length }
        if length > 0, planned > length {
            warning(table, "length", "slot \"\(id)\" is overbooked: \(DurationText.format(planned)) of topics in \(DurationText.format(length))")
        }
        return Slot(id: id, title: title, start: start, length: length, room: string(table, "room"), topics: topics, warn: slotWarn,
                    atZero: readAtZero(table), until: readUntil(table))
    }

    mutating func readTopic(_ table: TOML.Table, defaults: Agenda.Defaults, slotWarn: [Int]?, index: Int) -> Topic? {
        checkKeys(table, name: "slot.topic", allowed: ["id", "title", "speakers", "length", "kind", "note", "warn", "at_zero", "until",
                                                       "start", "ref", "event_id", "url"])
        let title = string(table, "title", required: true)
        var kind = TopicKind.talk
        if let k = string(table, "kind") {
            if let parsed = TopicKind(rawValue: k) {
                kind = parsed
            } else {
                error(table, "kind", "unknown kind \"\(k)\"; use \"talk\" or \"lightning\"")
            }
        }
        var speakers: [String] = []
        if let value = table["speakers"] {
            if let s = value.string {
                speakers = [s]
            } else if let array = value.array {
                for element in array {
                    if let s = element.string, !s.isBlank {
                        speakers.append(s)
                    } else {
                        error(table, "speakers", "\"speakers\" must list names as strings, e.g. [\"Alex Williamson\"]")
                    }
                }
            } else {
                error(table, "speakers", "\"speakers\" must be a list of names, e.g. [\"Alex Williamson\"]")
            }
        }
        var length = kind == .lightning ? defaults.lightning : defaults.topic
        if let l = duration(table, "length") {
            if l > 0 { length = l } else { error(table, "length", "a topic's \"length\" must be longer than 0s") }
        }
        var id = string(table, "id")
        if let given = id, !Slug.isValidID(given) {
            error(table, "id", "topic id \"\(given)\" may hold only letters, digits, '.', '_' and '-'")
            id = nil
        }
        let note = string(table, "note")
        // Its own warn times, else its slot's, else the defaults for its kind; a time at or above
        // its length would make it amber from its first second, so it is left out, with a word.
        let warn = readWarn(table, "warn")
        let resolved = warn ?? slotWarn ?? (kind == .lightning ? defaults.warnLightning : defaults.warn)
        if let tooLong = resolved.first(where: { $0 >= length }) {
            warning(table, table["warn"] == nil ? nil : "warn",
                    "topic \"\(title ?? "?")\": warn time \(DurationText.format(tooLong)) is not below its length \(DurationText.format(length)); "
                    + "it is left out (set warn = [...] on the topic, or warn_lightning in [defaults])")
        }
        let ref = string(table, "ref")
        let eventID = string(table, "event_id")
        let url = string(table, "url")
        guard let title else { return nil }
        let madeID: String
        if let id {
            madeID = id
        } else {
            let derived = Slug.make(title)
            madeID = derived.isEmpty ? "topic-\(index + 1)" : derived
        }
        return Topic(id: madeID, title: title, speakers: speakers,
                     length: length, kind: kind, note: note, warn: warn, atZero: readAtZero(table), until: readUntil(table),
                     ref: ref, eventID: eventID, url: url)
    }

    /// A topic's published start: `"10:30"` or `"10:30:15"` (a TOML local time works too) on its
    /// slot's day, in the agenda's zone (past midnight when the slot runs over it), or a full
    /// date-time. Around a change of the clocks a repeated time is its first occurrence and a
    /// skipped one moves past the gap (RFC 5545's rule); a date-time with an offset is exact.
    mutating func readTopicStart(_ value: TOML.Value, in table: TOML.Table, slotStart: Date?, slotLength: Int, zone: TimeZone) -> Date? {
        var clock: (h: Int, m: Int, s: Int)?
        if let dt = value.dateTime {
            if dt.date != nil { return readTime(value, key: "start", in: table, zone: zone) }
            if let t = dt.time { clock = (t.hour, t.minute, t.second) }
        } else if let text = value.string {
            if let c = Self.clockTime(text) {
                clock = c
            } else if text.contains("-") {
                return readTime(value, key: "start", in: table, zone: zone)
            }
        }
        guard let clock else {
            error(table, "start", "a topic's \"start\" is its published time, such as \"10:30\" (or 2024-02-03T10:30:00)")
            return nil
        }
        guard let slotStart else {
            error(table, "start", "a topic's start \"\(String(format: "%02d:%02d", clock.h, clock.m))\" needs its slot's start (the date); add start = 2024-02-03T10:00:00 to the slot")
            return nil
        }
        return Self.topicStart(hour: clock.h, minute: clock.m, second: clock.s, slotStart: slotStart, slotLength: slotLength, zone: zone)
    }

    /// `HH:MM` or `HH:MM:SS`, two digits each, spaces around allowed; nil for anything else.
    static func clockTime(_ text: String) -> (h: Int, m: Int, s: Int)? {
        let b = Array(text.trimmingSpaces.utf8)
        guard b.count == 5 || b.count == 8 else { return nil }
        func two(_ i: Int) -> Int? {
            guard (0x30...0x39).contains(b[i]), (0x30...0x39).contains(b[i + 1]) else { return nil }
            return Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30)
        }
        guard let h = two(0), b[2] == 0x3A, let m = two(3), h <= 23, m <= 59 else { return nil }
        if b.count == 5 { return (h, m, 0) }
        guard b[5] == 0x3A, let s = two(6), s <= 59 else { return nil }
        return (h, m, s)
    }

    /// The instant a topic's `"HH:MM[:SS]"` names in a slot: on the slot's day, or the next when
    /// the slot runs past midnight.
    public static func topicStart(hour: Int, minute: Int, second: Int, slotStart: Date, slotLength: Int, zone: TimeZone) -> Date {
        let day = WallTime(slotStart, zone: zone)
        let wall = WallTime(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second)
        var at = wall.resolve(in: zone).date
        if at < slotStart {
            let next = WallTime(naiveSeconds: wall.naiveSeconds + 86400).resolve(in: zone).date
            if next < slotStart.addingTimeInterval(TimeInterval(slotLength)) { at = next }
        }
        return at
    }

    mutating func checkTopicStart(_ start: Date, of topic: Topic, in table: TOML.Table, after previous: Topic?,
                                  slotStart: Date?, slotLength: Int, zone: TimeZone) {
        let shown = LocalTime.hhmm(start, zone: zone)
        if let prev = previous, let prevStart = prev.start {
            if start < prevStart {
                error(table, "start", "topic \"\(topic.id)\" starts at \(shown), before the topic above it (\(LocalTime.hhmm(prevStart, zone: zone))); topics run in the order listed")
                return
            }
            if start < prevStart.addingTimeInterval(TimeInterval(prev.length)) {
                warning(table, "start", "topic \"\(topic.id)\" starts at \(shown), while \"\(prev.id)\" (planned until \(LocalTime.hhmm(prevStart.addingTimeInterval(TimeInterval(prev.length)), zone: zone))) still runs")
            }
        }
        if let slotStart {
            let end = slotStart.addingTimeInterval(TimeInterval(slotLength))
            if start < slotStart || start >= end {
                warning(table, "start", "topic \"\(topic.id)\" starts at \(shown), outside its slot (\(LocalTime.hhmm(slotStart, zone: zone))–\(LocalTime.hhmm(end, zone: zone)))")
            }
        }
    }

    /// A date-time value (local in `zone` unless it has an offset), or text such as `2012-08-29T13:30`.
    public mutating func readTime(_ value: TOML.Value, key: String, in table: TOML.Table, zone: TimeZone) -> Date? {
        if let dt = value.dateTime, let date = dt.date, let time = dt.time {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = dt.offsetMinutes.flatMap { TimeZone(secondsFromGMT: $0 * 60) } ?? zone
            let c = DateComponents(calendar: calendar, year: date.year, month: date.month, day: date.day,
                                   hour: time.hour, minute: time.minute, second: time.second)
            if let d = calendar.date(from: c) { return d }
        } else if let s = value.string, let d = LocalTime.parse(s, zone: zone) {
            return d
        }
        error(table, key, "\"\(key)\" must be a date and time such as 2012-08-29T13:30:00")
        return nil
    }

    mutating func checkUniqueIDs(_ slots: [(Slot, TOML.Table)]) {
        var seenSlots: [String: Int] = [:]
        var seenFiles: [String: (id: String, line: Int)] = [:]
        var seenTopics: [String: String] = [:]
        for (i, (slot, table)) in slots.enumerated() {
            if let first = seenSlots[slot.id] {
                error(table, "id", "duplicate slot id \"\(slot.id)\" (also slot \(first + 1)); give each slot its own id")
            } else {
                // Different ids that name one summary file would overwrite each other's summary.
                let file = SummaryFileName.of(slot: slot.id)
                let key = SummaryFileName.collisionKey(file)
                if let other = seenFiles[key] {
                    error(table, "id", "slot ids \"\(other.id)\" (line \(other.line)) and \"\(slot.id)\" both write their summary to "
                          + "\(file); give one of them another id (letters, digits, '-' and '_' keep their names apart)")
                } else {
                    seenFiles[key] = (slot.id, table.line(of: "id") ?? table.line)
                }
            }
            seenSlots[slot.id] = i
            let topicTables = table["topic"]?.array?.compactMap(\.table) ?? []
            for (j, topic) in slot.topics.enumerated() {
                if let other = seenTopics[topic.id] {
                    let where_ = j < topicTables.count ? topicTables[j] : table
                    error(where_, "id", "duplicate topic id \"\(topic.id)\" (also in slot \"\(other)\"); set a distinct id = \"...\"")
                }
                seenTopics[topic.id] = slot.id
            }
        }
    }
}

/// Local date-times written as text: `2012-08-29T13:30` or `2012-08-29T13:30:00`, in a zone.
public enum LocalTime {
    public static func parse(_ text: String, zone: TimeZone) -> Date? {
        let s = text.trimmingSpaces.replacingOccurrences(of: " ", with: "T")
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

    /// `2012-08-29T13:30:00` in `zone` (by arithmetic on the zone's offset: `WallTime`).
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let w = WallTime(date, zone: zone)
        return digits(w.year, 4) + "-" + digits(w.month, 2) + "-" + digits(w.day, 2) + "T" + digits(w.hour, 2) + ":"
            + digits(w.minute, 2) + ":" + digits(w.second, 2)
    }

    /// `13:30` in `zone`.
    public static func hhmm(_ date: Date, zone: TimeZone) -> String {
        let w = WallTime(date, zone: zone)
        return digits(w.hour, 2) + ":" + digits(w.minute, 2)
    }

    /// `n` in decimal, zero-padded to `width` digits.
    static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
