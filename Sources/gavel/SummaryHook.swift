import Foundation
import GavelCore
import GavelStore
import GavelSummary

/// Performs what the engine asks for after events: writes a slot's summary when it ends, and
/// rewrites it when one of its notes changes afterwards, then rewrites the index. A write that
/// failed is tried again with the next change, so a full disk, once freed, gets its summary.
///
/// Every view that records (the chair, note-takers) writes them; the files are replaced whole,
/// so two processes writing at once leave one complete file. A view that only watches (the
/// speaker view) writes nothing, so a speaker never sees a write error.
enum SummaryHook {
    /// Returns a message to show the user when a summary could not be written, else nil.
    static func perform(_ effects: [Session.Effect], live: LiveSession, agendaPath: String, at now: Date) -> String? {
        let asked = SummaryFiles.slotsToWrite(effects)
        guard !asked.isEmpty else { return nil }
        guard live.role.records else { return nil }
        let slots = pending.take(adding: asked)
        do {
            try SummaryFiles(agendaPath: agendaPath).write(live.session, slots: slots, at: now)
            return nil
        } catch {
            pending.keep(slots)
            return "\(error)" + " (the session and its notes are saved; it is written again with the next change)"
        }
    }

    /// Slots whose summary could not be written yet.
    static let pending = PendingSlots()

    final class PendingSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [String] = []

        /// The pending slots followed by `new` ones, each once; clears the pending list.
        func take(adding new: [String]) -> [String] {
            lock.withLock {
                var out = slots
                for id in new where !out.contains(id) { out.append(id) }
                slots = []
                return out
            }
        }

        func keep(_ ids: [String]) {
            lock.withLock {
                for id in ids where !slots.contains(id) { slots.append(id) }
            }
        }
    }
}
