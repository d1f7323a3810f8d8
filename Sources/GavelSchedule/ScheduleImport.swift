import Foundation
import GavelCore
import GavelTerminalText

/// Turns the events of one room on one day of a published schedule into an agenda.
///
/// Events become topics in start order, each keeping its published start and its source (`ref`);
/// a gap of `gap` seconds or more between one event's end and the next one's start begins a new
/// slot, and so does a marker (an event that takes no time), which becomes a note on the topic
/// after it. Events that overlap in the room (parallel sessions) are kept in separate slots, with
/// a warning. A file `gavel export` wrote (its events carry `X-GAVEL-SLOT`) is rebuilt slot for
/// slot instead, whatever its rooms and days.
public enum ScheduleImport {
    public struct Options: Sendable {
        public var room: String?
        /// `YYYY-MM-DD`.
        public var date: String?
        /// 1-based among the file's days in order.
        public var day: Int?
        public var track: String?
        /// Seconds.
        public var gap: Int
        /// The agenda's zone when the file does not name one.
        public var timeZone: TimeZone?

        public init(room: String? = nil, date: String? = nil, day: Int? = nil, track: String? = nil, gap: Int = 600,
                    timeZone: TimeZone? = nil) {
            self.room = room
            self.date = date
            self.day = day
            self.track = track
            self.gap = gap
            self.timeZone = timeZone
        }
    }

    public enum Outcome: Sendable {
        case agenda(Agenda)
        /// The file has several rooms or days (or none matched): the owner must choose.
        case choose(ScheduleListing)
    }

    /// Longer events are skipped when read: they are no session (and an agenda's durations stop at a day).
    public static let longestEvent = 12 * 3600

    public static func run(_ file: ScheduleFile, options: Options) -> Outcome {
        var notices: [Diagnostic] = []
        return run(file, options: options, notices: &notices)
    }

    /// As `run`, telling in `notices` what the owner should know (markers placed, parallel
    /// sessions split).
    public static func run(_ file: ScheduleFile, options: Options, notices: inout [Diagnostic]) -> Outcome {
        let zone = file.timeZone ?? options.timeZone ?? TimeZone(identifier: "UTC") ?? .current
        let guess = file.timeZone == nil && options.timeZone == nil ? "the file names no time zone" : file.zoneGuess
        if let gavel = file.gavelAgenda, file.events.contains(where: { !$0.isMarker }), file.events.allSatisfy({ $0.gavel != nil }) {
            var agenda = rebuild(file.events.filter { !$0.isMarker }, fields: gavel, zone: zone)
            agenda.timeZoneGuess = guess
            return .agenda(agenda)
        }
        var events = file.events
        if let track = options.track {
            events = events.filter { $0.tracks.contains { $0.caseInsensitiveCompare(track) == .orderedSame } }
        }
        let listing = ScheduleListing(events: events, zone: zone, path: file.path)
        if events.isEmpty {
            return .choose(ScheduleListing(events: file.events, zone: zone, path: file.path,
                                           reason: options.track.map { "no events in track \"\($0)\"" } ?? "the file has no timed events"))
        }
        var chosenDay: String?
        if let date = options.date {
            guard listing.days.contains(date) else { return .choose(listing.with(reason: "no events on \(date)")) }
            chosenDay = date
        } else if let n = options.day {
            guard (1...max(1, listing.days.count)).contains(n), n <= listing.days.count else {
                return .choose(listing.with(reason: "there is no day \(n); the file has \(listing.days.count)"))
            }
            chosenDay = listing.days[n - 1]
        } else if listing.days.count > 1 {
            return .choose(listing.with(reason: "events on \(listing.days.count) days; choose one with --date or --day"))
        } else {
            chosenDay = listing.days.first
        }
        let onDay = events.filter { listing.dayOf($0) == chosenDay }
        let rooms = ScheduleListing.orderedRooms(onDay)
        var chosenRoom: String
        if let room = options.room {
            guard let match = rooms.first(where: { $0.caseInsensitiveCompare(room.trimmingCharacters(in: .whitespaces)) == .orderedSame }) else {
                return .choose(listing.with(reason: "no events in room \"\(room)\" on \(chosenDay ?? "that day")"))
            }
            chosenRoom = match
        } else if rooms.count > 1 {
            return .choose(listing.with(reason: "events in \(rooms.count) rooms; choose one with --room"))
        } else {
            chosenRoom = rooms.first ?? ScheduleListing.noRoom
        }
        let selected = onDay.filter { ScheduleListing.roomOf($0) == chosenRoom }
            .sorted { ($0.start, $0.line) < ($1.start, $1.line) }
        guard selected.contains(where: { !$0.isMarker }) else {
            return .choose(listing.with(reason: "the events in \(chosenRoom) on \(chosenDay ?? "that day") take no time (they have no end); there is nothing to chair"))
        }
        let tracks = orderedTracks(selected)
        let title = options.track ?? (tracks.count == 1 ? tracks[0] : nil)
            ?? (chosenRoom == ScheduleListing.noRoom ? file.conference ?? "Imported schedule" : chosenRoom)
        return .agenda(Agenda(title: title, event: file.conference,
                              room: chosenRoom == ScheduleListing.noRoom ? nil : chosenRoom,
                              timeZone: zone, timeZoneGuess: guess,
                              slots: slots(selected, gap: options.gap, zone: zone, file: file.path, notices: &notices)))
    }

    /// Groups sorted events into slots at gaps, markers and overlaps; titles from their tracks,
    /// unique ids; each topic keeps its published start.
    static func slots(_ events: [ScheduledEvent], gap: Int, zone: TimeZone, file: String = "", notices: inout [Diagnostic]) -> [Slot] {
        var groups: [[ScheduledEvent]] = []
        /// Markers waiting for the topic after them.
        var markerNotes: [String: [String]] = [:]
        var pendingMarkers: [ScheduledEvent] = []
        var groupEnd: [Date] = []
        var lastEnd: Date?
        var closeGroup = false
        func markerText(_ m: ScheduledEvent) -> String { "\(LocalTime.hhmm(m.start, zone: zone)) \(m.title) (a point in the schedule, no time of its own)" }
        for e in events {
            if e.isMarker {
                pendingMarkers.append(e)
                closeGroup = true
                continue
            }
            // An event that starts before the one above it ends runs in parallel with it.
            if let current = groups.indices.last, let end = groupEnd.last, e.start < end, !closeGroup {
                let other = groups[current].last(where: { $0.end > e.start }) ?? groups[current][0]
                notices.append(Diagnostic(file: file, line: e.line, message:
                    "\"\(e.title)\" (\(LocalTime.hhmm(e.start, zone: zone))) overlaps \"\(other.title)\" (line \(other.line), until \(LocalTime.hhmm(other.end, zone: zone))) in the same room: kept as a separate slot", severity: .warning))
                groups.append([e])
                groupEnd.append(e.end)
            } else if let lastEnd, !closeGroup, e.start.timeIntervalSince(lastEnd) < TimeInterval(gap), let first = groups.last?.first,
                      max(lastEnd, e.end).timeIntervalSince(first.start) <= TimeInterval(longestEvent) {
                groups[groups.count - 1].append(e)
                groupEnd[groupEnd.count - 1] = max(groupEnd[groupEnd.count - 1], e.end)
            } else {
                groups.append([e])
                groupEnd.append(e.end)
            }
            for m in pendingMarkers {
                markerNotes[key(e), default: []].append(markerText(m))
                notices.append(Diagnostic(file: file, line: m.line, message:
                    "\"\(m.title)\" at \(LocalTime.hhmm(m.start, zone: zone)) has no end, so it takes no time (RFC 5545): it ends the slot before it and is noted on \"\(e.title)\"", severity: .warning))
            }
            pendingMarkers = []
            closeGroup = false
            lastEnd = max(lastEnd ?? e.end, e.end)
        }
        if let lastTopic = groups.last?.last {
            for m in pendingMarkers {
                markerNotes[key(lastTopic), default: []].append("then " + markerText(m))
                notices.append(Diagnostic(file: file, line: m.line, message:
                    "\"\(m.title)\" at \(LocalTime.hhmm(m.start, zone: zone)) has no end, so it takes no time (RFC 5545): noted on the last topic, \"\(lastTopic.title)\"", severity: .warning))
            }
        } else {
            for m in pendingMarkers {
                notices.append(Diagnostic(file: file, line: m.line, message:
                    "\"\(m.title)\" at \(LocalTime.hhmm(m.start, zone: zone)) has no end, so it takes no time (RFC 5545), and there is no topic to note it on", severity: .warning))
            }
        }
        var titles = groups.enumerated().map { i, g in slotTitle(g, index: i) }
        var counts: [String: Int] = [:]
        for t in titles { counts[t, default: 0] += 1 }
        for (i, t) in titles.enumerated() where counts[t, default: 0] > 1 {
            if let s = groups[i].first?.start { titles[i] = "\(t) (\(LocalTime.hhmm(s, zone: zone)))" }
        }
        var usedSlotIDs = UsedIDs()
        var usedTopicIDs = UsedIDs()
        return groups.enumerated().map { i, group in
            let start = group[0].start
            let end = group.map(\.end).max() ?? start
            let topics = group.enumerated().map { j, e in
                let notes = ([e.subtitle].compactMap { $0 }) + (markerNotes[key(e)] ?? [])
                return Topic(id: unique(Slug.make(e.title), fallback: "topic-\(i + 1)-\(j + 1)", used: &usedTopicIDs),
                             title: e.title, speakers: e.speakers, length: e.length,
                             kind: e.isLightning ? .lightning : .talk, note: notes.isEmpty ? nil : notes.joined(separator: "\n"),
                             start: e.start, ref: e.ref, eventID: e.eventID, url: e.url)
            }
            return Slot(id: unique(Slug.make(titles[i]), fallback: "slot-\(i + 1)", used: &usedSlotIDs), title: titles[i],
                        start: start, length: max(1, Int(end.timeIntervalSince(start).rounded())), topics: topics)
        }
    }

    private static func key(_ e: ScheduledEvent) -> String { "\(e.line)|\(e.start.timeIntervalSince1970)" }

    static func slotTitle(_ group: [ScheduledEvent], index: Int) -> String {
        let tracks = orderedTracks(group).filter { !$0.lowercased().contains("lightning") }
        switch tracks.count {
        case 0: return group.allSatisfy(\.isLightning) ? "Lightning talks" : "Session \(index + 1)"
        case 1: return tracks[0]
        default: return tracks.dropLast().joined(separator: ", ") + " and " + (tracks.last ?? "")
        }
    }

    static func orderedTracks(_ events: [ScheduledEvent]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for e in events { for t in e.tracks where seen.insert(t).inserted { out.append(t) } }
        return out
    }

    /// Ids handed out so far, and for each root the next number to try, so 50,000 events of
    /// one title get their ids in linear time.
    struct UsedIDs {
        var taken = Set<String>()
        var next: [String: Int] = [:]
        var count: Int { taken.count }
    }

    static func unique(_ base: String, fallback: String, used: inout UsedIDs) -> String {
        let root = base.isEmpty ? fallback : base
        var id = root
        var n = used.next[root] ?? 2
        while used.taken.contains(id) { id = "\(root)-\(n)"; n += 1 }
        used.next[root] = n
        used.taken.insert(id)
        return id
    }

    /// A file `gavel export` wrote: slots and topics as they were.
    static func rebuild(_ events: [ScheduledEvent], fields: GavelAgendaFields, zone: TimeZone) -> Agenda {
        var slots: [Slot] = []
        var usedTopicIDs = UsedIDs()
        var slotIndex: [String: Int] = [:]
        for e in events.sorted(by: { ($0.start, $0.line) < ($1.start, $1.line) }) {
            guard let g = e.gavel else { continue }
            let givenID = g.topicID.flatMap { Slug.isValidID($0) ? $0 : nil } ?? Slug.make(e.title)
            let topic = Topic(id: unique(givenID, fallback: "topic-\(usedTopicIDs.count + 1)", used: &usedTopicIDs),
                              title: e.title, speakers: e.speakers, length: e.length,
                              kind: g.kind ?? (e.isLightning ? .lightning : .talk), note: g.note,
                              start: g.published ? e.start : nil, ref: g.ref, eventID: g.eventID, url: e.url)
            let slotID = Slug.isValidID(g.slotID) ? g.slotID : (Slug.make(g.slotID).isEmpty ? "slot" : Slug.make(g.slotID))
            if let i = slotIndex[slotID] {
                slots[i].topics.append(topic)
            } else {
                slotIndex[slotID] = slots.count
                slots.append(Slot(id: slotID, title: g.slotTitle ?? g.slotID, start: e.start, length: g.slotLength ?? e.length,
                                  room: g.slotRoom, topics: [topic]))
            }
        }
        return Agenda(title: fields.title ?? "Imported schedule", event: fields.event, room: fields.room, timeZone: zone,
                      defaults: fields.defaults ?? Agenda.Defaults(), slots: slots)
    }
}

/// The rooms and days of a schedule with their event counts, for choosing what to import.
public struct ScheduleListing: Sendable {
    public struct Row: Sendable, Equatable {
        public var dayNumber: Int
        public var date: String
        public var room: String
        public var events: Int
    }

    static let noRoom = "(no room)"
    public var path: String
    public var reason: String?
    public var days: [String]
    public var rows: [Row]
    let zone: TimeZone

    init(events: [ScheduledEvent], zone: TimeZone, path: String, reason: String? = nil) {
        self.zone = zone
        self.path = path
        self.reason = reason
        let dayOf = { (e: ScheduledEvent) in e.day ?? ScheduleText.dayString(e.start, zone: zone) }
        var byDay: [String: [ScheduledEvent]] = [:]
        for e in events { byDay[dayOf(e), default: []].append(e) }
        days = byDay.keys.sorted()
        var rows: [Row] = []
        for (i, day) in days.enumerated() {
            let onDay = byDay[day] ?? []
            var counts: [String: Int] = [:]
            for e in onDay { counts[Self.roomOf(e), default: 0] += 1 }
            for room in Self.orderedRooms(onDay) {
                rows.append(Row(dayNumber: i + 1, date: day, room: room, events: counts[room] ?? 0))
            }
        }
        self.rows = rows
    }

    func with(reason: String) -> ScheduleListing {
        var copy = self
        copy.reason = reason
        return copy
    }

    func dayOf(_ e: ScheduledEvent) -> String { e.day ?? ScheduleText.dayString(e.start, zone: zone) }
    static func roomOf(_ e: ScheduledEvent) -> String { e.room ?? noRoom }

    /// Rooms in order of their first event, then by name.
    static func orderedRooms(_ events: [ScheduledEvent]) -> [String] {
        var first: [String: (Date, Int)] = [:]
        for e in events {
            let r = roomOf(e)
            if let f = first[r], f <= (e.start, e.line) { continue }
            first[r] = (e.start, e.line)
        }
        return first.keys.sorted { (first[$0]?.0 ?? .distantPast, $0) < (first[$1]?.0 ?? .distantPast, $1) }
    }

    /// What `gavel import` prints when it cannot choose.
    public func render() -> String {
        var out = "\(path): \(reason ?? "choose a room and a day")\n"
        let headers = ["DAY", "DATE", "ROOM", "EVENTS"]
        let table = rows.map { ["\($0.dayNumber)", $0.date, $0.room, "\($0.events)"] }
        let widths = (0..<4).map { c in ([headers[c]] + table.map { $0[c] }).map(TextWidth.of).max() ?? 0 }
        for row in [headers] + table {
            var line = ""
            for c in 0..<4 {
                let pad = String(repeating: " ", count: max(0, widths[c] - TextWidth.of(row[c])))
                line += c == 3 ? pad + row[c] : row[c] + pad + "  "
            }
            out += line + "\n"
        }
        if let example = rows.first {
            out += "e.g. gavel import \(path) --room \(shellQuoted(example.room)) --date \(example.date)\n"
        }
        return out
    }

    private func shellQuoted(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0.isNumber || "._-/".contains($0) }) ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
