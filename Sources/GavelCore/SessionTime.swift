import Foundation

/// What time alone does to a session: slots run out, the slot every view shows changes with the
/// schedule. All of it is a function of the state and an instant, so every process agrees.
extension Session {
    /// When the slot's time runs out: its scheduled end when it started within its schedule, else
    /// its first start plus its length; nil before it starts.
    public func deadline(_ slotID: String, run: SlotRun? = nil) -> Date? {
        guard let slot = agenda.slot(id: slotID), let r = run ?? runs[slotID], let first = r.firstStart else { return nil }
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

    /// Events that time alone has caused by `now` and that nobody recorded yet.
    public func dueEvents(at now: Date) -> [SessionEvent] {
        agenda.slots.compactMap { slot in
            guard runs[slot.id]?.ended == nil, let d = deadline(slot.id), now >= d else { return nil }
            return SessionEvent(at: d, .endSlot(slot: slot.id, cause: .timeUp))
        }
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
            if runs[slot.id]?.ended == nil { consider(deadline(slot.id)) }
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
