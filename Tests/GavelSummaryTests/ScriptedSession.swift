import Foundation
import GavelTestSupport
import GavelCore

/// The example microconference with a scripted morning: three slots held (ending after their last
/// topic and when time ran out), notes of every kind by three note-takers, overruns with and
/// without time granted by the chair, time granted and not used up, a topic skipped with `n`, an
/// edit, a delete, a move to a topic no longer on the agenda, a note on a slot no longer on the
/// agenda, Unicode and markup in the notes, and a note added after its slot ended.
struct ScriptedSession {
    let agenda: Agenda
    let clock: ManualClock
    var session: Session
    var effects: [Session.Effect] = []
    private var nextNote = 0

    init() throws {
        let parsed = try AgendaParser.parse(BundledExample.source, file: BundledExample.fileName)
        agenda = parsed.agenda
        clock = ManualClock(try Self.time("2012-08-29T09:00", agenda.timeZone))
        session = Session(agenda: agenda)
    }

    static func time(_ text: String, _ zone: TimeZone) throws -> Date {
        guard let date = LocalTime.parse(text, zone: zone) else { throw ScriptError(message: "bad time \(text)") }
        return date
    }

    struct ScriptError: Error { var message: String }

    /// Moves the clock to `hhmmss` of the day and applies `action` then.
    mutating func at(_ hhmmss: String, _ action: SessionEvent.Action) throws {
        clock.set(try Self.time("2012-08-29T" + hhmmss, agenda.timeZone))
        effects += session.apply(SessionEvent(at: clock.now(), action))
    }

    /// Adds a note at `hhmmss`; returns its id.
    @discardableResult
    mutating func note(_ hhmmss: String, _ slot: String, _ topic: String, _ text: String, by: String = "chair") throws -> String {
        nextNote += 1
        let id = String(format: "note-%03d", nextNote)
        try at(hhmmss, .noteAdded(id: id, slot: slot, topic: topic, text: text, by: by))
        return id
    }

    /// The whole script; the clock ends at 11:10.
    static func morning() throws -> ScriptedSession {
        var s = try ScriptedSession()
        try s.at("09:00:00", .openSlot(slot: "x86"))
        try s.at("09:00:00", .start(slot: "x86", topic: "amd-interrupt-virt"))
        try s.note("09:03:12", "x86", "amd-interrupt-virt", "d: Posted interrupts go upstream before the AVIC work")
        try s.note("09:05:40", "x86", "amd-interrupt-virt",
                   "a: @avi review the AVIC patches by Friday, see https://lkml.org/lkml/2012/8/29/1.", by: "ana")
        let question = try s.note("09:07:05", "x86", "amd-interrupt-virt", "q: Does nested virtualization need this?")
        try s.note("09:09:30", "x86", "amd-interrupt-virt", "The hardware needs IOMMU support: Grüße, 日本語, 🎉 and e\u{301}")
        let deleted = try s.note("09:10:00", "x86", "amd-interrupt-virt", "this note is deleted")
        try s.note("09:12:00", "x86", "amd-interrupt-virt",
                   "action: @marcelo and @joerg: write up *the* _design_ [draft] <now> | done `x` & more")
        try s.note("09:14:00", "x86", "amd-interrupt-virt", "Tab\there,\u{07} bell and\nnew line")
        let moved = try s.note("09:16:00", "x86", "amd-interrupt-virt", "Belongs to a talk that was dropped")
        try s.at("09:17:00", .noteEdited(id: question, text: "q: Does nested virtualization need it at all?", undo: false))
        try s.at("09:17:30", .noteDeleted(id: deleted))
        try s.at("09:18:00", .noteMoved(id: moved, slot: "x86", topic: "dropped-talk", undo: false))
        try s.at("09:23:30", .next(slot: "x86", topic: "amd-interrupt-virt"))
        try s.note("09:25:00", "x86", "intel-interrupt-virt", "D: 1. Same interface for both vendors")
        try s.note("09:26:00", "x86", "intel-interrupt-virt", "# not a heading")
        try s.note("09:27:00", "x86", "intel-interrupt-virt", "- not a list | nor a table row")
        try s.note("09:28:00", "x86", "intel-interrupt-virt", "a: nobody owns this one yet")
        try s.at("09:43:00", .next(slot: "x86", topic: "intel-interrupt-virt"))
        try s.note("09:45:00", "x86", "intel-interrupt-virt", "a: @avi send the slides to kvm@vger.kernel.org")

        try s.at("09:50:00", .openSlot(slot: "mm"))
        try s.at("09:50:00", .start(slot: "mm", topic: "xen-numa"))
        try s.at("09:52:00", .adjust(slot: "mm", topic: "xen-numa", seconds: 120))
        try s.note("09:55:00", "mm", "xen-numa", "Q: How does automatic placement interact with cpupools?", by: "dario")
        try s.at("10:08:00", .next(slot: "mm", topic: "xen-numa"))
        try s.note("10:10:00", "mm", "autonuma", "decision: compare with the scheduler-based approach at the next LPC")
        // NTP sets the laptop's clock forward 90 s: AutoNUMA's clock is carried over the step.
        try s.at("10:12:00", .clockJump(seconds: 90))
        try s.at("10:20:00", .next(slot: "mm", topic: "autonuma"))
        try s.note("10:30:00", "mm", "balloon", "a: @Daniel post the unified balloon patch set")
        try s.note("10:31:00", "old-slot", "gone-topic", "a note whose slot left the agenda")
        // The slot's time runs out at 10:35 (first start 09:50 plus 45 minutes).
        for event in s.session.dueEvents(at: try time("2012-08-29T10:40", s.agenda.timeZone)) {
            s.effects += s.session.apply(event)
        }

        // ARM: the chair grants KVM on ARM five more minutes and it uses three of them (over the
        // plan, within what was granted); Xen on ARM is skipped with `n` before it starts.
        try s.at("10:45:00", .openSlot(slot: "arm"))
        try s.at("10:45:00", .start(slot: "arm", topic: "kvm-arm"))
        try s.at("10:50:00", .adjust(slot: "arm", topic: "kvm-arm", seconds: 300))
        try s.note("10:52:00", "arm", "kvm-arm",
                   "TODO: @marc rebase the vGIC series (see https://en.wikipedia.org/wiki/ARM_(disambiguation)).", by: "ana")
        try s.note("10:55:20", "arm", "kvm-arm", "q: who maintains the arch timer code?", by: "ana")
        try s.at("11:08:00", .pause(slot: "arm", topic: "kvm-arm"))
        try s.at("11:08:10", .next(slot: "arm", topic: "kvm-arm"))
        try s.note("11:08:15", "arm", "xen-arm", "AI: @stefano send the Xen on ARM slides to the list instead")
        try s.at("11:08:20", .next(slot: "arm", topic: "xen-arm"))
        s.clock.set(try time("2012-08-29T11:10", s.agenda.timeZone))
        return s
    }
}
