import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelStore

@Suite struct SessionStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_346_270_400.25)

    /// One event of every kind, in an order the engine accepts.
    static let everyKind: [SessionEvent] = [
        SessionEvent(at: t0, .openSlot(slot: "s1")),
        SessionEvent(at: t0 + 1, .start(slot: "s1", topic: "a")),
        SessionEvent(at: t0 + 2.5, .adjust(slot: "s1", topic: "a", seconds: -60)),
        SessionEvent(at: t0 + 3, .pause(slot: "s1", topic: "a")),
        SessionEvent(at: t0 + 4, .noteAdded(id: "n1", slot: "s1", topic: "a", text: "action: Ada to send \"v2\" — ok ✓", by: "chair")),
        SessionEvent(at: t0 + 5, .noteEdited(id: "n1", text: "edited", undo: false)),
        SessionEvent(at: t0 + 6, .noteEdited(id: "n1", text: "action: back", undo: true)),
        SessionEvent(at: t0 + 7, .noteMoved(id: "n1", slot: "s1", topic: "b", undo: false)),
        SessionEvent(at: t0 + 8, .noteDeleted(id: "n1")),
        SessionEvent(at: t0 + 9, .noteRestored(id: "n1")),
        SessionEvent(at: t0 + 10, .next(slot: "s1", topic: "a")),
        SessionEvent(at: t0 + 11, .previous(slot: "s1", topic: "b")),
        SessionEvent(at: t0 + 12, .endSlot(slot: "s1", cause: .chair)),
        SessionEvent(at: t0 + 13, .endSlot(slot: "s2", cause: .timeUp)),
        SessionEvent(at: t0 + 14, .clockJump(seconds: -3600)),
    ]

    @Test func everyEventKindRoundTripsThroughTheFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("s.gavel")
        let kinds = Set(Self.everyKind.map(\.action.name))
        #expect(kinds.count == 13, "every SessionEvent.Action case is covered")
        do {
            let store = try SessionStore(path: path)
            for event in Self.everyKind { try store.append(event) }
            #expect(try store.newEvents() == Self.everyKind)
            #expect(try store.newEvents().isEmpty, "newEvents returns only what is new")
        }
        let reopened = try SessionStore(path: path)
        #expect(try reopened.newEvents() == Self.everyKind)

        // The reader columns say what the event says.
        let raw = try RawDatabase(path: path)
        #expect(try raw.strings("SELECT kind FROM event ORDER BY id") == Self.everyKind.map(\.action.name))
        #expect(try raw.strings("SELECT text FROM current_note") == ["action: back"])
        #expect(try raw.strings("SELECT topic FROM current_note") == ["b"])
        #expect(try raw.int("SELECT deleted FROM current_note") == 0)
        #expect(try raw.int("SELECT seconds FROM event WHERE kind = 'adjust'") == -60)
        #expect(try raw.strings("SELECT cause FROM event WHERE kind = 'endSlot' ORDER BY id") == ["chair", "timeUp"])
        #expect(try raw.int("SELECT count(*) FROM event WHERE abs(at - \(Self.t0.timeIntervalSince1970 + 2.5)) < 0.001") == 1)
    }

    @Test func aFreshFileIsCreatedPrivateInWALModeAndMigrated() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("fresh.gavel")
        let store = try SessionStore(path: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600, "notes can be private")
        let raw = try RawDatabase(path: path)
        #expect(try raw.int("PRAGMA application_id") == Int(SessionSchema.applicationID))
        #expect(try raw.int("PRAGMA user_version") == SessionSchema.version)
        #expect(try raw.strings("PRAGMA journal_mode") == ["wal"])
        #expect(try raw.strings("SELECT identifier FROM grdb_migrations") == SessionSchema.migrator.migrations)
        #expect(try raw.strings("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'grdb%' ORDER BY name")
                == ["current_note", "event", "meta", "view_draft", "web_link", "web_note_writer", "web_server"])
        #expect(try store.newEvents().isEmpty)
        // The side lock file is private too.
        #expect(stat(path + ".lock", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// The migrations' rewrites of the schema are moved out of the log into the file: a new
    /// session takes little room (a session on a small disk keeps it for notes).
    @Test func aNewSessionsLogHoldsNoMigrations() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("fresh.gavel")
        let store = try SessionStore(path: path)
        var main = stat(), log = stat()
        #expect(stat(path, &main) == 0)
        #expect(stat(path + "-wal", &log) == 0)
        // Every migration rewrote the schema's pages into the log: 180 KiB of it before.
        #expect(log.st_size < 32 * 1024, "the log holds \(log.st_size) bytes")
        #expect(main.st_size + log.st_size < 100 * 1024)
        try store.append(SessionEvent(at: Self.t0, .openSlot(slot: "s1")))
        #expect(try SessionStore(path: path, readOnly: true).allEvents().count == 1)
    }

    @Test func aFileOfTheFirstSchemaIsMigratedAndKeepsItsDraftsAndEvents() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("v1.gavel")
        do {
            // A session as the first schema left it, written without the store.
            let raw = try RawDatabase(path: path)
            try raw.execute("PRAGMA journal_mode = WAL")
            try SessionSchema.migrator.migrate(raw.queue, upTo: "v1-events-and-drafts")
            try raw.execute("INSERT INTO draft (author, text, saved_at) VALUES ('ada', 'old line', 0)")
            let json = String(decoding: try JSONEncoder().encode(SessionEvent(at: Self.t0, .openSlot(slot: "s1"))), as: UTF8.self)
            try raw.queue.inDatabase { db in
                try db.execute(sql: "INSERT INTO event (at, kind, slot, json) VALUES (0, 'openSlot', 's1', ?)", arguments: [json])
            }
            #expect(try raw.int("PRAGMA user_version") == 1)
        }
        let store = try SessionStore(path: path, view: Self.view("ada"))
        #expect(try store.claimDraft() == Draft(line: "old line"), "a draft from before views had roles is anyone's of its author")
        #expect(try store.newEvents() == [SessionEvent(at: Self.t0, .openSlot(slot: "s1"))])
        let raw = try RawDatabase(path: path)
        #expect(try raw.int("PRAGMA user_version") == SessionSchema.version)
        #expect(try raw.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid") == SessionSchema.migrator.migrations)
    }

    @Test func anEmptyFileBecomesASession() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("empty.gavel")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SessionStore(path: path)
        try store.append(SessionEvent(at: Self.t0, .openSlot(slot: "s1")))
        #expect(try SessionStore(path: path).newEvents().count == 1)
    }

    @Test func reopeningAMigratedFileKeepsItsEvents() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("again.gavel")
        for round in 0..<3 {
            let store = try SessionStore(path: path)
            #expect(try store.newEvents().count == round)
            try store.append(SessionEvent(at: Self.t0 + Double(round), .openSlot(slot: "s1")))
        }
    }

    @Test func defaultPathSitsBesideTheAgenda() {
        #expect(SessionStore.defaultPath(forAgenda: "examples/lpc2012-virt.toml") == "examples/lpc2012-virt.gavel")
        #expect(SessionStore.defaultPath(forAgenda: "/tmp/x/track.toml") == "/tmp/x/track.gavel")
        #expect(SessionStore.defaultPath(forAgenda: "agenda") == "agenda.gavel")
        #expect(SessionStore.defaultPath(forAgenda: "dir.v2/agenda") == "dir.v2/agenda.gavel")
        #expect(SessionStore.defaultPath(forAgenda: ".hidden") == ".hidden.gavel")
    }

    static func view(_ author: String, _ role: Role = .notes, tty: String = "/dev/pts/1") -> ViewIdentity {
        ViewIdentity(author: author, role: role, terminal: tty)
    }

    /// A process that has died: its draft rows are anyone's of the same author and role.
    static let gone = SessionStore.Options(processIdentity: "999999999:1:gone")

    @Test func draftsBelongToAView() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("drafts.gavel")
        do {
            let killed = try SessionStore(path: path, view: Self.view("ada"), options: Self.gone)
            #expect(try killed.claimDraft() == nil)
            try killed.saveDraft(Draft(line: "half a thou"))
            try killed.saveDraft(Draft(line: "half a thought"))
            let other = try SessionStore(path: path, view: Self.view("ada", .chair, tty: "/dev/pts/2"), options: Self.gone)
            try other.saveDraft(Draft(line: "the chair's line ✓"))
        }
        // Two views of one author (ada's notes view, ada's chair console) never share a line.
        let notes = try SessionStore(path: path, view: Self.view("ada"))
        #expect(try notes.claimDraft() == Draft(line: "half a thought"))
        let chair = try SessionStore(path: path, view: Self.view("ada", .chair, tty: "/dev/pts/2"))
        #expect(try chair.claimDraft() == Draft(line: "the chair's line ✓"))
        // Claimed by a running view: a second one of the same author and role does not restore it too.
        let second = try SessionStore(path: path, view: Self.view("ada", tty: "/dev/pts/9"))
        #expect(try second.claimDraft() == nil)
        try notes.saveDraft(Draft(line: ""))
        #expect(try RawDatabase(path: path).int("SELECT count(*) FROM view_draft") == 1, "an emptied line clears the draft")
    }

    @Test func aDraftKeepsTheNoteBeingEdited() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("editing.gavel")
        let draft = Draft(line: "fixed text", editing: .init(noteID: "n1", base: 2, stashed: "a new note, half typed"))
        try SessionStore(path: path, view: Self.view("bob"), options: Self.gone).saveDraft(draft)
        #expect(try SessionStore(path: path, view: Self.view("bob")).claimDraft() == draft)
    }

    @Test func aSavedNoteEndsItsViewsDraftInTheSameCommit() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("enter.gavel")
        do {
            let ada = try SessionStore(path: path, view: Self.view("ada"), options: Self.gone)
            let bob = try SessionStore(path: path, view: Self.view("bob"), options: Self.gone)
            try ada.saveDraft(Draft(line: "action: ada to review"))
            try bob.saveDraft(Draft(line: "bob's line"))
            _ = try ada.transact(clearingDraft: true) { _ in
                [SessionEvent(at: Self.t0, .noteAdded(id: "n1", slot: "s1", topic: "a", text: "action: ada to review", by: "ada"))]
            }
        }
        // Killed before the app clears the line: the next start shows an empty line, not the note again.
        #expect(try SessionStore(path: path, view: Self.view("ada")).claimDraft() == nil)
        #expect(try SessionStore(path: path, view: Self.view("bob")).claimDraft() == Draft(line: "bob's line"))
    }

    @Test func aTransactionSeesWhatOthersRecordedFirst() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("transact.gavel")
        let a = try SessionStore(path: path), b = try SessionStore(path: path)
        _ = try a.transact { unseen in
            #expect(unseen.isEmpty)
            return [SessionEvent(at: Self.t0, .openSlot(slot: "s1"), by: "ada", role: .chair)]
        }
        _ = try b.transact { unseen in
            #expect(unseen.map(\.action) == [.openSlot(slot: "s1")], "b decides with a's event in hand")
            return [SessionEvent(at: Self.t0 + 1, .endSlot(slot: "s1", cause: .chair), by: "bob", role: .chair)]
        }
        #expect(try a.newEvents().map(\.by) == ["bob"], "a's own event is not handed back to it")
        #expect(try b.newEvents().isEmpty)
        #expect(try RawDatabase(path: path).int("SELECT count(*) FROM event WHERE role = 'chair'") == 2)
        #expect(try SessionStore(path: path).newEvents().map(\.by) == ["ada", "bob"], "authors are kept")
    }

    @Test func aWatchingViewRecordsNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("view.gavel")
        let view = try SessionStore(path: path, readOnly: true)
        #expect(throws: SessionStoreError.viewOnly(path: path)) {
            try view.append(SessionEvent(at: Self.t0, .openSlot(slot: "s1")))
        }
        #expect(throws: SessionStoreError.viewOnly(path: path)) { try view.saveDraft(Draft(line: "x")) }
        #expect(try RawDatabase(path: path).int("SELECT count(*) FROM event") == 0)
    }

    @Test func aLiveSessionResumesWithTheSameRemainingTimeAndNotes() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("resume.gavel")
        let clock = ManualClock(Self.t0)
        let before: Snapshot
        do {
            let live = try LiveSession(agenda: testAgenda(), log: SessionStore(path: path, view: Self.view("chair", .chair), options: Self.gone),
                                       clock: clock, author: "chair", role: .chair)
            try live.perform(.openSlot("s1"))
            try live.perform(.toggle)
            clock.advance(125)
            try live.addNote("action: Ada: send the patch", slot: "s1", topic: "a")
            try live.log.saveDraft(Draft(line: "unfinished"))
            before = try #require(live.snapshot())
        }
        // The process dies; 40 s later (a talk that went on while the laptop slept) it starts again.
        clock.advance(40)
        let live = try LiveSession(agenda: testAgenda(), log: SessionStore(path: path, view: Self.view("chair", .chair)), clock: clock,
                                   author: "chair", role: .chair)
        let after = try #require(live.snapshot())
        #expect(after.slot.id == "s1")
        #expect(after.currentTopic?.topic.id == before.currentTopic?.topic.id)
        #expect(after.currentTopic?.remaining == (before.currentTopic?.remaining ?? 0) - 40)
        #expect(after.currentTopic?.remaining == 600 - 165)
        #expect(live.session.noteOrder.compactMap { live.session.notes[$0]?.text } == ["action: Ada: send the patch"])
        #expect(try live.log.claimDraft() == Draft(line: "unfinished"))
    }

    @Test func notesOfATopicRemovedFromTheAgendaAreKept() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("edited.gavel")
        let store = try SessionStore(path: path)
        try store.append(SessionEvent(at: Self.t0, .noteAdded(id: "n1", slot: "s1", topic: "gone", text: "kept", by: "chair")))
        let live = try LiveSession(agenda: testAgenda(), log: SessionStore(path: path), clock: ManualClock(Self.t0), author: "chair", role: .chair)
        #expect(live.session.notes["n1"]?.text == "kept")
    }
}
