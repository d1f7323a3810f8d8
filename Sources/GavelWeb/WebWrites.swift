import Foundation
import GavelCore
import GavelStore

/// What a page asks that cannot be done, with the HTTP status and a message for the page.
public struct WebRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status): \(message)" }

    static let notFound = WebRequestError(status: 404, "not found")
}

/// Note writes and chair commands from the pages, run on the hub's thread.
///
/// Writes are idempotent, so a page that sends again after a dropped answer changes nothing:
/// a note's id is chosen by the page (a second add with the same id is answered as the first), an
/// edit to the text the note already has and a delete of a deleted note record nothing.
extension HubSession {
    /// A note's text is at most this many bytes of UTF-8.
    public static let maximumNoteBytes = 4096
    /// A page-chosen id: 8 to 64 lower-case letters, digits and dashes.
    static func isValidID(_ id: String) -> Bool {
        (8...64).contains(id.utf8.count) && id.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
        }
    }

    static func checkText(_ text: String) throws {
        let bytes = text.utf8.count
        if bytes > maximumNoteBytes {
            throw WebRequestError(status: 413, "a note is at most 4 KiB (\(maximumNoteBytes) bytes of UTF-8); this one has \(bytes)")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw WebRequestError(status: 400, "the note is empty")
        }
    }

    static func checkWriter(_ writer: String) throws {
        guard (16...128).contains(writer.utf8.count) else {
            throw WebRequestError(status: 400, "the page's writer key must be 16 to 128 characters")
        }
    }

    /// Adds a note with the page's `id` on `slot`/`topic` (default: the topic on the clock now).
    /// Returns whether it was recorded now (false: a note with that id exists already).
    @discardableResult
    public func addNote(id: String, text: String, slot: String?, topic: String?, by: String, writer: String) throws -> Bool {
        let (live, store) = try parts()
        guard Self.isValidID(id) else { throw WebRequestError(status: 400, "a note id is 8 to 64 lower-case letters, digits or dashes") }
        try Self.checkText(text)
        try Self.checkWriter(writer)
        let now = live.clock.now()
        try live.sync()
        if live.session.notes[id] != nil { return false }
        let target: (slot: String, topic: String)
        if let slot, let topic {
            guard live.session.agenda.slot(id: slot)?.topicIndex(id: topic) != nil else {
                throw WebRequestError(status: 400, "no topic \"\(topic)\" in slot \"\(slot)\" on the agenda")
            }
            target = (slot, topic)
        } else {
            guard let snapshot = live.session.snapshot(at: now), let current = snapshot.currentTopic else {
                throw WebRequestError(status: 409, "no topic is open to take notes on")
            }
            target = (snapshot.slot.id, current.topic.id)
        }
        let author = Self.authorName(by)
        // The writer first: a crash between the two leaves an owner with no note, which the page's
        // retry (same id) completes; never a web note that nobody may edit.
        try store.setWebNoteWriter(note: id, writer: writer)
        try live.record(.noteAdded(id: id, slot: target.slot, topic: target.topic, text: text, by: author), at: now)
        return true
    }

    /// Replaces the text of a note this page added. Returns whether anything was recorded.
    @discardableResult
    public func editNote(id: String, text: String, writer: String) throws -> Bool {
        let (live, _) = try parts()
        try Self.checkText(text)
        let note = try ownNote(id: id, writer: writer)
        guard !note.deleted, note.text != text else { return false }
        let outcome = try live.editNote(id, text: text, base: note.version, at: live.clock.now())
        if case .refused(let why) = outcome.answer { throw WebRequestError(status: 409, why) }
        return true
    }

    /// Deletes a note this page added. Returns whether anything was recorded.
    @discardableResult
    public func deleteNote(id: String, writer: String) throws -> Bool {
        let (live, _) = try parts()
        let note = try ownNote(id: id, writer: writer)
        guard !note.deleted else { return false }
        try live.record(.noteDeleted(id: id), at: live.clock.now())
        return true
    }

    /// The note `id` if the page holding `writer` added it; a note of anybody else is not found.
    private func ownNote(id: String, writer: String) throws -> Note {
        let (live, store) = try parts()
        try live.sync()
        guard Self.isValidID(id), let owner = try store.webNoteWriter(note: id), WebToken.matches(writer, owner),
              let note = live.session.notes[id] else {
            throw WebRequestError(status: 404, "no note \(id) of this page")
        }
        return note
    }

    /// What a chair command from the remote came to.
    public enum CommandResult: Sendable, Equatable {
        case recorded
        /// It needs a yes first; the same command, confirmed, records.
        case asked(String)
        case refused(String)
    }

    /// A chair command from the remote, through the hub's connection in the remote role.
    @discardableResult
    public func command(_ command: Session.Command, confirmed: Bool = false) throws -> CommandResult {
        let remote = try remoteSession()
        let outcome = try remote.perform(command, at: remote.clock.now(), confirmed: confirmed)
        // The notes connection, which the pages' state is read from, reads it back now.
        if let live { try live.sync() }
        switch outcome.answer {
        case .recorded: return .recorded
        case .asked(.endRunningSlot(let slot)): return .asked("another slot (\(slot)) still runs: end it and start here?")
        case .asked(.extendSlot(let slot, let seconds)):
            return .asked("the time of slot \(slot) ran out: give it \(seconds / 60) min more and run it again?")
        case .asked(.rebalance(let plan)):
            let lines = plan.changes.map { "\($0.title): \(DurationText.readable($0.before)) → \(DurationText.readable($0.after))" }
            return .asked("rebalance the topics to come?\n" + lines.joined(separator: "\n"))
        case .refused(let why): return .refused(why)
        }
    }

    /// The name a note is recorded under: what the page says, cleaned of control characters and
    /// cut to 40 characters; "web" when empty.
    static func authorName(_ by: String) -> String {
        let cleaned = String(by.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let cut = String(cleaned.prefix(40))
        return cut.isEmpty ? "web" : cut
    }
}
