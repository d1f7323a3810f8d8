/// Whether a topic was held, and the words for it that the chair's list and every summary use.
///
/// A topic is **held** once its clock has run, however briefly. One that never ran is **not held**
/// when it never will be: the chair moved past it with `n` before starting it, or its slot ended
/// first (or, for a slot never started, its scheduled time is over or it has none). Until then it
/// is **not held yet**. Summaries never call such a topic "skipped", "cancelled" or "0m of 17m".
public enum TopicHolding: String, Sendable, Equatable, CaseIterable {
    case held
    case notHeld
    case notHeldYet

    /// `held`, `not held`, `not held yet`.
    public var words: String {
        switch self {
        case .held: "held"
        case .notHeld: "not held"
        case .notHeldYet: "not held yet"
        }
    }

    /// The holding of a topic whose clock has run (`hasStarted`), that the chair moved past
    /// (`isFinished`), in a slot that is over (`slotOver`: ended, or never started and past its time).
    public init(hasStarted: Bool, isFinished: Bool, slotOver: Bool) {
        if hasStarted { self = .held }
        else if isFinished || slotOver { self = .notHeld }
        else { self = .notHeldYet }
    }
}

extension TopicStatus {
    /// Whether this topic was held, in a slot that has (`slotOver`) or has not ended.
    public func holding(slotOver: Bool) -> TopicHolding {
        TopicHolding(hasStarted: hasStarted, isFinished: isFinished, slotOver: slotOver)
    }
}

extension Snapshot {
    /// Whether the topic at `index` of this slot was held: what the chair's list marks instead of
    /// `✓ 0m of 17m` for a topic skipped with `n`. Nil when there is no such topic.
    public func holding(ofTopicAt index: Int) -> TopicHolding? {
        guard topics.indices.contains(index) else { return nil }
        return topics[index].holding(slotOver: hasEnded)
    }
}
