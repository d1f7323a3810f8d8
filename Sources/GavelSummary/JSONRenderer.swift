import Foundation
import GavelCore

/// Spells a summary as JSON for scripts. The shape is stable: keys are never renamed or removed
/// within a `version`, every key below is always present (`null` or `[]` when there is nothing),
/// and keys appear in the order shown. New keys may be added.
///
/// ```
/// {
///   "format": "gavel-summary",   always this string
///   "version": 2,                bumped only when a key changes meaning or goes away (2: offsets
///                                are "+mm:ss"; overruns are measured against planned + granted;
///                                notHeld lists every slot never started)
///   "kind": "slot" | "index",    one slot's summary, or the whole microconference's
///   "microconference": { "title": S, "event": S|null, "room": S|null, "timeZone": "America/Los_Angeles" },
///   "asOf": TIME,                the instant the summary describes
///   "overview": OVERVIEW|null,   null for "slot"
///   "slots": [SLOT]              "slot": exactly one; "index": every slot started or with notes,
///                                in agenda order, then slots no longer on the agenda
/// }
/// OVERVIEW = {
///   "slotsHeld": N, "slotsTotal": N,
///   "notHeld": [{ "id": S, "title": S, "topics": N, "yet": B }],   slots never started; yet: their
///                                scheduled end is still to come
///   "topicsHeld": N, "topicsTotal": N,
///   "topicsNotHeld": [{ "slot": ID, "topic": ID, "title": S }],    in slots that ran: skipped, or
///                                their slot ended first
///   "topicsNotHeldYet": [{ "slot": ID, "topic": ID, "title": S }], in a slot still running
///   "plannedSeconds": N,         what the agenda planned for the topics held
///   "adjustSeconds": N,          what the chair granted them on top (+ and -; negative: cut)
///   "usedSeconds": N,            what they used
///   "agendaPlannedSeconds": N,   what the whole agenda plans
///   "overruns": [{ "slot": ID, "topic": ID, "title": S, "plannedSeconds": N, "adjustSeconds": N,
///                  "grantedSeconds": N, "usedSeconds": N, "overrunSeconds": N, "overGrantedSeconds": N }],
///                                topics that used more than planned + granted
///   "noteTakers": [{ "name": S, "notes": N }],   who took the notes, most notes first
///   "actionsByOwner": [{ "owner": S|null, "actions": [{ "slot": ID, "topic": ID, "note": NOTE }] }],
///                                owners alphabetically, then null (actions nobody owns);
///                                an action with two owners is under both
///   "decisions": [{ "slot": ID, "topic": ID, "note": NOTE }],
///   "questions": [{ "slot": ID, "topic": ID, "note": NOTE }]        open questions, in agenda order
/// }
/// SLOT = {
///   "id": ID, "listed": B,       false: the slot is no longer on the agenda, only its notes are
///   "title": S, "room": S|null, "date": "2012-08-29"|null,
///   "state": "not-started" | "running" | "ended",
///   "endCause": "chair" | "lastTopic" | "timeUp" | null,
///   "scheduledStart": TIME|null, "scheduledEnd": TIME|null, "actualStart": TIME|null, "actualEnd": TIME|null,
///   "lengthSeconds": N, "plannedSeconds": N, "usedSeconds": N,
///   "extendedSeconds": N,        added to its length by the chair after its time ran out
///   "noteTakers": [{ "name": S, "notes": N }],
///   "clockSteps": [{ "at": TIME, "seconds": N }],   steps of the computer's clock while it ran
///   "topics": [TOPIC]            agenda order, then topics no longer on the agenda that have notes
/// }
/// TOPIC = {
///   "id": ID, "listed": B, "title": S, "speakers": [S], "kind": "talk" | "lightning" | null,
///   "held": B,                   its clock ran
///   "holding": "held" | "notHeld" | "notHeldYet",   notHeld: skipped with n, or its slot is over
///   "started": TIME|null,
///   "plannedSeconds": N,         as the agenda planned it
///   "adjustSeconds": N,          granted by the chair's + and - (negative: cut)
///   "grantedSeconds": N,         planned + granted
///   "usedSeconds": N,
///   "overrunSeconds": N,         used minus planned; negative when under; 0 if not held
///   "overGrantedSeconds": N,     used minus planned + granted: the speaker's own overrun
///   "decisions": [NOTE], "actions": [NOTE], "questions": [NOTE], "discussion": [NOTE]
/// }
/// NOTE = {
///   "id": S, "kind": "decision" | "action" | "question" | "discussion",
///   "text": S,                   as typed (after edits), kind prefix included
///   "body": S,                   without the kind prefix
///   "owners": [S],               an action's @names, without the @
///   "links": [S],                http(s) URLs in it
///   "by": S, "offsetSeconds": N, "offset": "+mm:ss",   time into its topic when first saved
///   "at": TIME, "edited": B
/// }
/// TIME = "2012-08-29T13:30:00-07:00" (ISO 8601 in the agenda's time zone, with its offset)
/// ```
/// Text typed by people has its control characters removed (tabs and line breaks become spaces);
/// nothing else is changed.
public enum JSONRenderer {
    public static func slot(_ slot: SlotSummary, context: SummaryContext) -> String {
        document(kind: "slot", context: context, overview: .null, slots: [slot]).printed
    }

    public static func day(_ day: DaySummary) -> String {
        document(kind: "index", context: day.context, overview: overview(day), slots: day.slots).printed
    }

    static func document(kind: String, context: SummaryContext, overview: JSONText, slots: [SlotSummary]) -> JSONText {
        .object([
            ("format", .string("gavel-summary")),
            ("version", .int(2)),
            ("kind", .string(kind)),
            ("microconference", .object([
                ("title", .string(context.title)),
                ("event", .optional(context.event)),
                ("room", .optional(context.room)),
                ("timeZone", .string(context.timeZone.identifier)),
            ])),
            ("asOf", time(context.asOf, context)),
            ("overview", overview),
            ("slots", .array(slots.map { slot($0, context) })),
        ])
    }

    static func overview(_ day: DaySummary) -> JSONText {
        let listedHeld = day.slots.filter { $0.listed && $0.held }.count
        return .object([
            ("slotsHeld", .int(listedHeld)),
            ("slotsTotal", .int(listedHeld + day.notHeld.count)),
            ("notHeld", .array(day.notHeld.map {
                .object([("id", .string($0.id)), ("title", .string($0.title)), ("topics", .int($0.topics)), ("yet", .bool($0.yet))])
            })),
            ("topicsHeld", .int(day.heldTopics.count)),
            ("topicsTotal", .int(day.agendaTopics)),
            ("topicsNotHeld", .array(day.topics(.notHeld).map { slotTopic($0.topic) })),
            ("topicsNotHeldYet", .array(day.topics(.notHeldYet).map { slotTopic($0.topic) })),
            ("plannedSeconds", .int(day.plannedHeld)),
            ("adjustSeconds", .int(day.adjustHeld)),
            ("usedSeconds", .int(day.used)),
            ("agendaPlannedSeconds", .int(day.agendaPlanned)),
            ("overruns", .array(day.overruns.map { _, topic in
                .object([
                    ("slot", .string(topic.slotID)), ("topic", .string(topic.id)), ("title", .string(topic.title)),
                    ("plannedSeconds", .int(topic.planned)), ("adjustSeconds", .int(topic.adjust)),
                    ("grantedSeconds", .int(topic.granted)), ("usedSeconds", .int(topic.used)),
                    ("overrunSeconds", .int(topic.overPlan)), ("overGrantedSeconds", .int(topic.overGranted)),
                ])
            })),
            ("noteTakers", noteTakers(day.noteTakers)),
            ("actionsByOwner", .array(day.actionsByOwner.map { group in
                .object([
                    ("owner", .optional(group.owner)),
                    ("actions", .array(group.actions.map { placed($0, day.context) })),
                ])
            })),
            ("decisions", .array(day.decisions.map { placed($0, day.context) })),
            ("questions", .array(day.questions.map { placed($0, day.context) })),
        ])
    }

    static func slotTopic(_ topic: TopicSummary) -> JSONText {
        .object([("slot", .string(topic.slotID)), ("topic", .string(topic.id)), ("title", .string(topic.title))])
    }

    static func noteTakers(_ takers: [NoteTaker]) -> JSONText {
        .array(takers.map { .object([("name", .string($0.name)), ("notes", .int($0.notes))]) })
    }

    static func placed(_ item: DaySummary.PlacedNote, _ context: SummaryContext) -> JSONText {
        .object([("slot", .string(item.slotID)), ("topic", .string(item.topicID)), ("note", note(item.note, context))])
    }

    static func slot(_ slot: SlotSummary, _ context: SummaryContext) -> JSONText {
        let cause: JSONText
        if case .ended(let c) = slot.state { cause = .string(c.rawValue) } else { cause = .null }
        return .object([
            ("id", .string(slot.id)),
            ("listed", .bool(slot.listed)),
            ("title", .string(slot.title)),
            ("room", .optional(slot.room)),
            ("date", .optional(slot.date.map { SummaryTime.day($0, zone: context.timeZone) })),
            ("state", .string(slot.state.name)),
            ("endCause", cause),
            ("scheduledStart", optionalTime(slot.scheduledStart, context)),
            ("scheduledEnd", optionalTime(slot.scheduledEnd, context)),
            ("actualStart", optionalTime(slot.actualStart, context)),
            ("actualEnd", optionalTime(slot.actualEnd, context)),
            ("lengthSeconds", .int(slot.length)),
            ("plannedSeconds", .int(slot.planned)),
            ("usedSeconds", .int(slot.used)),
            ("extendedSeconds", .int(slot.extended)),
            ("noteTakers", noteTakers(slot.noteTakers)),
            ("clockSteps", .array(slot.clockSteps.map { step in
                .object([("at", time(step.at, context)), ("seconds", .int(Int(step.seconds.rounded())))])
            })),
            ("topics", .array(slot.topics.map { topic($0, context) })),
        ])
    }

    static func topic(_ topic: TopicSummary, _ context: SummaryContext) -> JSONText {
        .object([
            ("id", .string(topic.id)),
            ("listed", .bool(topic.listed)),
            ("title", .string(topic.title)),
            ("speakers", .array(topic.speakers.map { .string($0) })),
            ("kind", .optional(topic.kind?.rawValue)),
            ("held", .bool(topic.held)),
            ("holding", .string(topic.holding.rawValue)),
            ("started", optionalTime(topic.started, context)),
            ("plannedSeconds", .int(topic.planned)),
            ("adjustSeconds", .int(topic.adjust)),
            ("grantedSeconds", .int(topic.granted)),
            ("usedSeconds", .int(topic.used)),
            ("overrunSeconds", .int(topic.overPlan)),
            ("overGrantedSeconds", .int(topic.overGranted)),
            ("decisions", .array(topic.notes(.decision).map { note($0, context) })),
            ("actions", .array(topic.notes(.action).map { note($0, context) })),
            ("questions", .array(topic.notes(.question).map { note($0, context) })),
            ("discussion", .array(topic.notes(.discussion).map { note($0, context) })),
        ])
    }

    static func note(_ note: SummaryNote, _ context: SummaryContext) -> JSONText {
        .object([
            ("id", .string(note.id)),
            ("kind", .string(note.kind.rawValue)),
            ("text", .string(note.text)),
            ("body", .string(note.body)),
            ("owners", .array(note.owners.map { .string($0) })),
            ("links", .array(note.links.map { .string($0) })),
            ("by", .string(note.by)),
            ("offsetSeconds", .int(note.offset)),
            ("offset", .string(SummaryTime.offset(note.offset))),
            ("at", time(note.at, context)),
            ("edited", .bool(note.edited)),
        ])
    }

    static func time(_ date: Date, _ context: SummaryContext) -> JSONText {
        .string(SummaryTime.iso(date, zone: context.timeZone))
    }

    static func optionalTime(_ date: Date?, _ context: SummaryContext) -> JSONText {
        date.map { time($0, context) } ?? .null
    }
}
