import Foundation
import GavelCore

/// One session as a published schedule lists it, before it becomes a topic.
public struct ScheduledEvent: Sendable, Equatable {
    /// Where the event starts in its file, for messages.
    public var line: Int
    public var uid: String?
    public var title: String
    public var subtitle: String?
    public var start: Date
    /// Seconds; 0 for a marker (an iCalendar event with a start and no end, "end of conference").
    public var length: Int
    public var room: String?
    public var tracks: [String]
    /// The file's own word for the kind of session, e.g. `lightning_talk`.
    public var type: String?
    public var speakers: [String]
    /// The conference day the file puts the event on (`YYYY-MM-DD`), when the format has days.
    public var day: String?
    /// Gavel's own fields, present in files `gavel export` wrote.
    public var gavel: GavelTopicFields?
    /// The source identity kept on the topic: `frab:<guid>`, `ics:<uid>`; the file's event id and page.
    public var ref: String?
    public var eventID: String?
    public var url: String?

    public init(line: Int, uid: String? = nil, title: String, subtitle: String? = nil, start: Date, length: Int,
                room: String? = nil, tracks: [String] = [], type: String? = nil, speakers: [String] = [],
                day: String? = nil, gavel: GavelTopicFields? = nil) {
        self.line = line
        self.uid = uid
        self.title = title
        self.subtitle = subtitle
        self.start = start
        self.length = length
        self.room = room
        self.tracks = tracks
        self.type = type
        self.speakers = speakers
        self.day = day
        self.gavel = gavel
    }

    public var end: Date { start.addingTimeInterval(TimeInterval(length)) }

    /// Takes no time: a point in the day, not a session.
    public var isMarker: Bool { length == 0 }

    /// Lightning when the file's type or a category says so.
    public var isLightning: Bool {
        ([type].compactMap { $0 } + tracks).contains { $0.lowercased().contains("lightning") }
    }
}

/// What `gavel export` writes beside the standard iCalendar fields, so an import restores the
/// agenda exactly: slot ids, titles and lengths, topic ids, kinds and notes.
public struct GavelTopicFields: Sendable, Equatable {
    public var slotID: String
    public var slotTitle: String?
    public var slotLength: Int?
    public var slotRoom: String?
    public var topicID: String?
    public var kind: TopicKind?
    public var note: String?
    /// The topic had a published start (`X-GAVEL-PUBLISHED`): DTSTART is it.
    public var published = false
    public var ref: String?
    public var eventID: String?

    public init(slotID: String, slotTitle: String? = nil, slotLength: Int? = nil, slotRoom: String? = nil,
                topicID: String? = nil, kind: TopicKind? = nil, note: String? = nil) {
        self.slotID = slotID
        self.slotTitle = slotTitle
        self.slotLength = slotLength
        self.slotRoom = slotRoom
        self.topicID = topicID
        self.kind = kind
        self.note = note
    }
}

/// A whole published schedule: its events and what the file says about the conference.
public struct ScheduleFile: Sendable {
    public var path: String
    public var conference: String?
    /// The zone the file's times are meant in, when it says.
    public var timeZone: TimeZone?
    public var events: [ScheduledEvent]
    /// Problems that did not stop the import, such as skipped events.
    public var warnings: [Diagnostic]
    /// Agenda-level fields of a file `gavel export` wrote.
    public var gavelAgenda: GavelAgendaFields?
    /// Why `timeZone` is a guess (the file named no zone), for the agenda and the owner.
    public var zoneGuess: String?

    public init(path: String, conference: String? = nil, timeZone: TimeZone? = nil, events: [ScheduledEvent] = [],
                warnings: [Diagnostic] = [], gavelAgenda: GavelAgendaFields? = nil) {
        self.path = path
        self.conference = conference
        self.timeZone = timeZone
        self.events = events
        self.warnings = warnings
        self.gavelAgenda = gavelAgenda
    }
}

public struct GavelAgendaFields: Sendable, Equatable {
    public var title: String?
    public var event: String?
    public var room: String?
    public var defaults: Agenda.Defaults?

    public init(title: String? = nil, event: String? = nil, room: String? = nil, defaults: Agenda.Defaults? = nil) {
        self.title = title
        self.event = event
        self.room = room
        self.defaults = defaults
    }
}

/// Text from a schedule made fit for an agenda: control characters dropped, runs of spaces, tabs
/// and line breaks become one space, surrounding space trimmed.
enum ScheduleText {
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var changed = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let space: Bool, drop: Bool
            if v < 0x80 {
                // ASCII without the Unicode tables: most schedule text is.
                space = v == 0x20 || (0x09...0x0D).contains(v)
                drop = !space && (v < 0x20 || v == 0x7F)
            } else {
                space = scalar.properties.isWhitespace
                drop = !space && (scalar.properties.generalCategory == .control
                                  || (scalar.properties.generalCategory == .format && v != 0x200D))
            }
            if space {
                if v != 0x20 || pendingSpace || out.isEmpty { changed = true }
                pendingSpace = true
            } else if drop {
                changed = true
            } else {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        if pendingSpace { changed = true }
        return changed ? String(out) : text
    }

    /// Like `clean` but keeps line breaks (for notes).
    static func cleanKeepingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let c = clean(text)
        return c.isEmpty ? nil : c
    }

    /// A title or name: HTML entities a generator left in decoded, then cleaned.
    static func title(_ text: String?) -> String? {
        nonEmpty(text.map(TitleText.decodeEntities))
    }

    /// `2012-08-29` of `date` in `zone`.
    static func dayString(_ date: Date, zone: TimeZone) -> String {
        let w = WallTime(date, zone: zone)
        return String(format: "%04d-%02d-%02d", w.year, w.month, w.day)
    }
}
