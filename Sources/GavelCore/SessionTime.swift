import Foundation

/// What time alone does to a session: slots run out, the slot every view shows changes with the
/// schedule. All of it is a function of the state and an instant, so every process agrees.
extension Session {
    /// When the slot's time runs out: its scheduled end when it started within its schedule, else
    /// its first start plus its length; nil before it starts.
    public func deadline(_ slotID: String, run: SlotRun? = nil) -> Date? {
        guard let slot = agenda.slot(id: slotID), let r = run ?? runs[slotID], let first = r.firstStart else { return nil }
        if let until = slot.until {
            // A time of day the room is needed at: neither steps of the clock nor the chair move it.
            return until.date(onDayOf: slot.start ?? first, zone: agenda.timeZone).addingTimeInterval(TimeInterval(r.extra))
        }
        let added = r.shift + TimeInterval(r.extra)
        if let end = slot.end, first < end { return end + added }
        return first.addingTimeInterval(TimeInterval(slot.length) + added)
    }

    /// How (and when) the slot ended by `now`: recorded, or its time having run out.
    public func derivedEnd(_ slotID: String, run: SlotRun? = nil, at now: Date) -> SlotEnd? {
        let r = run ?? runs[slotID] ?? SlotRun()
        if let ended = r.ended { return ended }
        if let d = deadline(slotID, run: r), now >= d { return SlotEnd(at: d, cause: .timeUp) }
        return nil
    }

    /// Events that time alone has caused by `now` and that nobody recorded yet, in time order: a
    /// slot's time running out, and a topic that reached zero with `at_zero = "next"` moving on
    /// once its notice is over (unless its slot ran out first).
    public func dueEvents(at now: Date) -> [SessionEvent] {
        var due: [SessionEvent] = []
        for slot in agenda.slots where runs[slot.id]?.ended == nil {
            let d = deadline(slot.id)
            if let d, now >= d { due.append(SessionEvent(at: d, .endSlot(slot: slot.id, cause: .timeUp))) }
            if let (topic, at) = autoNext(in: slot), now >= at, d.map({ at < $0 }) ?? true {
                due.append(SessionEvent(at: at, .next(slot: slot.id, topic: topic)))
            }
        }
        return due.sorted { $0.at < $1.at }
    }

    /// The running topic of `slot` that moves on by itself (`at_zero = "next"`, not held), and when.
    func autoNext(in slot: Slot) -> (topic: String, at: Date)? {
        guard let run = runs[slot.id] else { return nil }
        for topic in slot.topics {
            let r = run.run(topic.id)
            guard let since = r.runningSince, !r.autoNextHeld, agenda.atZero(for: topic, in: slot) == .next else { continue }
            // A time of day already past when it started: it is at zero from its start.
            let zero = topic.until.map { max(since, $0.date(onDayOf: slot.start ?? run.firstStart ?? since, zone: agenda.timeZone)) }
                ?? since.addingTimeInterval(TimeInterval(max(0, topic.length + r.adjust)) - r.accumulated)
            return (topic.id, zero.addingTimeInterval(Session.autoNextGrace))
        }
        return nil
    }

    /// The first instant after `now` at which time alone changes the session: a started slot's
    /// time runs out, or a scheduled slot begins or ends (which can change the slot every view
    /// shows). Nil when nothing is ahead.
    public func nextDue(after now: Date) -> Date? {
        var next: Date?
        func consider(_ d: Date?) {
            guard let d, d > now else { return }
            if next.map({ d < $0 }) ?? true { next = d }
        }
        for slot in agenda.slots {
            consider(slot.start)
            consider(slot.end)
            if runs[slot.id]?.ended == nil {
                consider(deadline(slot.id))
                consider(autoNext(in: slot)?.at)
            }
        }
        return next
    }

    /// The slot, other than `slotID`, whose clock counts at `now`: started and not ended.
    public func otherRunningSlot(than slotID: String, at now: Date) -> String? {
        agenda.slots.first { slot in
            slot.id != slotID && runs[slot.id]?.firstStart != nil && derivedEnd(slot.id, at: now) == nil
        }?.id
    }

    /// The slot every view shows: the one the chair opened or started last while it has not
    /// ended; else the one scheduled for `now`; else the one that just ended (until the chair
    /// picks another); else the first not yet ended.
    public func currentSlotID(at now: Date) -> String? {
        if let opened = openedSlot, derivedEnd(opened, at: now) == nil { return opened }
        if let scheduled = scheduledSlotID(at: now), derivedEnd(scheduled, at: now) == nil { return scheduled }
        if let opened = openedSlot { return opened }
        return defaultSlotID(at: now)
    }

    /// The slot whose scheduled time holds `now`, if any.
    public func scheduledSlotID(at now: Date) -> String? {
        agenda.slots.first(where: { s in
            guard let start = s.start, let end = s.end else { return false }
            return start <= now && now < end
        })?.id
    }

    /// The slot for a fresh session: the one scheduled for `now`, else the first not yet ended.
    public func defaultSlotID(at now: Date) -> String? {
        if let scheduled = scheduledSlotID(at: now) { return scheduled }
        if let open = agenda.slots.first(where: { derivedEnd($0.id, at: now) == nil }) { return open.id }
        return agenda.slots.last?.id
    }
}
