import Foundation
import GavelCore

/// What `gavel plan` proposes: the trade-offs, the agenda, and why.
public struct Plan: Sendable {
    public var tradeOffs: [TradeOff]
    /// Empty of slots when nothing fits.
    public var agenda: Agenda
    public var rejected: [Submission]
    /// Talks turned into lightning talks to make room.
    public var demoted: [Submission]
    /// Busy times the plan could not avoid.
    public var conflicts: [Conflict]
    /// One line for each choice the planner made.
    public var reasons: [String]
}

/// One row of the trade-off table: how long each discussion gets if `rejected` talks are
/// dropped or `demoted` talks become lightning talks.
public struct TradeOff: Sendable, Equatable {
    public var rejected: Int
    public var demoted: Int
    public var talks: Int
    public var lightning: Int
    /// Seconds each talk gets if the time is shared evenly; nil without talks.
    public var secondsPerTalk: Int?
    /// Whether that is at least `min_topic`.
    public var fits: Bool

    public var label: String {
        if rejected == 0, demoted == 0 { return "take all" }
        if rejected > 0 { return "reject \(rejected)" }
        return "demote \(demoted) to lightning"
    }
}

/// A speaker's topic planned while the speaker is needed elsewhere.
public struct Conflict: Sendable, Equatable {
    public var speaker: String
    public var topic: String
    public var start: Date
    public var end: Date
    public var busy: Busy
}
