import Foundation
import GavelCore

/// What a summary says, computed once from the session and then rendered in any format.
/// Every text typed by people in it is already cleaned (`PeopleText.clean`); each renderer
/// escapes it for its own markup.

/// The microconference a summary belongs to, and the instant it describes.
public struct SummaryContext: Sendable, Equatable {
    public var title: String
    public var event: String?
    public var room: String?
    public var timeZone: TimeZone
    /// The instant the summary was computed for.
    public var asOf: Date
}

/// One note as a summary shows it.
///
/// A class of constants: a note is placed in its topic and again in the index's decisions,
/// questions and actions by owner, and a copy of it is one reference, not eight.
public final class SummaryNote: Sendable, Equatable {
    public let id: String
    public let kind: NoteKind
    /// The whole text as typed, kind prefix included.
    public let text: String
    /// The text without its kind prefix.
    public let body: String
    /// `@name` owners of an action.
    public let owners: [String]
    public let links: [String]
    public let by: String
    /// Seconds into its topic when it was first saved.
    public let offset: Int
    public let at: Date
    public let edited: Bool

    public init(id: String, kind: NoteKind, text: String, body: String, owners: [String], links: [String], by: String,
                offset: Int, at: Date, edited: Bool) {
        self.id = id
        self.kind = kind
        self.text = text
        self.body = body
        self.owners = owners
        self.links = links
        self.by = by
        self.offset = offset
        self.at = at
        self.edited = edited
    }

    public static func == (a: SummaryNote, b: SummaryNote) -> Bool {
        a === b || (a.id == b.id && a.kind == b.kind && a.text == b.text && a.body == b.body && a.owners == b.owners
                    && a.links == b.links && a.by == b.by && a.offset == b.offset && a.at == b.at && a.edited == b.edited)
    }
}

/// One topic of a slot: on the agenda, or one that is no longer on it but still has notes.
public struct TopicSummary: Sendable, Equatable {
    public var id: String
    public var slotID: String
    /// False for a topic no longer on the agenda (only its notes are known).
    public var listed: Bool
    public var title: String
    public var speakers: [String]
    public var kind: TopicKind?
    /// Seconds the agenda planned.
    public var planned: Int
    /// Seconds planned with the chair's `+` and `-` (planned + granted).
    public var granted: Int
    /// Seconds its clock ran.
    public var used: Int
    /// Held, not held (skipped with `n`, or its slot is over), or not held yet.
    public var holding: TopicHolding
    /// Its clock runs at the summary's instant.
    public var running: Bool
    public var started: Date?
    public var notes: [SummaryNote]

    public var held: Bool { holding == .held }
    /// The chair's `+` and `-`: seconds granted on top of the plan (negative when cut).
    public var adjust: Int { granted - planned }
    /// Seconds used beyond the agenda's plan; negative when it ended early. Zero when not held.
    public var overPlan: Int { held ? used - planned : 0 }
    /// Seconds used beyond the plan and what the chair granted: the speaker's own overrun.
    /// Negative when it ended early; zero when not held.
    public var overGranted: Int { held ? used - granted : 0 }

    public func notes(_ kind: NoteKind) -> [SummaryNote] { notes.filter { $0.kind == kind } }
}

/// Someone who took notes, and how many of the notes shown are theirs.
public struct NoteTaker: Sendable, Equatable {
    public var name: String
    public var notes: Int

    /// Who took `notes`: most notes first, then by name (case-insensitively).
    public static func of(_ notes: [SummaryNote]) -> [NoteTaker] {
        // Counted by runs: a note-taker types many notes in a row, and comparing a name with the
        // last costs a fraction of hashing it (two look-ups a note, for every note of a day).
        var counts: [String: Int] = [:]
        var run: (name: String, notes: Int)?
        for note in notes where !note.by.isEmpty {
            if run?.name == note.by {
                run?.notes += 1
                continue
            }
            if let run { counts[run.name, default: 0] += run.notes }
            run = (note.by, 1)
        }
        if let run { counts[run.name, default: 0] += run.notes }
        return counts.map { NoteTaker(name: $0.key, notes: $0.value) }.sorted { a, b in
            if a.notes != b.notes { return a.notes > b.notes }
            let la = a.name.lowercased(), lb = b.name.lowercased()
            return la != lb ? la < lb : a.name < b.name
        }
    }
}

/// Where a slot stands at the summary's instant.
public enum SlotState: Sendable, Equatable {
    case notStarted
    case running
    case ended(SlotEndCause)

    /// `not-started`, `running`, `ended`: the JSON spelling.
    public var name: String {
        switch self {
        case .notStarted: "not-started"
        case .running: "running"
        case .ended: "ended"
        }
    }
}

/// One slot: its header, its topics in agenda order (then topics no longer listed), its timing.
public struct SlotSummary: Sendable, Equatable {
    public var id: String
    /// False for a slot no longer on the agenda that still has notes.
    public var listed: Bool
    public var title: String
    public var room: String?
    /// The day it was scheduled or, failing that, started.
    public var date: Date?
    public var scheduledStart: Date?
    public var scheduledEnd: Date?
    public var actualStart: Date?
    public var actualEnd: Date?
    public var state: SlotState
    /// Seconds of the slot.
    public var length: Int
    /// Seconds the chair added to the slot after its time ran out (`+`, then y).
    public var extended: Int = 0
    public var topics: [TopicSummary]
    /// Steps of the wall clock while the slot ran (running clocks were carried over them).
    public var clockSteps: [Session.ClockJump] = []

    public var listedTopics: [TopicSummary] { topics.filter(\.listed) }
    public var planned: Int { listedTopics.reduce(0) { $0 + $1.planned } }
    public var used: Int { topics.reduce(0) { $0 + $1.used } }
    public var held: Bool { actualStart != nil }
    public var noteCount: Int { topics.reduce(0) { $0 + $1.notes.count } }
    public var noteTakers: [NoteTaker] { NoteTaker.of(topics.flatMap(\.notes)) }
}

/// A slot of the agenda whose clock never ran.
public struct SlotNotHeld: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Topics it has on the agenda.
    public var topics: Int
    /// Its scheduled end is still to come: it may yet be held.
    public var yet: Bool
}

/// The whole microconference so far: an overview, then every slot held or with notes.
public struct DaySummary: Sendable, Equatable {
    public var context: SummaryContext
    public var slots: [SlotSummary]
    /// Slots of the agenda whose clock never ran (with notes or not), in agenda order.
    public var notHeld: [SlotNotHeld]
    /// Topics in the whole agenda.
    public var agendaTopics: Int
    /// Seconds the whole agenda plans.
    public var agendaPlanned: Int

    public var heldTopics: [TopicSummary] { slots.flatMap(\.listedTopics).filter(\.held) }
    /// Topics of the slots that ran that were not held (`.notHeld`) or not yet (`.notHeldYet`).
    public func topics(_ holding: TopicHolding) -> [(slot: SlotSummary, topic: TopicSummary)] {
        slots.filter(\.held).flatMap { slot in slot.listedTopics.filter { $0.holding == holding }.map { (slot, $0) } }
    }
    public var plannedHeld: Int { heldTopics.reduce(0) { $0 + $1.planned } }
    /// The chair's `+` and `-` on the topics held.
    public var adjustHeld: Int { heldTopics.reduce(0) { $0 + $1.adjust } }
    public var used: Int { slots.reduce(0) { $0 + $1.used } }
    /// Topics that used more than planned + granted.
    public var overruns: [(slot: SlotSummary, topic: TopicSummary)] {
        slots.flatMap { slot in slot.topics.filter { $0.held && $0.overGranted > 0 }.map { (slot, $0) } }
    }
    /// Everyone who took the notes shown, most notes first.
    public var noteTakers: [NoteTaker] { NoteTaker.of(slots.flatMap { $0.topics.flatMap(\.notes) }) }

    /// A note with the slot and topic it belongs to.
    public struct PlacedNote: Sendable, Equatable {
        public var slotID: String
        public var slotTitle: String
        public var topicID: String
        public var topicTitle: String
        public var note: SummaryNote
    }

    /// Every decision, in agenda order.
    public var decisions: [PlacedNote] { placed(.decision) }

    /// Every open question, in agenda order: what the closing session takes up.
    public var questions: [PlacedNote] { placed(.question) }

    /// Every action, grouped by owner: owners in alphabetical order (case-insensitively), then
    /// the actions nobody owns under a nil owner. An action with two owners is listed under each.
    public var actionsByOwner: [(owner: String?, actions: [PlacedNote])] {
        var byOwner: [String: [PlacedNote]] = [:]
        var unowned: [PlacedNote] = []
        for item in placed(.action) {
            if item.note.owners.isEmpty { unowned.append(item) }
            for owner in item.note.owners { byOwner[owner, default: []].append(item) }
        }
        let owners = byOwner.keys.sorted { a, b in
            let la = a.lowercased(), lb = b.lowercased()
            return la != lb ? la < lb : a < b
        }
        var out: [(owner: String?, actions: [PlacedNote])] = owners.map { ($0, byOwner[$0] ?? []) }
        if !unowned.isEmpty { out.append((nil, unowned)) }
        return out
    }

    private func placed(_ kind: NoteKind) -> [PlacedNote] {
        slots.flatMap { slot in
            slot.topics.flatMap { topic in
                topic.notes(kind).map { PlacedNote(slotID: slot.id, slotTitle: slot.title, topicID: topic.id, topicTitle: topic.title, note: $0) }
            }
        }
    }
}
