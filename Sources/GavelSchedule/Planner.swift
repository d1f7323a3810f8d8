import Foundation
import GavelCore

/// Plans a track from its submissions: decides what to take, groups topics into slots by
/// category, and places the slots so speakers' busy times are avoided where possible.
///
/// Deterministic: the same submissions give the same plan. The rules, in order:
/// 1. Take all if every talk can get `min_topic`; otherwise reject (or, with `demote`, turn into
///    lightning talks) one talk at a time from the category with the most talks, its last
///    submission first, until the layout fits.
/// 2. One block of slots per category, as many slots as its talks need at the even share
///    (a double slot for a big category); categories that fill at most half a slot are merged.
/// 3. Lightning talks go at the end of the block with the most room, placed last; or in a slot
///    of their own if one is spare.
/// 4. Spare slots go to the blocks with the most talks per slot.
/// 5. Per-topic lengths are the slot's time shared evenly, rounded down to 5 minutes, never below
///    `min_topic`; lightning talks get the lightning length. No slot is overbooked.
/// 6. Blocks (and topics within a slot) are ordered to avoid busy times; the rest are named.
public enum Planner {
    static let step = 5 * 60
    /// Slots closer than this are joined into one double slot.
    static let adjacency: TimeInterval = 30 * 60

    public static func plan(_ s: Submissions, demote: Bool = false) -> Plan {
        let talks = s.entries.filter { $0.kind == .talk }
        let lightning = s.entries.filter { $0.kind == .lightning }
        var reasons: [String] = []
        var victims: [Submission] = []
        var droppedLightning: [Submission] = []
        let order = victimOrder(talks)
        var attempt = 0
        while true {
            let remaining = talks.filter { t in !victims.contains(t) }
            var light = lightning + (demote ? victims : [])
            light.removeAll { droppedLightning.contains($0) }
            var stepReasons: [String] = []
            switch layout(remaining, light, s, reasons: &stepReasons) {
            case .success(let placed):
                let rejected = (demote ? [] : victims) + droppedLightning
                let demoted = demote ? victims.filter { !droppedLightning.contains($0) } : []
                reasons += acceptanceReasons(s, talks: talks, lightning: lightning, victims: victims, demote: demote,
                                             droppedLightning: droppedLightning)
                reasons += stepReasons + placed.reasons
                let agenda = Agenda(title: s.title, event: s.event, room: s.room, timeZone: s.timeZone,
                                    defaults: Agenda.Defaults(topic: placed.typicalTalk ?? s.minTopic, lightning: s.lightning),
                                    slots: placed.slots)
                return Plan(tradeOffs: tradeOffs(s, talks: talks.count, lightning: lightning.count), agenda: agenda,
                            rejected: rejected, demoted: demoted, conflicts: placed.conflicts, reasons: reasons)
            case .failure(.lightning):
                // With --demote, one more demotion may free a slot for the lightning talks; take it if so.
                if demote, attempt < order.count {
                    let next = order[attempt]
                    var scratch: [String] = []
                    if case .success = layout(remaining.filter { $0 != next }, light + [next], s, reasons: &scratch) {
                        victims.append(next)
                        attempt += 1
                        continue
                    }
                }
                if let last = light.last { droppedLightning.append(last) } else if attempt < order.count { victims.append(order[attempt]); attempt += 1 }
            case .failure(.talks):
                if attempt < order.count {
                    victims.append(order[attempt]); attempt += 1
                } else if let last = light.last {
                    droppedLightning.append(last)
                }
            }
        }
    }

    /// The talks in the order they would be given up: each time the last submission of the
    /// category with the most talks left (on a tie, the category listed later).
    static func victimOrder(_ talks: [Submission]) -> [Submission] {
        var left = talks
        var out: [Submission] = []
        while !left.isEmpty {
            let categories = orderedCategories(left)
            let counts = categories.map { c in left.filter { $0.category == c }.count }
            guard let most = counts.max(), let pick = categories.indices.last(where: { counts[$0] == most }),
                  let victim = left.last(where: { $0.category == categories[pick] }) else { break }
            out.append(victim)
            left.removeAll { $0 == victim }
        }
        return out
    }

    static func orderedCategories(_ entries: [Submission]) -> [String] {
        var out: [String] = []
        for e in entries where !out.contains(e.category) { out.append(e.category) }
        return out
    }

    static func tradeOffs(_ s: Submissions, talks: Int, lightning: Int) -> [TradeOff] {
        func row(rejected: Int, demoted: Int) -> TradeOff {
            let t = talks - rejected - demoted
            let l = lightning + demoted
            let share = t > 0 ? max(0, s.capacity - l * s.lightning) / t : nil
            return TradeOff(rejected: rejected, demoted: demoted, talks: t, lightning: l, secondsPerTalk: share,
                            fits: (share ?? 0) >= s.minTopic || (t == 0 && l * s.lightning <= s.capacity))
        }
        var rows = [row(rejected: 0, demoted: 0)]
        guard talks > 0 else { return rows }
        // Down to what fits: the fewest rejections that fit, or demotions if those fit at all.
        let firstRejectFit = (0...talks).first { row(rejected: $0, demoted: 0).fits } ?? talks
        let firstDemoteFit = (0...talks).first { row(rejected: 0, demoted: $0).fits } ?? 0
        let last = min(talks, max(2, firstRejectFit, firstDemoteFit))
        if last >= 1 {
            for k in 1...last {
                rows.append(row(rejected: k, demoted: 0))
                rows.append(row(rejected: 0, demoted: k))
            }
        }
        return rows
    }

    static func acceptanceReasons(_ s: Submissions, talks: [Submission], lightning: [Submission], victims: [Submission],
                                  demote: Bool, droppedLightning: [Submission]) -> [String] {
        var out: [String] = []
        let mins = ClockText.minutes
        if victims.isEmpty {
            if !talks.isEmpty {
                out.append("take all: \(talks.count) talks share \(mins(s.capacity - lightning.count * s.lightning)) min, \(String(format: "%.1f", Double(s.capacity - lightning.count * s.lightning) / Double(talks.count) / 60)) min each, not below min_topic \(mins(s.minTopic)) min")
            }
        } else {
            var left = talks
            for v in victims {
                let peers = left.filter { $0.category == v.category }.count
                left.removeAll { $0 == v }
                out.append("\(demote ? "demoted to a lightning talk" : "rejected"): \"\(v.title)\" (\(v.category) has the most talks left, \(peers); it was submitted last of them)")
            }
        }
        for l in droppedLightning {
            out.append("rejected \(l.kind == .talk ? "demoted talk" : "lightning talk") \"\(l.title)\": no slot has room for all lightning talks")
        }
        return out
    }

    enum Shortage: Error { case talks, lightning }

    /// Talks and lightning talks grouped into blocks of slots, one block per category or merged group.
    struct Block {
        var categories: [String]
        var talks: [Submission]
        var slots: Int
        var lightning: [Submission] = []
        /// Fills at most half a slot: may share one with another small category.
        var small = false
    }

    struct Placed {
        var slots: [Slot]
        var conflicts: [Conflict]
        var reasons: [String]
        var typicalTalk: Int?
    }

    static func layout(_ talks: [Submission], _ lightning: [Submission], _ s: Submissions,
                       reasons: inout [String]) -> Result<Placed, Shortage> {
        let n = s.slotStarts.count
        let length = s.slotLength
        let m = s.minTopic
        let perSlot = max(1, length / m)        // talks a slot holds at min_topic
        let mins = ClockText.minutes
        if lightning.count * s.lightning > length { return .failure(.lightning) }
        let share = talks.isEmpty ? length : max(m, (n * length - lightning.count * s.lightning) / talks.count / step * step)
        var blocks: [Block] = []
        var notes: [String] = []
        for c in orderedCategories(talks) {
            let mine = talks.filter { $0.category == c }
            let count = max(1, Int((Double(mine.count * share) / Double(length)).rounded(.up)), Int((Double(mine.count) / Double(perSlot)).rounded(.up)))
            blocks.append(Block(categories: [c], talks: mine, slots: count))
        }
        // Merge small categories (at most half a slot each) while they fit one slot together.
        var merged: [Block] = []
        for var b in blocks {
            b.small = b.slots == 1 && b.talks.count * share * 2 <= length
            if b.small, let i = merged.firstIndex(where: { $0.small && ($0.talks.count + b.talks.count) * share <= length
                                                         && $0.talks.count + b.talks.count <= perSlot }) {
                merged[i].categories += b.categories
                merged[i].talks += b.talks
                notes.removeAll { $0.hasPrefix(display(merged[i].categories.dropLast(), s) + ":") }
                notes.append("\(display(merged[i].categories, s)): \(merged[i].talks.count) talks between them, merged into one slot (each category fills at most half a slot)")
            } else {
                merged.append(b)
            }
        }
        blocks = merged
        // Too many slots: shrink multi-slot blocks, then merge the smallest pairs.
        while blocks.reduce(0, { $0 + $1.slots }) > n {
            if let i = blocks.indices.filter({ blocks[$0].slots > 1 && blocks[$0].talks.count <= (blocks[$0].slots - 1) * perSlot })
                .min(by: { load(blocks[$0], less: 1) < load(blocks[$1], less: 1) }) {
                blocks[i].slots -= 1
                notes.append("\(display(blocks[i].categories, s)): \(blocks[i].slots) slot\(blocks[i].slots == 1 ? "" : "s") instead of \(blocks[i].slots + 1), as the track's slots run short")
                continue
            }
            var best: (Int, Int)?
            for i in blocks.indices where blocks[i].slots == 1 {
                for j in blocks.indices where j > i && blocks[j].slots == 1 && blocks[i].talks.count + blocks[j].talks.count <= perSlot {
                    if best == nil || blocks[i].talks.count + blocks[j].talks.count < blocks[best?.0 ?? 0].talks.count + blocks[best?.1 ?? 0].talks.count {
                        best = (i, j)
                    }
                }
            }
            guard let (i, j) = best else { return .failure(.talks) }
            blocks[i].categories += blocks[j].categories
            blocks[i].talks += blocks[j].talks
            blocks.remove(at: j)
            notes.append("\(display(blocks[i].categories, s)): merged into one slot, as the track's slots run short")
        }
        // Lightning talks: at the end of the block with the most room, which goes last.
        if !lightning.isEmpty {
            let need = lightning.count * s.lightning
            let joins = positions(s).contains { $0.joinsNext }
            func room(_ b: Block) -> Int {
                // Time left once each talk has min_topic: in the whole block when its slots can be
                // joined into one, else in its last slot.
                if joins { return b.slots * length - b.talks.count * m - need }
                let lastTalks = distribute(b.talks.count, into: Array(repeating: length, count: b.slots)).last ?? 0
                return length - lastTalks * m - need
            }
            let used = blocks.reduce(0) { $0 + $1.slots }
            if let best = blocks.indices.filter({ room(blocks[$0]) >= 0 }).max(by: { (room(blocks[$0]), $0) < (room(blocks[$1]), $1) }),
               used == n || room(blocks[best]) >= length / 3 {
                var b = blocks.remove(at: best)
                b.lightning = lightning
                blocks.append(b)
                notes.append("lightning talks (\(lightning.count) × \(mins(s.lightning)) min) last, at the end of \(display(b.categories, s)), the slot with the most room")
            } else if used < n {
                blocks.append(Block(categories: [], talks: [], slots: 1, lightning: lightning))
                notes.append("lightning talks (\(lightning.count) × \(mins(s.lightning)) min) last, in a slot of their own")
            } else {
                return .failure(.lightning)
            }
        }
        // Spare slots to the blocks with the most talks per slot.
        while blocks.reduce(0, { $0 + $1.slots }) < n {
            guard let i = blocks.indices.filter({ blocks[$0].talks.count > blocks[$0].slots })
                .max(by: { (load(blocks[$0], less: 0), -$0) < (load(blocks[$1], less: 0), -$1) }) else { break }
            blocks[i].slots += 1
            notes.append("\(display(blocks[i].categories, s)): \(blocks[i].talks.count) talks, given \(blocks[i].slots) slots (\(blocks[i].slots == 2 ? "a double slot" : "\(blocks[i].slots) slots back to back")), the most talks per slot")
        }
        for b in blocks where !b.categories.isEmpty {
            let where_ = b.slots == 1 ? "one \(mins(length))-min slot" : b.slots == 2 ? "2 slots (\(mins(2 * length)) min, a double slot where they are adjacent)" : "\(b.slots) slots (\(mins(b.slots * length)) min)"
            let why = b.slots > 1 ? ": \(b.talks.count) × \(mins(share)) min need more than one slot" : ""
            let text = "\(display(b.categories, s)): \(b.talks.count) talk\(b.talks.count == 1 ? "" : "s") in \(where_)\(why)"
            if !notes.contains(where: { $0.hasPrefix(display(b.categories, s) + ":") }) { notes.append(text) }
        }
        let free = n - blocks.reduce(0) { $0 + $1.slots }
        if free > 0 { notes.append("\(free) slot\(free == 1 ? "" : "s") left free: no talk needs more time there") }
        guard let placed = place(blocks, s) else { return .failure(.talks) }
        reasons = notes
        return .success(placed)
    }

    static func load(_ b: Block, less: Int) -> Double { Double(b.talks.count) / Double(max(1, b.slots - less)) }

    /// How many of `count` items each of `lengths` gets, in proportion (largest remainders first).
    static func distribute(_ count: Int, into lengths: [Int]) -> [Int] {
        let total = lengths.reduce(0, +)
        guard total > 0 else { return lengths.map { _ in 0 } }
        var out = lengths.map { count * $0 / total }
        var left = count - out.reduce(0, +)
        let order = lengths.indices.sorted { (count * lengths[$0] % total, -$0) > (count * lengths[$1] % total, -$1) }
        var k = 0
        while left > 0 { out[order[k % order.count]] += 1; left -= 1; k += 1 }
        return out
    }

    static func display(_ categories: some Collection<String>, _ s: Submissions) -> String {
        categories.isEmpty ? "lightning talks" : categories.joined(separator: " + ")
    }

    static func title(_ categories: [String], _ s: Submissions) -> String {
        guard !categories.isEmpty else { return "Lightning talks" }
        let titles = categories.enumerated().map { i, c -> String in
            let t = s.categoryTitles[c] ?? c
            guard i > 0, let first = t.first, t.dropFirst().first?.isLowercase ?? false else { return t }
            return first.lowercased() + t.dropFirst()
        }
        if titles.count == 1 { return capitalized(titles[0]) }
        return capitalized(titles.dropLast().joined(separator: ", ")) + " and " + (titles.last ?? "")
    }

    static func capitalized(_ t: String) -> String {
        guard let first = t.first, first.isLowercase, t.count > 3 else { return t }
        return first.uppercased() + t.dropFirst()
    }
}
