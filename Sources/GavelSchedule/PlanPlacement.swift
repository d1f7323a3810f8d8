import Foundation
import GavelCore

extension Planner {
    /// The track's slots as positions: start (when known) and whether the next one follows closely
    /// enough to be joined into a double slot.
    struct Position {
        var start: Date?
        var joinsNext: Bool
    }

    static func positions(_ s: Submissions) -> [Position] {
        let starts = s.slotStarts
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = s.timeZone
        return starts.indices.map { i in
            guard i + 1 < starts.count else { return Position(start: starts[i], joinsNext: false) }
            guard let a = starts[i], let b = starts[i + 1] else { return Position(start: starts[i], joinsNext: true) }
            let gap = b.timeIntervalSince(a) - TimeInterval(s.slotLength)
            return Position(start: a, joinsNext: gap <= adjacency && calendar.isDate(a, inSameDayAs: b))
        }
    }

    /// Lays blocks over the positions in the order that meets the fewest busy times, and builds the slots.
    static func place(_ blocks: [Block], _ s: Submissions) -> Placed? {
        let pos = positions(s)
        var orders: [[Int]] = [Array(blocks.indices)]
        let movable = blocks.last?.lightning.isEmpty == false ? blocks.count - 1 : blocks.count
        if !s.busy.isEmpty, movable <= 7, movable > 1 {
            let tail = Array(blocks.indices.dropFirst(movable))
            orders = permutations(Array(0..<movable)).map { $0 + tail }
        }
        // Choose the order with topics in submission order (cheap), then arrange topics within
        // the slots of that order only, so the search stays small.
        var chosen: (conflicts: Int, order: [Int])?
        for order in orders {
            guard let built = build(order.map { blocks[$0] }, pos, s, arrangeTopics: false) else { continue }
            if chosen == nil || built.conflicts.count < (chosen?.conflicts ?? 0) { chosen = (built.conflicts.count, order) }
            if chosen?.conflicts == 0 { break }
        }
        guard let chosen, let built = build(chosen.order.map { blocks[$0] }, pos, s, arrangeTopics: true) else { return nil }
        let best = (conflicts: built.conflicts, slots: built.slots, typical: built.typical, order: chosen.order, moves: built.moves)
        var reasons: [String] = []
        if best.order != Array(blocks.indices) {
            reasons.append("slots reordered from category order to meet fewer busy times (\(best.conflicts.count) left)")
        }
        reasons += best.moves
        if !s.busy.isEmpty, best.conflicts.isEmpty { reasons.append("every [[busy]] time avoided") }
        for c in best.conflicts {
            reasons.append("unavoidable conflict: \(c.speaker) is busy \(LocalTime.hhmm(c.busy.from, zone: s.timeZone))-\(LocalTime.hhmm(c.busy.to, zone: s.timeZone)) during \"\(c.topic)\" (\(LocalTime.hhmm(c.start, zone: s.timeZone))-\(LocalTime.hhmm(c.end, zone: s.timeZone)))")
        }
        return Placed(slots: best.slots, conflicts: best.conflicts, reasons: reasons, typicalTalk: best.typical)
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        var out: [[Int]] = []
        for (i, x) in items.enumerated() {
            var rest = items
            rest.remove(at: i)
            for p in permutations(rest) { out.append([x] + p) }
        }
        return out
    }

    /// Slots for blocks laid in this order, or nil when a slot cannot give each talk `min_topic`.
    static func build(_ blocks: [Block], _ pos: [Position], _ s: Submissions, arrangeTopics: Bool)
        -> (slots: [Slot], conflicts: [Conflict], typical: Int?, moves: [String])? {
        var slots: [Slot] = []
        var moves: [String] = []
        var conflicts: [Conflict] = []
        var usedSlotIDs = Set<String>()
        var lengths: [Int: Int] = [:]
        var p = 0
        for block in blocks {
            // Runs of joined positions become one slot each.
            var runs: [(start: Date?, count: Int)] = []
            for k in 0..<block.slots {
                guard p + k < pos.count else { return nil }
                if k > 0, pos[p + k - 1].joinsNext, var last = runs.popLast() {
                    last.count += 1
                    runs.append(last)
                } else {
                    runs.append((pos[p + k].start, 1))
                }
            }
            p += block.slots
            if runs.count > 1, !block.categories.isEmpty {
                moves.append("\(display(block.categories, s)): its slots are not adjacent, so it runs in \(runs.count) parts")
            }
            let counts = distribute(block.talks.count, into: runs.map { $0.count })
            var next = 0
            let baseTitle = title(block.categories, s)
            let baseID = block.categories.isEmpty ? "lightning" : Slug.make(block.categories.joined(separator: "-"))
            for (r, run) in runs.enumerated() {
                let slotLength = run.count * s.slotLength
                let talks = Array(block.talks[next..<(next + counts[r])])
                next += counts[r]
                let light = r == runs.count - 1 ? block.lightning : []
                let available = slotLength - light.count * s.lightning
                var each = 0
                if !talks.isEmpty {
                    let even = available / talks.count
                    each = even / step * step
                    if each < s.minTopic { each = s.minTopic }
                    if each * talks.count > available { return nil }
                }
                if talks.isEmpty, light.isEmpty { continue }
                let part = runs.count > 1 ? " (part \(r + 1))" : ""
                var id = (baseID.isEmpty ? "slot" : baseID) + (runs.count > 1 ? "-\(r + 1)" : "")
                var n = 2
                while usedSlotIDs.contains(id) { id = "\(baseID)-\(n)"; n += 1 }
                usedSlotIDs.insert(id)
                let arranged = arrange(talks, each: each, lightning: light, start: run.start, s, search: arrangeTopics)
                conflicts += arranged.conflicts
                let planned = arranged.topics.filter { $0.kind == .talk }.map(\.id)
                if planned != talks.map(\.id) {
                    moves.append("\(id): talks reordered within the slot (\(arranged.topics.filter { $0.kind == .talk }.map { "\"\($0.title)\"" }.joined(separator: ", "))) to meet fewer busy times")
                }
                for _ in talks { lengths[each, default: 0] += 1 }
                slots.append(Slot(id: id, title: baseTitle + part, start: run.start, length: slotLength, topics: arranged.topics))
            }
        }
        let typical = lengths.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        return (slots, conflicts, typical, moves)
    }

    /// Talks (in the order with the fewest busy conflicts, submission order first) then lightning talks.
    static func arrange(_ talks: [Submission], each: Int, lightning: [Submission], start: Date?,
                        _ s: Submissions, search: Bool) -> (topics: [Topic], conflicts: [Conflict]) {
        func topics(_ order: [Submission]) -> [(Submission, Topic)] {
            order.map { sub in
                (sub, Topic(id: sub.id, title: sub.title, speakers: sub.speakers, length: sub.kind == .lightning || lightning.contains(sub) && !talks.contains(sub) ? s.lightning : each,
                            kind: talks.contains(sub) ? .talk : .lightning,
                            note: sub.kind == .talk && !talks.contains(sub) ? "submitted as a talk; demoted to a lightning talk to make room" : nil))
            }
        }
        func conflicts(_ list: [(Submission, Topic)]) -> [Conflict] {
            guard var at = start, !s.busy.isEmpty else { return [] }
            var out: [Conflict] = []
            for (_, topic) in list {
                let end = at.addingTimeInterval(TimeInterval(topic.length))
                for speaker in topic.speakers {
                    for b in s.busy where b.speaker == speaker && b.overlaps(at, end) {
                        out.append(Conflict(speaker: speaker, topic: topic.title, start: at, end: end, busy: b))
                    }
                }
                at = end
            }
            return out
        }
        var best = topics(talks + lightning)
        var bestConflicts = conflicts(best)
        if search, !bestConflicts.isEmpty, talks.count <= 6 {
            for order in permutations(Array(talks.indices)) {
                let candidate = topics(order.map { talks[$0] } + lightning)
                let c = conflicts(candidate)
                if c.count < bestConflicts.count {
                    best = candidate
                    bestConflicts = c
                    if c.isEmpty { break }
                }
            }
        }
        return (best.map { $0.1 }, bestConflicts)
    }
}
