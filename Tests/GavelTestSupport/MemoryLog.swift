import Foundation
import GavelCore

/// Events kept in memory, shared by every `MemoryLog` made on it: one session file, as it were.
public final class MemoryLogStorage: @unchecked Sendable {
    fileprivate let lock = NSLock()
    fileprivate var events: [SessionEvent] = []
    fileprivate var drafts: [String: Draft] = [:]
    /// Bumped by every commit, for `acknowledgeChange`.
    fileprivate var commits = 0

    public init(events: [SessionEvent] = []) { self.events = events }

    /// Every event recorded, in the log's order.
    public var all: [SessionEvent] { lock.withLock { events } }
}

/// A session log in memory, like one process's connection to a session file: several logs on one
/// storage are several processes, each with its own reading position.
public final class MemoryLog: SessionLog {
    public let storage: MemoryLogStorage
    /// The view this connection belongs to: the key of its draft.
    public let view: String
    private var delivered = 0
    private var seenCommits = 0
    /// Makes the next commits fail, like a full disk.
    public var failing = false

    public init(events: [SessionEvent] = [], storage: MemoryLogStorage? = nil, view: String = "view") {
        self.storage = storage ?? MemoryLogStorage(events: events)
        self.view = view
    }

    public var events: [SessionEvent] { storage.all }

    public struct DiskFull: Error, CustomStringConvertible {
        public var description: String { "No space left on device" }
    }

    /// Appends `event` as it is (setting up a session), without moving this log's reading position.
    public func append(_ event: SessionEvent) {
        storage.lock.withLock {
            storage.events.append(event)
            storage.commits += 1
        }
    }

    public func transact(clearingDraft: Bool, _ decide: ([SessionEvent]) throws -> [SessionEvent]) throws -> [SessionEvent] {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        let unseen = Array(storage.events[delivered...])
        delivered = storage.events.count
        let new = try decide(unseen)
        if failing { throw DiskFull() }
        guard !new.isEmpty || clearingDraft else { return [] }
        storage.events += new
        if clearingDraft { storage.drafts[view] = nil }
        storage.commits += 1
        delivered = storage.events.count
        seenCommits = storage.commits
        return new
    }

    public func newEvents() throws -> [SessionEvent] {
        storage.lock.withLock {
            defer { delivered = storage.events.count }
            return Array(storage.events[delivered...])
        }
    }

    public func allEvents() throws -> [SessionEvent] {
        storage.lock.withLock {
            delivered = storage.events.count
            return storage.events
        }
    }

    public func firstFrameEvents(topics: [String], notes: [String]) throws -> [SessionEvent]? {
        FirstFrame.events(of: storage.all, topics: topics, notes: notes)
    }

    public func saveDraft(_ draft: Draft) throws {
        if failing { throw DiskFull() }
        storage.lock.withLock {
            storage.drafts[view] = draft.isEmpty ? nil : draft
        }
    }

    public func claimDraft() throws -> Draft? { storage.lock.withLock { storage.drafts[view] } }

    public var changeDescriptor: Int32? { nil }

    public func acknowledgeChange() -> Bool {
        storage.lock.withLock {
            defer { seenCommits = storage.commits }
            return storage.commits != seenCommits
        }
    }
}
