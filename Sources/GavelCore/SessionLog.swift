import Foundation

/// Where a session's events are kept. Every process attached to the session records through it
/// and reads back, in one order, what all of them recorded.
public protocol SessionLog: AnyObject {
    /// In one write transaction: hands `decide` the events recorded since this log last handed
    /// any over (by other processes), in the log's order, then appends the events `decide`
    /// returns after them, and commits durably before returning them. Deciding inside the
    /// transaction is what makes the multi-writer rules hold: no other writer can record between
    /// what `decide` saw and what it appends. When the commit fails nothing of `decide`'s is
    /// recorded; the events handed over stay handed over. `clearingDraft` ends this view's draft
    /// in the same commit (the line became a note).
    func transact(clearingDraft: Bool, _ decide: ([SessionEvent]) throws -> [SessionEvent]) throws -> [SessionEvent]
    /// Events recorded since the last hand-over, by any process, in the log's order.
    func newEvents() throws -> [SessionEvent]
    /// Every event from the first, in the log's order (to fold them again over a changed
    /// agenda); what follows comes from `newEvents`.
    func allEvents() throws -> [SessionEvent]
    /// The events a view's first frame needs (`FirstFrame.events`), in the log's order, without
    /// moving what `newEvents` hands over next; nil when this log has no quick way to find them
    /// (the view then reads it all first).
    func firstFrameEvents(topics: [String], notes: [String]) throws -> [SessionEvent]?
    /// Waits until the log may be written (its file was found whole); throws why it may not.
    func checkBeforeWriting() throws
    /// Keeps this view's unfinished note line, so a crash loses at most the last moment of it.
    func saveDraft(_ draft: Draft) throws
    /// This view's draft from before: the one its terminal left, else one that a view of the same
    /// author and role left when it died. Taken by this view, so no other view restores it too.
    func claimDraft() throws -> Draft?
    /// A descriptor that becomes readable when another process may have written, for the run loop
    /// to wait on; nil when nobody else can write.
    var changeDescriptor: Int32? { get }
    /// Consumes the readiness of `changeDescriptor`; true when another process may have recorded
    /// something since this one last read or wrote.
    func acknowledgeChange() -> Bool
    /// Keeps the log's files whole, once per loop turn; cheap.
    func maintain() throws
    /// What the log did by itself that the user should hear about (its files rebuilt, its
    /// permissions tightened), once each; nil when nothing.
    func takeNotice() -> String?
}

extension SessionLog {
    /// Keeps the log's files whole, once per loop turn (see `SessionStore.maintain`); cheap.
    public func maintain() throws {}
    /// What the log did by itself that the user should hear about, once each; nil when nothing.
    public func takeNotice() -> String? { nil }
    /// Nothing to wait for.
    public func checkBeforeWriting() throws {}
    /// No quick way: the view reads the whole log first.
    public func firstFrameEvents(topics: [String], notes: [String]) throws -> [SessionEvent]? { nil }

    /// Appends `events` as they are, after handing over (and dropping) nothing: for tools and
    /// tests that write a session, not for views that keep one in step.
    public func transact(_ decide: ([SessionEvent]) throws -> [SessionEvent]) throws -> [SessionEvent] {
        try transact(clearingDraft: false, decide)
    }
}

/// The note line as it was left: the text being typed, and the note being edited in it, if any.
public struct Draft: Sendable, Equatable, Codable {
    /// What the line holds.
    public var line: String
    /// When an existing note is being edited in the line: which, against which version, and the
    /// new note's text put aside meanwhile.
    public var editing: Editing?

    public struct Editing: Sendable, Equatable, Codable {
        public var noteID: String
        public var base: Int
        public var stashed: String
        public init(noteID: String, base: Int, stashed: String) {
            self.noteID = noteID
            self.base = base
            self.stashed = stashed
        }
    }

    public init(line: String, editing: Editing? = nil) {
        self.line = line
        self.editing = editing
    }

    public var isEmpty: Bool { line.isEmpty && editing == nil }
}

/// Who a view is: its author and role, and the terminal it runs in. Drafts are kept per view, so
/// two views under one author never share a line.
public struct ViewIdentity: Sendable, Equatable {
    public var author: String
    public var role: Role
    /// The terminal's device (`/dev/pts/3`), or empty.
    public var terminal: String

    public init(author: String, role: Role, terminal: String) {
        self.author = author
        self.role = role
        self.terminal = terminal
    }
}
