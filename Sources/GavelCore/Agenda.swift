import Foundation

/// One microconference: its slots, each with its topics, as the owner planned them.
public struct Agenda: Sendable, Equatable {
    public var title: String
    public var event: String?
    public var room: String?
    /// The zone slot times are written in and shown in.
    public var timeZone: TimeZone
    /// Why the zone is only a guess (an import from a file that named none), until the owner
    /// confirms it by removing `timezone_guess`; nil when it was chosen.
    public var timeZoneGuess: String?
    /// The zone is the agenda's own (its file names it, `timezone = ...`, or whoever built it gave
    /// it), not a reader's default: reading the file again in another default zone gives the
    /// same agenda.
    public var namesTimeZone: Bool
    public var defaults: Defaults
    public var slots: [Slot] {
        didSet { slotPositions = Self.positions(slots) }
    }
    /// Where each slot id first appears in `slots`: a lookup by id is a hash, not a walk through
    /// a conference's 120 slots.
    private var slotPositions: [String: Int]
    /// Ids that changed while the session ran, old to new (`[renamed]`): events naming an old id
    /// count for the new one.
    public var renamed: [String: String]

    public init(title: String, event: String? = nil, room: String? = nil, timeZone: TimeZone = .current,
                timeZoneGuess: String? = nil, namesTimeZone: Bool = true, defaults: Defaults = Defaults(), slots: [Slot],
                renamed: [String: String] = [:]) {
        self.title = title
        self.event = event
        self.room = room
        self.timeZone = timeZone
        self.timeZoneGuess = timeZoneGuess
        self.namesTimeZone = namesTimeZone
        self.defaults = defaults
        self.slots = slots
        self.slotPositions = Self.positions(slots)
        self.renamed = renamed
    }

    private static func positions(_ slots: [Slot]) -> [String: Int] {
        var out: [String: Int] = [:]
        out.reserveCapacity(slots.count)
        for (i, slot) in slots.enumerated() where out[slot.id] == nil { out[slot.id] = i }
        return out
    }

    public struct Defaults: Sendable, Equatable {
        /// Seconds per talk, per lightning talk.
        public var topic: Int
        public var lightning: Int
        /// Seconds left at which the countdown turns amber, then red. Descending.
        public var warn: [Int]
        /// The same for lightning talks, which are a few minutes long.
        public var warnLightning: [Int]
        /// What a topic's countdown does at zero, unless its slot or itself says otherwise.
        public var atZero: AtZero
        /// The messages the chair picks from to show the speaker.
        public var messages: [String]
        /// The shortest a talk may become when the chair rebalances a slot, in seconds.
        public var minTopic: Int

        public static let standardMessages = ["5 minutes", "2 minutes", "please wrap up", "questions now",
                                              "use the microphone", "repeat the question"]

        public init(topic: Int = 20 * 60, lightning: Int = 5 * 60, warn: [Int] = [5 * 60, 2 * 60],
                    warnLightning: [Int] = [60, 30], atZero: AtZero = .overtime, messages: [String] = Defaults.standardMessages,
                    minTopic: Int = 5 * 60) {
            self.topic = topic
            self.lightning = lightning
            self.warn = warn
            self.warnLightning = warnLightning
            self.atZero = atZero
            self.messages = messages
            self.minTopic = minTopic
        }
    }

    public func slot(id: String) -> Slot? { slotPositions[id].map { slots[$0] } }

    /// Where slot `id` first appears in `slots`.
    public func slotIndex(id: String) -> Int? { slotPositions[id] }

    /// What a topic's countdown does at zero: its own choice, else its slot's, else the agenda's.
    public func atZero(for topic: Topic, in slot: Slot) -> AtZero { topic.atZero ?? slot.atZero ?? defaults.atZero }

    /// A topic's warn times: its own, else its slot's, else the defaults for its kind; a time
    /// that is not below its length is left out (it would be amber from its first second).
    public func warn(for topic: Topic, in slot: Slot? = nil) -> [Int] {
        (topic.warn ?? slot?.warn ?? (topic.kind == .lightning ? defaults.warnLightning : defaults.warn)).filter { $0 < topic.length }
    }

    /// All topics in agenda order with their slot.
    public var allTopics: [(slot: Slot, topic: Topic)] {
        slots.flatMap { slot in slot.topics.map { (slot, $0) } }
    }

    /// Seconds of all slots together.
    public var totalLength: Int { slots.reduce(0) { $0 + $1.length } }
}

public struct Slot: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    /// Scheduled start, when the agenda gives one.
    public var start: Date?
    /// Seconds.
    public var length: Int
    public var room: String?
    public var topics: [Topic]
    /// Warn times for its topics that give none; nil: the agenda's defaults.
    public var warn: [Int]?
    /// What its topics' countdowns do at zero when they say nothing; nil: the agenda's.
    public var atZero: AtZero?
    /// A time of day the slot must end at, whatever happened before (the room is needed then).
    public var until: TimeOfDay?

    public init(id: String, title: String, start: Date? = nil, length: Int, room: String? = nil, topics: [Topic],
                warn: [Int]? = nil, atZero: AtZero? = nil, until: TimeOfDay? = nil) {
        self.id = id
        self.title = title
        self.start = start
        self.length = length
        self.room = room
        self.topics = topics
        self.warn = warn
        self.atZero = atZero
        self.until = until
    }

    /// Seconds planned for all topics together.
    public var plannedLength: Int { topics.reduce(0) { $0 + $1.length } }

    /// Scheduled end, when the slot has a scheduled start.
    public var end: Date? { start.map { $0.addingTimeInterval(TimeInterval(length)) } }

    public func topicIndex(id: String) -> Int? { topics.firstIndex { $0.id == id } }
}

public enum TopicKind: String, Sendable, Equatable, CaseIterable, Codable {
    case talk
    case lightning
}

public struct Topic: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var speakers: [String]
    /// Seconds.
    public var length: Int
    public var kind: TopicKind
    /// What the owner wants to remember about it, e.g. "speaker not known". Private: shown to
    /// the chair, never exported.
    public var note: String?
    /// Seconds left at which its countdown turns amber, then red (descending, each below its
    /// length); nil: the agenda's defaults for its kind.
    public var warn: [Int]?
    /// What its countdown does at zero; nil: its slot's, else the agenda's.
    public var atZero: AtZero?
    /// A time of day its countdown runs to, whatever happened before (a keynote that must end
    /// when the hall is needed).
    public var until: TimeOfDay?


    /// The published start, when the schedule gives one: the talk is announced for then (a
    /// changeover before it stays a changeover).
    public var start: Date?
    /// Where the topic comes from: `frab:<guid>`, `ics:<uid>`, for tools that match it back.
    public var ref: String?
    /// The source's own event id (frab `id`), and the event's page.
    public var eventID: String?
    public var url: String?

    public init(id: String, title: String, speakers: [String] = [], length: Int, kind: TopicKind = .talk, note: String? = nil,
                warn: [Int]? = nil, atZero: AtZero? = nil, until: TimeOfDay? = nil,
                start: Date? = nil, ref: String? = nil, eventID: String? = nil, url: String? = nil) {
        self.id = id
        self.title = title
        self.speakers = speakers
        self.length = length
        self.kind = kind
        self.note = note
        self.warn = warn
        self.atZero = atZero
        self.until = until
        self.start = start
        self.ref = ref
        self.eventID = eventID
        self.url = url
    }

    /// Speakers for display; an empty list reads as unknown rather than as nobody.
    public var speakerText: String {
        speakers.isEmpty ? "speaker not known" : speakers.joined(separator: ", ")
    }
}

public enum Slug {
    /// A stable id from a title: lowercase ASCII letters and digits joined by `-`, at most 40.
    public static func make(_ title: String) -> String {
        // An ASCII letter or digit is one byte; everything else (any other scalar) is a gap.
        var out: [UInt8] = []
        var pendingDash = false
        for scalar in title.unicodeScalars {
            if let b = asciiAlphanumeric(scalar) {
                if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                out.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if out.count >= 40 { break }
        }
        while out.last == UInt8(ascii: "-") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte of an ASCII letter or digit, else nil.
    @inline(__always)
    static func asciiAlphanumeric(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: UInt8(s.value)
        default: nil
        }
    }

    /// Whether `id` is acceptable as written by a user: starts with a letter or digit, then
    /// letters, digits, `.`, `_` or `-`, at most 64 characters.
    public static func isValidID(_ id: String) -> Bool {
        var count = 0
        for s in id.unicodeScalars {
            count += 1
            if count > 64 { return false }
            if asciiAlphanumeric(s) != nil { continue }
            if count > 1, s == "-" || s == "_" || s == "." { continue }
            return false
        }
        return count > 0
    }
}

/// What a countdown does when it reaches zero.
public enum AtZero: String, Sendable, Equatable, CaseIterable {
    /// Counts up past zero (the default): `+02:10 OVER`.
    case overtime
    /// Holds 00:00 and says TIME.
    case stop
    /// After a ten-second notice the chair can hold, the next topic starts.
    case next
}

/// A time of day, as seconds after midnight, in the agenda's zone.
public struct TimeOfDay: Sendable, Equatable, Hashable {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// `10:30` or `10:30:15`.
    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        let sec = parts.count == 3 ? Int(parts[2]) : 0
        guard let sec, (0...59).contains(sec) else { return nil }
        seconds = h * 3600 + m * 60 + sec
    }

    /// `10:30`, or `10:30:15` when it has seconds.
    public var text: String {
        let h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60
        return ClockText.two(h) + ":" + ClockText.two(m) + (s == 0 ? "" : ":" + ClockText.two(s))
    }

    /// The first instant at or after `reference`'s day start that is this time of day in `zone`:
    /// on the day of `reference`.
    public func date(onDayOf reference: Date, zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = calendar.startOfDay(for: reference)
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        let d = DateComponents(calendar: calendar, year: c.year, month: c.month, day: c.day,
                               hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60)
        return calendar.date(from: d) ?? day.addingTimeInterval(TimeInterval(seconds))
    }
}
