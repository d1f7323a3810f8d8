import Foundation

/// Something that happened in the session, with the wall-clock time it happened.
///
/// The session's state, and every countdown shown, is a function of the agenda, these events and
/// the current time, so any process that reads the same events shows the same time. Events name
/// their slot and topic by id, so they stay meaningful when the agenda is edited.
public struct SessionEvent: Sendable, Equatable, Codable {
    public var at: Date
    public var action: Action
    /// Who recorded it: the name a view runs under (`--by`, else the login name). Nil in sessions
    /// written before events named their author.
    public var by: String?
    /// The role of the view that recorded it.
    public var role: Role?

    public init(at: Date, _ action: Action, by: String? = nil, role: Role? = nil) {
        self.at = at
        self.action = action
        self.by = by
        self.role = role
    }

    public enum Action: Sendable, Equatable, Codable {
        /// The chair opened this slot (it becomes the one every view shows).
        case openSlot(slot: String)
        /// Start, or resume, the topic's clock.
        case start(slot: String, topic: String)
        case pause(slot: String, topic: String)
        /// Give the topic more (positive) or less (negative) time. `batch` ties together the
        /// adjustments of one rebalance, which one undo takes back whole.
        case adjust(slot: String, topic: String, seconds: Int, batch: String? = nil)
        /// Takes back every adjustment of a rebalance.
        case undoAdjustments(batch: String)
        /// Shows `text` to the speaker of `topic` (every speaker view) until it is cleared (nil)
        /// or the topic changes.
        case message(slot: String, topic: String, text: String?)
        /// The chair keeps the topic going past zero instead of the automatic next topic.
        case holdAutoNext(slot: String, topic: String)
        /// Finish `topic` and move to the one after it (ending the slot after the last).
        case next(slot: String, topic: String)
        /// Stop `topic` and go back to the one before it.
        case previous(slot: String, topic: String)
        case endSlot(slot: String, cause: SlotEndCause)
        /// Give the slot more time (its length grows by `seconds`); a slot whose time ran out
        /// runs again when its new end is still ahead.
        case extendSlot(slot: String, seconds: Int)
        case noteAdded(id: String, slot: String, topic: String, text: String, by: String)
        /// `undo` marks the edit that takes back an earlier one. `base` is the note's version the
        /// new text was written against: an edit based on an older version than the note has is
        /// stale and changes nothing (nil: written before versions were kept; always applies).
        case noteEdited(id: String, text: String, undo: Bool, base: Int? = nil)
        case noteDeleted(id: String)
        /// Takes back a delete.
        case noteRestored(id: String)
        case noteMoved(id: String, slot: String, topic: String, undo: Bool)
        /// The wall clock was stepped by `seconds` (negative: back) while no real time passed;
        /// running clocks are carried over the step so they neither lose nor gain it. `offset` is
        /// the wall clock minus the boot-time clock of boot `boot` after the step (nil in sessions
        /// written before steps were tied to a boot).
        case clockJump(seconds: Double, boot: String? = nil, offset: Double? = nil)
        /// The wall clock minus the boot-time clock, as first seen on boot `boot`: the baseline
        /// against which every process on that boot tells a step of the wall clock, so a step is
        /// recorded once, by whoever sees it first, however late.
        case clockBase(boot: String, offset: Double)

        /// A short name for storage and logs.
        public var name: String {
            switch self {
            case .openSlot: "openSlot"
            case .start: "start"
            case .pause: "pause"
            case .adjust: "adjust"
            case .undoAdjustments: "undoAdjustments"
            case .message: "message"
            case .holdAutoNext: "holdAutoNext"
            case .next: "next"
            case .previous: "previous"
            case .endSlot: "endSlot"
            case .extendSlot: "extendSlot"
            case .noteAdded: "noteAdded"
            case .noteEdited: "noteEdited"
            case .noteDeleted: "noteDeleted"
            case .noteRestored: "noteRestored"
            case .noteMoved: "noteMoved"
            case .clockJump: "clockJump"
            case .clockBase: "clockBase"
            }
        }

        /// The same action with its slot and topic ids passed through `slot` and `topic`.
        public func mappingIDs(slot: (String) -> String, topic: (String) -> String) -> Action {
            switch self {
            case .openSlot(let s): .openSlot(slot: slot(s))
            case .start(let s, let t): .start(slot: slot(s), topic: topic(t))
            case .pause(let s, let t): .pause(slot: slot(s), topic: topic(t))
            case .adjust(let s, let t, let seconds, let batch): .adjust(slot: slot(s), topic: topic(t), seconds: seconds, batch: batch)
            case .message(let s, let t, let text): .message(slot: slot(s), topic: topic(t), text: text)
            case .holdAutoNext(let s, let t): .holdAutoNext(slot: slot(s), topic: topic(t))
            case .next(let s, let t): .next(slot: slot(s), topic: topic(t))
            case .previous(let s, let t): .previous(slot: slot(s), topic: topic(t))
            case .endSlot(let s, let cause): .endSlot(slot: slot(s), cause: cause)
            case .extendSlot(let s, let seconds): .extendSlot(slot: slot(s), seconds: seconds)
            case .noteAdded(let id, let s, let t, let text, let by): .noteAdded(id: id, slot: slot(s), topic: topic(t), text: text, by: by)
            case .noteMoved(let id, let s, let t, let undo): .noteMoved(id: id, slot: slot(s), topic: topic(t), undo: undo)
            default: self
            }
        }

        /// The slot and topic ids it names, as `mappingIDs` passes them, without a new action made.
        public var ids: (slot: String?, topic: String?) {
            switch self {
            case .openSlot(let s), .endSlot(let s, _), .extendSlot(let s, _): (s, nil)
            case .start(let s, let t), .pause(let s, let t), .adjust(let s, let t, _, _), .message(let s, let t, _),
                 .holdAutoNext(let s, let t), .next(let s, let t), .previous(let s, let t),
                 .noteAdded(_, let s, let t, _, _), .noteMoved(_, let s, let t, _): (s, t)
            default: (nil, nil)
            }
        }

        /// The note it is about, for a note action.
        public var noteID: String? {
            switch self {
            case .noteAdded(let id, _, _, _, _), .noteEdited(let id, _, _, _), .noteDeleted(let id), .noteRestored(let id),
                 .noteMoved(let id, _, _, _): id
            default: nil
            }
        }

        public var isNoteAction: Bool {
            switch self {
            case .noteAdded, .noteEdited, .noteDeleted, .noteRestored, .noteMoved: true
            default: false
            }
        }
    }
}

public enum SlotEndCause: String, Sendable, Equatable, Codable {
    /// The chair ended it.
    case chair
    /// Its last topic was finished.
    case lastTopic
    /// Its time ran out.
    case timeUp
}

/// What a view may do to the session. A role is a capability: a view without the timer's role
/// has no timer commands at all.
public enum Role: String, Sendable, Equatable, Codable, CaseIterable {
    /// `gavel run`: the timer, the slots and notes.
    case chair
    /// `gavel notes`: notes only.
    case notes
    /// `gavel speaker`: changes nothing.
    case speaker
    /// A co-chair's remote (the web companion): the timer's basic keys.
    case remote
    /// A command run from a shell (`gavel message`, scripts).
    case shell

    /// Whether the role may steer the timer (start, pause, next, previous, time, slots).
    public var steers: Bool { self == .chair || self == .remote || self == .shell }
    /// Whether the role may write notes.
    public var writesNotes: Bool { self == .chair || self == .notes }
    /// Whether the role records anything at all.
    public var records: Bool { self != .speaker }
}
