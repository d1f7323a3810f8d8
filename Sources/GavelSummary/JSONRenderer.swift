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
    /// A slot's summary as UTF-8 bytes (valid: ASCII and the bytes of Strings).
    public static func slot(_ slot: SlotSummary, context: SummaryContext) -> [UInt8] {
        document(kind: "slot", context: context, slots: [slot], room: room([slot], copies: 1)) { $0.null() }
    }

    /// The whole microconference's summary as UTF-8 bytes.
    public static func day(_ day: DaySummary) -> [UInt8] {
        // The overview lists the decisions, actions and questions again.
        document(kind: "index", context: day.context, slots: day.slots, room: room(day.slots, copies: 2)) { overview(day, &$0) }
    }

    /// Bytes enough for the document in nearly every case: a note's members take about 600 bytes
    /// besides its text, which is written up to three times (text, body, owners and links). Only
    /// pages written are touched; a summary that needs more is written again in twice the room.
    static func room(_ slots: [SlotSummary], copies: Int) -> Int {
        var room = 8192
        for slot in slots {
            room += 2048
            for topic in slot.topics {
                room += 1024
                for note in topic.notes { room += copies * (700 + 3 * note.text.utf8.count) }
            }
        }
        return room
    }

    static func document(kind: String, context: SummaryContext, slots: [SlotSummary], room: Int,
                         overview: (inout JSONWriter) -> Void) -> [UInt8] {
        JSONWriter.write(capacity: room) { w in w.object { w in
            w.field("format", "gavel-summary")
            w.field("version", 2)
            w.field("kind", kind)
            w.key("microconference")
            w.object { w in
                w.field("title", context.title)
                w.field("event", context.event)
                w.field("room", context.room)
                w.field("timeZone", context.timeZone.identifier)
            }
            w.key("asOf")
            time(context.asOf, context, &w)
            w.key("overview")
            overview(&w)
            w.key("slots")
            w.array { w in for s in slots { slot(s, context, &w) } }
        } }
    }

    static func overview(_ day: DaySummary, _ w: inout JSONWriter) {
        let listedHeld = day.slots.filter { $0.listed && $0.held }.count
        w.object { w in
            w.field("slotsHeld", listedHeld)
            w.field("slotsTotal", listedHeld + day.notHeld.count)
            w.key("notHeld")
            w.array { w in
                for slot in day.notHeld {
                    w.object { w in
                        w.field("id", slot.id)
                        w.field("title", slot.title)
                        w.field("topics", slot.topics)
                        w.field("yet", slot.yet)
                    }
                }
            }
            w.field("topicsHeld", day.heldTopics.count)
            w.field("topicsTotal", day.agendaTopics)
            w.key("topicsNotHeld")
            w.array { w in for item in day.topics(.notHeld) { slotTopic(item.topic, &w) } }
            w.key("topicsNotHeldYet")
            w.array { w in for item in day.topics(.notHeldYet) { slotTopic(item.topic, &w) } }
            w.field("plannedSeconds", day.plannedHeld)
            w.field("adjustSeconds", day.adjustHeld)
            w.field("usedSeconds", day.used)
            w.field("agendaPlannedSeconds", day.agendaPlanned)
            w.key("overruns")
            w.array { w in
                for (_, topic) in day.overruns {
                    w.object { w in
                        slotTopicFields(topic, &w)
                        seconds(topic, &w)
                    }
                }
            }
            w.key("noteTakers")
            noteTakers(day.noteTakers, &w)
            w.key("actionsByOwner")
            w.array { w in
                for group in day.actionsByOwner {
                    w.object { w in
                        w.field("owner", group.owner)
                        w.key("actions")
                        w.array { w in for item in group.actions { placed(item, day.context, &w) } }
                    }
                }
            }
            w.key("decisions")
            w.array { w in for item in day.decisions { placed(item, day.context, &w) } }
            w.key("questions")
            w.array { w in for item in day.questions { placed(item, day.context, &w) } }
        }
    }

    static func slotTopic(_ topic: TopicSummary, _ w: inout JSONWriter) {
        w.object { w in slotTopicFields(topic, &w) }
    }

    static func slotTopicFields(_ topic: TopicSummary, _ w: inout JSONWriter) {
        w.field("slot", topic.slotID)
        w.field("topic", topic.id)
        w.field("title", topic.title)
    }

    static func noteTakers(_ takers: [NoteTaker], _ w: inout JSONWriter) {
        w.array { w in
            for taker in takers {
                w.object { w in
                    w.field("name", taker.name)
                    w.field("notes", taker.notes)
                }
            }
        }
    }

    static func placed(_ item: DaySummary.PlacedNote, _ context: SummaryContext, _ w: inout JSONWriter) {
        w.object { w in
            w.field("slot", item.slotID)
            w.field("topic", item.topicID)
            w.key("note")
            note(item.note, context, &w)
        }
    }

    static func slot(_ slot: SlotSummary, _ context: SummaryContext, _ w: inout JSONWriter) {
        w.object { w in
            w.field("id", slot.id)
            w.field("listed", slot.listed)
            w.field("title", slot.title)
            w.field("room", slot.room)
            w.field("date", slot.date.map { SummaryTime.day($0, zone: context.timeZone) })
            w.field("state", slot.state.name)
            if case .ended(let cause) = slot.state { w.field("endCause", cause.rawValue) } else { w.field("endCause", nil as String?) }
            w.key("scheduledStart")
            optionalTime(slot.scheduledStart, context, &w)
            w.key("scheduledEnd")
            optionalTime(slot.scheduledEnd, context, &w)
            w.key("actualStart")
            optionalTime(slot.actualStart, context, &w)
            w.key("actualEnd")
            optionalTime(slot.actualEnd, context, &w)
            w.field("lengthSeconds", slot.length)
            w.field("plannedSeconds", slot.planned)
            w.field("usedSeconds", slot.used)
            w.field("extendedSeconds", slot.extended)
            w.key("noteTakers")
            noteTakers(slot.noteTakers, &w)
            w.key("clockSteps")
            w.array { w in
                for step in slot.clockSteps {
                    w.object { w in
                        w.key("at")
                        time(step.at, context, &w)
                        w.field("seconds", Int(step.seconds.rounded()))
                    }
                }
            }
            w.key("topics")
            w.array { w in for t in slot.topics { topic(t, context, &w) } }
        }
    }

    static func topic(_ topic: TopicSummary, _ context: SummaryContext, _ w: inout JSONWriter) {
        w.object { w in
            w.field("id", topic.id)
            w.field("listed", topic.listed)
            w.field("title", topic.title)
            w.key("speakers")
            w.array(topic.speakers)
            w.field("kind", topic.kind?.rawValue)
            w.field("held", topic.held)
            w.field("holding", topic.holding.rawValue)
            w.key("started")
            optionalTime(topic.started, context, &w)
            seconds(topic, &w)
            let sections: [(NoteKind, StaticString)] = [(.decision, "decisions"), (.action, "actions"), (.question, "questions"), (.discussion, "discussion")]
            for (kind, name) in sections {
                w.key(name)
                w.array { w in for n in topic.notes(kind) { note(n, context, &w) } }
            }
        }
    }

    /// A topic's planned, granted, used and overrun seconds, as a topic and an overrun show them.
    static func seconds(_ topic: TopicSummary, _ w: inout JSONWriter) {
        w.field("plannedSeconds", topic.planned)
        w.field("adjustSeconds", topic.adjust)
        w.field("grantedSeconds", topic.granted)
        w.field("usedSeconds", topic.used)
        w.field("overrunSeconds", topic.overPlan)
        w.field("overGrantedSeconds", topic.overGranted)
    }

    static func note(_ note: SummaryNote, _ context: SummaryContext, _ w: inout JSONWriter) {
        w.object { w in
            w.field("id", note.id)
            w.field("kind", note.kind.rawValue)
            w.field("text", note.text)
            w.field("body", note.body)
            w.key("owners")
            w.array(note.owners)
            w.key("links")
            w.array(note.links)
            w.field("by", note.by)
            w.field("offsetSeconds", note.offset)
            w.key("offset")
            w.quoted { SummaryTime.offset(note.offset, to: &$0) }
            w.key("at")
            time(note.at, context, &w)
            w.field("edited", note.edited)
        }
    }

    static func time(_ date: Date, _ context: SummaryContext, _ w: inout JSONWriter) {
        w.quoted { SummaryTime.iso(date, zone: context.timeZone, to: &$0) }
    }

    static func optionalTime(_ date: Date?, _ context: SummaryContext, _ w: inout JSONWriter) {
        if let date { time(date, context, &w) } else { w.null() }
    }
}
