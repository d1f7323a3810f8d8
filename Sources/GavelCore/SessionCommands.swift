import Foundation

/// The chair's commands: what each one records now, or the question it needs answered first, or
/// why it means nothing now. Decided against the state as it stands, so a writer that decides
/// inside the log's transaction never records what another writer's event made pointless (a
/// second end of one slot, a start in a slot that just ran out).
extension Session {
    public enum Command: Sendable, Equatable {
        /// Start, pause or resume the current topic.
        case toggle
        case next
        case previous
        case adjust(seconds: Int)
        case endSlot
        case openSlot(String)
        /// Show `text` to the speaker of the current topic; nil clears what is shown.
        case message(String?)
        /// Share the slot's time left fairly among its topics to come (see `rebalance`).
        case rebalance
    }

    /// What a command needs to hear from the chair before it is recorded.
    public enum Question: Sendable, Equatable {
        /// Another slot's clock still counts: end it before starting a topic here?
        case endRunningSlot(slot: String)
        /// The slot's time ran out: give it this many seconds more, and run it again?
        case extendSlot(slot: String, seconds: Int)
        /// New lengths for the topics to come: apply them?
        case rebalance(Rebalance)
    }

    public enum Decision: Sendable, Equatable {
        /// Record these, in order.
        case record([SessionEvent.Action])
        /// Ask first; the same command, confirmed, records.
        case ask(Question)
        /// Nothing to record; the reason, for the status line.
        case refuse(String)
    }

    /// How much `+` gives a slot whose time ran out.
    public static let slotExtension = 5 * 60

    /// What `command` does at `now`. `confirmed` answers the question it asked.
    public func decide(_ command: Command, at now: Date, confirmed: Bool = false) -> Decision {
        decide(command, at: now, confirmed: confirmed, ground: decisionGround(at: now))
    }

    /// What every command but `openSlot` is decided against at `now`: the current slot, its run,
    /// its current topic and how it ended; or why no command means anything. A view deciding
    /// many commands for one frame (its key legend) finds it once.
    public struct DecisionGround: Sendable {
        let slotID: String
        let slot: Slot
        let run: SlotRun
        let index: Int
        let topicID: String
        let ended: SlotEnd?
    }

    public func decisionGround(at now: Date) -> Result<DecisionGround, Refusal> {
        guard let slotID = currentSlotID(at: now), let slot = agenda.slot(id: slotID) else {
            return .failure(Refusal(reason: "the agenda has no slots"))
        }
        guard !slot.topics.isEmpty else { return .failure(Refusal(reason: "this slot has no topics")) }
        let run = runs[slotID] ?? SlotRun()
        let index = min(run.current, slot.topics.count - 1)
        return .success(DecisionGround(slotID: slotID, slot: slot, run: run, index: index, topicID: slot.topics[index].id,
                                       ended: derivedEnd(slotID, at: now)))
    }

    /// Why no command means anything now.
    public struct Refusal: Error, Sendable {
        let reason: String
    }

    /// What `command` does at `now`, against `ground` (`decisionGround(at: now)`, found once).
    public func decide(_ command: Command, at now: Date, confirmed: Bool = false,
                       ground: Result<DecisionGround, Refusal>) -> Decision {
        if case .openSlot(let id) = command {
            guard agenda.slot(id: id) != nil else { return .refuse("no slot \"\(id)\" on the agenda") }
            return .record([.openSlot(slot: id)])
        }
        let g: DecisionGround
        switch ground {
        case .success(let found): g = found
        case .failure(let refusal): return .refuse(refusal.reason)
        }
        let (slotID, slot, run, index, topicID, ended) = (g.slotID, g.slot, g.run, g.index, g.topicID, g.ended)
        let endedReason = "the slot has ended; s picks the next one"
        switch command {
        case .toggle:
            guard ended == nil else { return .refuse(endedReason) }
            // In the notice before the next topic starts by itself, space holds this one.
            // (Only a running topic that moves on by itself can be in that notice: the snapshot
            // that says so is made only then.)
            if run.run(topicID).isRunning, agenda.atZero(for: slot.topics[index], in: slot) == .next,
               let s = snapshot(at: now, slot: slotID), s.autoNextIn != nil {
                return .record([.holdAutoNext(slot: slotID, topic: topicID)])
            }
            if run.run(topicID).isRunning { return .record([.pause(slot: slotID, topic: topicID)]) }
            if let other = otherRunningSlot(than: slotID, at: now) {
                guard confirmed else { return .ask(.endRunningSlot(slot: other)) }
                return .record([.endSlot(slot: other, cause: .chair), .start(slot: slotID, topic: topicID)])
            }
            return .record([.start(slot: slotID, topic: topicID)])
        case .next:
            guard ended == nil else { return .refuse(endedReason) }
            return .record([.next(slot: slotID, topic: topicID)])
        case .previous:
            if let ended, ended.cause == .timeUp { return .refuse("the slot's time ran out; s picks the next one") }
            if ended == nil, index == 0, !run.run(topicID).hasStarted { return .refuse("this is the slot's first topic") }
            return .record([.previous(slot: slotID, topic: topicID)])
        case .adjust(let seconds):
            if let ended, ended.cause == .timeUp, seconds > 0 {
                // More time after the slot's time ran out: the slot's, not the topic's.
                let more = Self.slotExtension
                guard confirmed else { return .ask(.extendSlot(slot: slotID, seconds: more)) }
                return .record([.extendSlot(slot: slotID, seconds: more + max(0, Int(now.timeIntervalSince(ended.at))))])
            }
            guard ended == nil else { return .refuse(endedReason) }
            return .record([.adjust(slot: slotID, topic: topicID, seconds: seconds)])
        case .endSlot:
            guard ended == nil else { return .refuse("the slot has already ended") }
            return .record([.endSlot(slot: slotID, cause: .chair)])
        case .openSlot:
            return .refuse("")
        case .message(let text):
            guard ended == nil else { return .refuse("the slot has ended; nobody is speaking") }
            let clean = text?.trimmingCharacters(in: .whitespaces)
            if let clean, clean.isEmpty { return .refuse("an empty message shows nothing") }
            if clean == nil, speakerMessage.map({ $0.slot != slotID || $0.topic != topicID }) ?? true {
                return .refuse("no message is shown")
            }
            return .record([.message(slot: slotID, topic: topicID, text: clean)])
        case .rebalance:
            guard ended == nil else { return .refuse(endedReason) }
            guard var plan = rebalance(slotID, at: now, id: "") else { return .refuse("nothing to rebalance: the topics to come fit") }
            // Asked, the plan is only shown (the answer decides again): its batch id is drawn
            // only to record it, not for every frame whose legend asks whether `r` means anything.
            guard confirmed else { return .ask(.rebalance(plan)) }
            plan.id = UUID().uuidString.lowercased()
            return .record(plan.changes.map { .adjust(slot: slotID, topic: $0.topic, seconds: $0.after - $0.before, batch: plan.id) })
        }
    }
}
