import Foundation
import GavelCore
import Testing
@testable import GavelStore

/// A session holds everybody's notes. Before: a 0644 session stayed 0644 and its log files
/// followed at 0644; a read-only session (archived, another user's) was refused even to
/// `gavel summary`; the fix suggested for a root-owned file was a `chmod` the user cannot run.
@Suite(.serialized) struct SessionPermissionTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    static func session(_ folder: TemporaryFolder, _ name: String, notes: Int = 2) throws -> String {
        let path = folder.file(name)
        let store = try SessionStore(path: path)
        for i in 0..<notes {
            try store.append(SessionEvent(at: Date(), .noteAdded(id: "n\(i)", slot: "s1", topic: "a", text: "t", by: "x")))
        }
        return path
    }

    @Test func aSessionReadableByOthersIsTightenedWithItsLogFilesAndSaysSo() throws {
        let folder = try TemporaryFolder()
        let path = try Self.session(folder, "open.gavel")
        #expect(chmod(path, 0o644) == 0)
        let saved = umask(0o022)
        defer { umask(saved) }
        let store = try SessionStore(path: path)
        #expect(Self.mode(path) == 0o600)
        for suffix in ["-wal", "-shm", ".lock"] {
            #expect(Self.mode(path + suffix) & 0o077 == 0, "\(suffix) is \(String(Self.mode(path + suffix), radix: 8))")
        }
        let notice = try #require(store.takeNotice())
        #expect(notice.contains("0644") && notice.contains("0600"), "\(notice)")
        #expect(store.takeNotice() == nil)
    }

    @Test func aViewThatOnlyReadsChangesNoPermissions() throws {
        let folder = try TemporaryFolder()
        let path = try Self.session(folder, "open.gavel")
        #expect(chmod(path, 0o644) == 0)
        let reader = try SessionStore(path: path, readOnly: true)
        #expect(Self.mode(path) == 0o644)
        #expect(reader.takeNotice() == nil)
    }

    /// An archived session (`chmod a-w`): `gavel summary` and `gavel speaker` read it without
    /// creating or changing anything beside it; a view that writes is refused with `chmod u+w`.
    @Test func aReadOnlySessionOpensForReading() throws {
        let folder = try TemporaryFolder()
        let path = try Self.session(folder, "archived.gavel", notes: 3)
        #expect(chmod(path, 0o444) == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!before.contains("archived.gavel-wal"), "the last writer's close checkpointed and removed the log")
        let bytes = contents(path)
        let reader = try SessionStore(path: path, readOnly: true)
        #expect(try reader.newEvents().count == 3)
        #expect(try reader.claimDraft() == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before, "nothing created beside it")
        #expect(contents(path) == bytes)
        #expect(throws: SessionStoreError.viewOnly(path: path)) { try reader.append(SessionEvent(at: Date(), .openSlot(slot: "s1"))) }
        do {
            _ = try SessionStore(path: path)
            Issue.record("a writer opened a read-only session")
        } catch let error as SessionStoreError {
            #expect(error.description.contains("chmod u+w \(path)"), "\(error)")
            #expect(error.description.contains("gavel summary and gavel speaker read it"))
        }
    }

    /// A read-only view of a session it cannot write sees what the writer adds later (the main
    /// file changes under it: it reopens).
    @Test func aReadOnlyViewFollowsTheMainFile() throws {
        let folder = try TemporaryFolder()
        let path = try Self.session(folder, "later.gavel", notes: 1)
        #expect(chmod(path, 0o444) == 0)
        let reader = try SessionStore(path: path, readOnly: true)
        #expect(try reader.newEvents().count == 1)
        #expect(chmod(path, 0o644) == 0)
        do {
            let writer = try SessionStore(path: path)
            try writer.append(SessionEvent(at: Date(), .openSlot(slot: "s1")))
        }
        #expect(try reader.newEvents().map(\.action) == [.openSlot(slot: "s1")])
    }

    /// A file of another user (here: nobody's) that the user cannot write: the fix is a copy of
    /// their own or asking for it, not a `chmod` they cannot run.
    @Test(.enabled(if: geteuid() == 0, "only root can give a file to another user"))
    func anotherUsersFileSuggestsAFixTheUserCanApply() throws {
        let folder = try TemporaryFolder()
        let path = try Self.session(folder, "theirs.gavel")
        #expect(chmod(path, 0o444) == 0)
        #expect(chown(path, 65534, 65534) == 0)
        do {
            _ = try SessionStore(path: path)
            Issue.record("a writer opened another user's read-only session")
        } catch let error as SessionStoreError {
            let text = error.description
            #expect(!text.contains("chmod"), "\(text)")
            #expect(text.contains("belongs to") && text.contains("cp \(path)"), "\(text)")
        }
        #expect(try SessionStore(path: path, readOnly: true).newEvents().count == 2)
    }
}
