import Foundation
import GavelCore

/// The session as a page or an integration sees it: the JSON of `GET /api/TOKEN/state` and of
/// each message of the live stream (`format` "gavel-state", `version` 1; the README documents it).
///
/// It carries instants, never a countdown: a topic's `plannedSeconds`, the seconds it ran before
/// `runningSinceMs` (`accumulatedSeconds`) and `runningSinceMs` itself, so each device computes the
/// second it shows from the server's clock, and nothing needs to be sent while time merely passes.
public enum WebState {
    public static let format = "gavel-state"
    public static let version = 1

    /// The state for `role` at the session clock's `now`, without `serverTimeMs` (see `stamped`),
    /// so two states can be compared to tell whether anything changed.
    public static func make(session: Session, at now: Date, role: WebRole) -> JSONValue {
        let agenda = session.agenda
        let snapshot = session.snapshot(at: now)
        var pairs: [(String, JSONValue)] = [
            ("format", .string(format)),
            ("version", .int(version)),
            ("role", .string(role.rawValue)),
            ("agenda", .object([
                ("title", .string(agenda.title)),
                ("event", .optional(agenda.event)),
                ("room", .optional(agenda.room)),
                ("timeZone", .string(agenda.timeZone.identifier)),
                // The chair's preset messages for the speaker.
                ("messages", .array(agenda.defaults.messages.map { .string($0) })),
            ])),
            // The talks' default; each topic carries its own (lightning talks have theirs).
            ("warnSeconds", .array(agenda.defaults.warn.map { .int($0) })),
            ("slot", snapshot.map { slotJSON($0, session: session) } ?? .null),
            // What the chair shows the speaker, while it stands (the current topic's), else null.
            ("message", snapshot?.message.map { m in
                .object([("text", .string(m.text)), ("atMs", .int(milliseconds(m.at)))])
            } ?? .null),
        ]
        if role.seesNotes {
            var notes: [JSONValue] = []
            if let s = snapshot, let topic = s.currentTopic {
                notes = session.notes(slot: s.slot.id, topic: topic.topic.id).reversed().map(noteJSON)
            }
            pairs.append(("notes", .array(notes)))
        } else {
            pairs.append(("notes", .null))
        }
        return .object(pairs)
    }

    /// `state` with the server's clock reading inserted after `version`.
    public static func stamped(_ state: JSONValue, serverTime: Date) -> JSONValue {
        guard case .object(var pairs) = state else { return state }
        let index = min(2, pairs.count)
        pairs.insert(("serverTimeMs", .int(milliseconds(serverTime))), at: index)
        return .object(pairs)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func slotJSON(_ s: Snapshot, session: Session) -> JSONValue {
        let run = session.runs[s.slot.id] ?? Session.SlotRun()
        var ended: JSONValue = .null
        if let end = s.ended {
            ended = .object([("atMs", .int(milliseconds(end.at))), ("cause", .string(end.cause.rawValue))])
        }
        return .object([
            ("id", .string(s.slot.id)),
            ("title", .string(s.slot.title)),
            ("room", .optional(s.slot.room ?? s.agenda.room)),
            ("number", .int(s.slotIndex + 1)),
            ("count", .int(s.agenda.slots.count)),
            ("lengthSeconds", .int(s.slot.length)),
            ("scheduledStartMs", s.slot.start.map { .int(milliseconds($0)) } ?? .null),
            ("scheduledEndMs", s.slot.end.map { .int(milliseconds($0)) } ?? .null),
            ("deadlineMs", s.deadline.map { .int(milliseconds($0)) } ?? .null),
            ("ended", ended),
            ("current", .int(s.current)),
            ("topics", .array(s.topics.map {
                topicJSON($0, run: run.run($0.topic.id), warn: s.agenda.warn(for: $0.topic, in: s.slot),
                          until: $0.topic.until.map { u in u.date(onDayOf: s.slot.start ?? run.firstStart ?? s.now, zone: s.agenda.timeZone) })
            })),
        ])
    }

    static func topicJSON(_ t: TopicStatus, run: TopicRun, warn: [Int], until: Date?) -> JSONValue {
        let since = run.runningSince ?? .distantPast
        let running = t.isRunning && run.runningSince != nil
        let state: String
        if t.isFinished { state = "finished" }
        else if t.isRunning { state = "running" }
        else if t.hasStarted { state = "paused" }
        else { state = "ready" }
        return .object([
            ("id", .string(t.topic.id)),
            ("title", .string(t.topic.title)),
            ("speakers", .array(t.topic.speakers.map { .string($0) })),
            ("kind", .string(t.topic.kind.rawValue)),
            ("state", .string(state)),
            ("plannedSeconds", .int(t.planned)),
            // Amber, then red, at these seconds left: the topic's own, its slot's, or its kind's.
            ("warnSeconds", .array(warn.map { .int($0) })),
            // A running topic: what it ran before `runningSinceMs`. Any other: all it ran (a slot
            // that ran out of time stops its clocks at its end, recorded or not).
            ("accumulatedSeconds", .double(((running ? run.accumulated : t.elapsed) * 1000).rounded() / 1000)),
            ("runningSinceMs", running ? .int(milliseconds(since)) : .null),
            // At zero: "overtime" counts up, "stop" holds 00:00 (TIME), "next" starts the next topic
            // 10 s later unless the chair held it (`autoNextHeld`).
            ("atZero", .string(t.atZero.rawValue)),
            ("autoNextHeld", .bool(run.autoNextHeld)),
            // A topic that runs to a time of day: that instant (its countdown is untilMs - now).
            ("untilMs", until.map { .int(milliseconds($0)) } ?? .null),
        ])
    }

    static func noteJSON(_ note: Note) -> JSONValue {
        let parsed = note.parsed
        return .object([
            ("id", .string(note.id)),
            ("slot", .string(note.slot)),
            ("topic", .string(note.topic)),
            ("kind", .string(parsed.kind.rawValue)),
            ("text", .string(note.text)),
            ("owners", .array(parsed.owners.map { .string($0) })),
            ("by", .string(note.by)),
            ("atMs", .int(milliseconds(note.at))),
            ("offsetSeconds", .int(note.offset)),
            ("edited", .bool(note.editedAt != nil)),
        ])
    }
}
