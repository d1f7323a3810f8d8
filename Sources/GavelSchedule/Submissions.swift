import Foundation
import GavelCore

/// What the owner has to plan from: the call for proposals' answers, the time the track was
/// given, and when speakers are needed elsewhere.
public struct Submissions: Sendable, Equatable {
    public var title: String
    public var event: String?
    public var room: String?
    public var timeZone: TimeZone
    /// Seconds of each slot the track was given.
    public var slotLength: Int
    /// The slots' start times, in order; nil entries when only their number is known.
    public var slotStarts: [Date?]
    /// Seconds below which a discussion is not worth having.
    public var minTopic: Int
    /// Seconds of a lightning talk.
    public var lightning: Int
    public var entries: [Submission]
    public var busy: [Busy]
    /// Slot titles for category names, e.g. `mm` -> `Memory management`.
    public var categoryTitles: [String: String]

    public init(title: String, event: String? = nil, room: String? = nil, timeZone: TimeZone = .current,
                slotLength: Int, slotStarts: [Date?], minTopic: Int, lightning: Int = 5 * 60,
                entries: [Submission], busy: [Busy] = [], categoryTitles: [String: String] = [:]) {
        self.title = title
        self.event = event
        self.room = room
        self.timeZone = timeZone
        self.slotLength = slotLength
        self.slotStarts = slotStarts
        self.minTopic = minTopic
        self.lightning = lightning
        self.entries = entries
        self.busy = busy
        self.categoryTitles = categoryTitles
    }

    /// Seconds the track was given.
    public var capacity: Int { slotLength * slotStarts.count }
}

public struct Submission: Sendable, Equatable {
    /// Position in the file, which is also the order of submission.
    public var index: Int
    public var id: String
    public var title: String
    public var speakers: [String]
    public var category: String
    public var kind: TopicKind

    public init(index: Int, id: String, title: String, speakers: [String], category: String, kind: TopicKind) {
        self.index = index
        self.id = id
        self.title = title
        self.speakers = speakers
        self.category = category
        self.kind = kind
    }
}

/// A speaker needed in another session from `from` to `to`.
public struct Busy: Sendable, Equatable {
    public var speaker: String
    public var from: Date
    public var to: Date

    public init(speaker: String, from: Date, to: Date) {
        self.speaker = speaker
        self.from = from
        self.to = to
    }

    public func overlaps(_ start: Date, _ end: Date) -> Bool { from < end && start < to }
}
