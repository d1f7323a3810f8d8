import Foundation

/// Something that happened in the session, with the wall-clock time it happened.
///
/// The session's state, and every countdown shown, is a function of the agenda, these events and
/// the current time, so any process that reads the same events shows the same time. Events name
/// their slot and topic by id, so they stay meaningful when the agenda is edited.
public struct SessionEvent: Sendable, Equatable, Codable {
    public var at: Date
    public var action: Action

    public init(at: Date, _ action: Action) {
        self.at = at
        self.action = action
    }

    public enum Action: Sendable, Equatable, Codable {
        /// The chair opened this slot (it becomes the one every view shows).
        case openSlot(slot: String)
        /// Start, or resume, the topic's clock.
        case start(slot: String, topic: String)
        case pause(slot: String, topic: String)
        /// Give the topic more (positive) or less (negative) time.
        case adjust(slot: String, topic: String, seconds: Int)
        /// Finish `topic` and move to the one after it (ending the slot after the last).
        case next(slot: String, topic: String)
        /// Stop `topic` and go back to the one before it.
        case previous(slot: String, topic: String)
        case endSlot(slot: String, cause: SlotEndCause)
        case noteAdded(id: String, slot: String, topic: String, text: String, by: String)
        /// `undo` marks the edit that takes back an earlier one.
        case noteEdited(id: String, text: String, undo: Bool)
        case noteDeleted(id: String)
        /// Takes back a delete.
        case noteRestored(id: String)
        case noteMoved(id: String, slot: String, topic: String, undo: Bool)
        /// The wall clock was stepped by `seconds` (negative: back) while no real time passed;
        /// running clocks are carried over the step so they neither lose nor gain it.
        case clockJump(seconds: Double)

        /// A short name for storage and logs.
        public var name: String {
            switch self {
            case .openSlot: "openSlot"
            case .start: "start"
            case .pause: "pause"
            case .adjust: "adjust"
            case .next: "next"
            case .previous: "previous"
            case .endSlot: "endSlot"
            case .noteAdded: "noteAdded"
            case .noteEdited: "noteEdited"
            case .noteDeleted: "noteDeleted"
            case .noteRestored: "noteRestored"
            case .noteMoved: "noteMoved"
            case .clockJump: "clockJump"
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
