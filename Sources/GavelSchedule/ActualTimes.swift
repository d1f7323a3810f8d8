import Foundation
import GavelCore

/// What really happened to each topic, recovered by replaying the session's events through the
/// engine (`GavelCore.Session`): every start and stop of its clock, when it was finished, how the
/// slot ended. The engine keeps only totals; the intervals are read off the changes each event
/// makes to a topic's clock, so they add up to exactly the time the engine counts.
public struct ActualTimes: Sendable {
    public struct Interval: Sendable, Equatable {
        public var start: Date
        public var end: Date
        /// Still running at `asOf` (its end is `asOf`, or the slot's deadline).
        public var open: Bool
        public var seconds: TimeInterval { end.timeIntervalSince(start) }
    }

    public struct TopicTiming: Sendable, Equatable {
        public var intervals: [Interval] = []
        /// When the chair moved past it.
        public var finished: Date?
        /// Planned length with the chair's `+`/`-`.
        public var grantedSeconds: Int
        public var start: Date? { intervals.first?.start }
        public var end: Date? { intervals.last?.end }
        public var usedSeconds: TimeInterval { intervals.reduce(0) { $0 + $1.seconds } }
        public var held: Bool { !intervals.isEmpty }
    }

    public struct SlotTiming: Sendable, Equatable {
        public var end: Date?
        public var cause: SlotEndCause?
    }

    public let agenda: Agenda
    public let asOf: Date
    public private(set) var topics: [String: TopicTiming] = [:]
    public private(set) var slots: [String: SlotTiming] = [:]
    /// When the last event happened: the moment the record was last changed.
    public private(set) var lastEvent: Date?

    static func key(_ slot: String, _ topic: String) -> String { "\(slot)\u{1F}\(topic)" }

    public func timing(slot: String, topic: String) -> TopicTiming? { topics[Self.key(slot, topic)] }

    public init(agenda: Agenda, events: [SessionEvent], asOf: Date) {
        self.agenda = agenda
        self.asOf = asOf
        var session = Session(agenda: agenda)
        /// Open intervals: where they began on the wall clock, and the engine's `runningSince`.
        var open: [String: (slot: String, topic: String, wallStart: Date, since: Date)] = [:]
        var intervals: [String: [Interval]] = [:]
        for event in events {
            lastEvent = event.at
            var touched: [String] = []
            switch event.action {
            case .start(let s, _), .pause(let s, _), .next(let s, _), .previous(let s, _), .endSlot(let s, _), .adjust(let s, _, _, _),
                 .extendSlot(let s, _), .holdAutoNext(let s, _):
                touched = [s]
            case .clockJump: touched = []
            default: continue
            }
            var before: [String: TimeInterval] = [:]
            for (k, o) in open { before[k] = session.runs[o.slot]?.run(o.topic).accumulated ?? 0 }
            session.apply(event)
            for (k, o) in open {
                let run = session.runs[o.slot]?.run(o.topic) ?? TopicRun()
                if run.runningSince == o.since { continue }
                let delta = run.accumulated - (before[k] ?? 0)
                if run.runningSince == nil {
                    intervals[k, default: []].append(Interval(start: o.wallStart, end: o.since.addingTimeInterval(delta), open: false))
                    open[k] = nil
                } else if case .clockJump = event.action, let since = run.runningSince {
                    // The wall clock stepped (by what the engine carried the clock over): the piece
                    // before ends where the old clock stood.
                    let step = since.timeIntervalSince(o.since)
                    intervals[k, default: []].append(Interval(start: o.wallStart, end: event.at.addingTimeInterval(-step), open: false))
                    open[k] = (o.slot, o.topic, event.at, since)
                }
            }
            for slotID in touched {
                guard let slot = agenda.slot(id: slotID), let run = session.runs[slotID] else { continue }
                for topic in slot.topics {
                    let k = Self.key(slotID, topic.id)
                    if open[k] == nil, let since = run.run(topic.id).runningSince {
                        open[k] = (slotID, topic.id, since, since)
                    }
                }
            }
        }
        // Clocks still running: to the slot's deadline if its time ran out, else to `asOf`.
        for (k, o) in open {
            var end = asOf
            if let derived = session.derivedEnd(o.slot, at: asOf) { end = min(end, derived.at) }
            intervals[k, default: []].append(Interval(start: o.wallStart, end: max(o.wallStart, end), open: true))
        }
        for slot in agenda.slots {
            let run = session.runs[slot.id] ?? Session.SlotRun()
            for topic in slot.topics {
                let k = Self.key(slot.id, topic.id)
                let r = run.run(topic.id)
                // A clock started and stopped in the same instant (or after its slot ran out) ran for no time.
                topics[k] = TopicTiming(intervals: (intervals[k] ?? []).filter { $0.end > $0.start }, finished: r.finishedAt,
                                        grantedSeconds: topic.length + r.adjust)
            }
            let end = run.ended ?? session.derivedEnd(slot.id, at: asOf)
            slots[slot.id] = SlotTiming(end: end?.at, cause: end?.cause)
        }
    }
}
