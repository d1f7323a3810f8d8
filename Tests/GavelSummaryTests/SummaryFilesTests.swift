import GavelTestSupport
import Foundation
import GavelCore
import GavelSummary
import Testing

@Suite(.serialized) struct SummaryFilesTests {
    /// A fresh folder under the system's temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("gavel-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func theFolderSitsBesideTheAgendaNamedAfterItsStem() {
        let files = SummaryFiles(agendaPath: "/talks/lpc/virt.toml")
        #expect(files.folder == "/talks/lpc/virt-summary")
        #expect(files.indexPath == "/talks/lpc/virt-summary/index.md")
        #expect(files.slotPath("x86") == "/talks/lpc/virt-summary/x86.md")
    }

    @Test(arguments: [
        ("x86", "x86.md"), ("security-storage", "security-storage.md"), ("../../etc/passwd", "------etc-passwd.md"),
        ("a/b\\c", "a-b-c.md"), (".hidden", "-hidden.md"), ("index", "slot-index.md"), ("INDEX", "slot-INDEX.md"),
        ("", "slot-.md"), ("日本", "--.md"), ("v1.2", "v1-2.md"),
    ])
    func fileNamesComeOnlyFromSanitisedSlotIDs(id: String, name: String) {
        #expect(SummaryFiles.fileName(slot: id) == name)
    }

    @Test func noSlotIDWritesOutsideTheFolder() {
        var random = SeededRandom(seed: 42)
        let files = SummaryFiles(agendaPath: "/a/b.toml")
        for _ in 0..<500 {
            let id = TypedTextGenerator.text(&random) + "/../" + TypedTextGenerator.text(&random)
            let path = files.slotPath(id)
            let name = (path as NSString).lastPathComponent
            #expect((path as NSString).deletingLastPathComponent == files.folder, "\(id.debugDescription) -> \(path)")
            #expect(name != "index.md" && !name.hasPrefix(".") && name.hasSuffix(".md"))
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "/" && $0 != "\\" && $0.value > 0x20 })
            #expect(name.count <= 64 + "slot-".count + ".md".count)
        }
    }

    @Test func writesTheEndedSlotAndTheIndexAndLeavesNoTemporaryFiles() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = try ScriptedSession.morning()
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        let written = try files.write(script.session, slots: SummaryFiles.slotsToWrite(script.effects), at: script.clock.now())
        #expect(written == [files.slotPath("x86"), files.slotPath("mm"), files.slotPath("arm"), files.indexPath])
        #expect(try Self.entries(files.folder) == ["arm.md", "index.md", "mm.md", "x86.md"])
        let x86 = try String(contentsOfFile: files.slotPath("x86"), encoding: .utf8)
        #expect(x86 == SummaryFormat.markdown.slot(script.session, id: "x86", at: script.clock.now()))
        let index = try String(contentsOfFile: files.indexPath, encoding: .utf8)
        #expect(index == SummaryFormat.markdown.day(script.session, at: script.clock.now()))
    }

    @Test func slotsToWriteNamesEachSlotOnceInOrder() {
        #expect(SummaryFiles.slotsToWrite([
            .slotEnded(slot: "b", cause: .timeUp), .summaryStale(slot: "a"), .summaryStale(slot: "b"),
        ]) == ["b", "a"])
        #expect(SummaryFiles.slotsToWrite([]) == [])
    }

    @Test func aFileWhereTheFolderShouldBeIsAnErrorNamingIt() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: files.folder))
        let script = try ScriptedSession.morning()
        let error = try #require(throws: SummaryWriteError.self) {
            try files.write(script.session, slots: ["x86"], at: script.clock.now())
        }
        #expect(error.path == files.folder)
        #expect(error.description.hasPrefix(files.folder + ": "))
        #expect(try String(contentsOfFile: files.folder, encoding: .utf8) == "not a folder")
    }

    @Test func temporariesOfAKilledWriterAreRemovedByTheNextWrite() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A writer killed mid-write: its process is gone (pid 2^22 + 1 is above Linux's pid_max).
        let stale = folder + "/.x86.md.4194305.12345.tmp"
        let live = folder + "/.x86.md.\(getpid()).6789.tmp"   // this process: still writing
        FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        FileManager.default.createFile(atPath: live, contents: Data("half".utf8))
        try AtomicFile.write("whole\n", to: folder + "/x86.md")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try String(contentsOfFile: folder + "/x86.md", encoding: .utf8) == "whole\n")
    }

    @Test func anUnwritableTargetIsAnErrorNamingItAndLeavesNoTemporaryFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        // A folder where index.md should be: rename cannot replace it, whoever runs the test.
        try FileManager.default.createDirectory(atPath: files.indexPath + "/keep", withIntermediateDirectories: true)
        let script = try ScriptedSession.morning()
        let error = try #require(throws: SummaryWriteError.self) {
            try files.write(script.session, slots: ["x86"], at: script.clock.now())
        }
        #expect(error.path == files.indexPath)
        #expect(error.description.contains(files.indexPath))
        #expect(try Self.entries(files.folder) == ["index.md", "x86.md"], "a temporary file was left behind")

        // Once the destination is fixed, the same call writes it.
        try FileManager.default.removeItem(atPath: files.indexPath)
        try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(try Self.entries(files.folder) == ["index.md", "x86.md"])
    }

    @Test(.enabled(if: getuid() != 0, "root may write anywhere"))
    func aReadOnlyFolderIsAnErrorNamingTheFile() throws {
        let folder = try Self.temporaryFolder()
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let target = folder + "/summary.md"
        chmod(folder, 0o555)
        let error = try #require(throws: SummaryWriteError.self) { try AtomicFile.write("x", to: target) }
        #expect(error.path == target)
    }

    /// A destination that fills up mid-write: the file size limit (`RLIMIT_FSIZE`) stands in for a
    /// full disk, so the test needs no special file system. The old summary stays whole.
    @Test func aFullDestinationKeepsTheOldFileWholeAndNamesThePath() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/summary.md"
        try AtomicFile.write("the old summary\n", to: target)
        let big = String(repeating: "a note that does not fit\n", count: 2000)
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limit = saved
        limit.rlim_cur = 4096
        #expect(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0)
        let result = Result { () throws(SummaryWriteError) in try AtomicFile.write(big, to: target) }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, previousHandler)
        guard case .failure(let error) = result else {
            Issue.record("a write beyond the size limit succeeded")
            return
        }
        #expect(error.path == target)
        #expect(error.description.hasPrefix(target + ": cannot write the summary: "))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the old summary\n")
        #expect(try Self.entries(folder) == ["summary.md"], "a temporary file was left behind")
    }

    @Test func replacingAFileSwapsItWhole() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/summary.md"
        try AtomicFile.write("old\n", to: target)
        let before = try FileManager.default.attributesOfItem(atPath: target)[.systemFileNumber] as? Int
        try AtomicFile.write("new\n", to: target)
        let after = try FileManager.default.attributesOfItem(atPath: target)[.systemFileNumber] as? Int
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(before != after, "the file was rewritten in place, not replaced by a rename")
        #expect(try Self.entries(folder) == ["summary.md"])
    }

    /// A summary that already says what the session says is not written again, so its time
    /// stays the time of the change it records; any difference (a note, its permissions, a link
    /// in its place) writes it.
    @Test func aFileThatAlreadySaysTheSameIsLeftAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var script = try ScriptedSession.morning()
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        let slots = SummaryFiles.slotsToWrite(script.effects)
        _ = try files.write(script.session, slots: slots, at: script.clock.now())
        let old = Date(timeIntervalSince1970: 1_000_000)
        func age(_ path: String) throws { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path) }
        func modified(_ path: String) throws -> Date? { try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date }
        for path in [files.slotPath("x86"), files.slotPath("mm"), files.indexPath] { try age(path) }

        _ = try files.write(script.session, slots: slots, at: script.clock.now())
        #expect(try modified(files.slotPath("x86")) == old)
        #expect(try modified(files.indexPath) == old)

        try script.note("11:11:00", "x86", "amd-interrupt-virt", "a late word")
        _ = try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(try modified(files.slotPath("x86")) != old)
        #expect(try String(contentsOfFile: files.slotPath("x86"), encoding: .utf8).contains("a late word"))
        #expect(try modified(files.indexPath) != old, "the index lists the note too")
        #expect(try modified(files.slotPath("mm")) == old)

        // Same bytes, other permissions: written again with the folder's.
        try age(files.slotPath("mm"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.slotPath("mm"))
        _ = try files.write(script.session, slots: ["mm"], at: script.clock.now())
        let mm = try FileManager.default.attributesOfItem(atPath: files.slotPath("mm"))
        #expect(mm[.posixPermissions] as? Int == 0o600)
        #expect(mm[.modificationDate] as? Date != old)

        // A link to a file with the same bytes is replaced by a file, never trusted.
        let elsewhere = folder + "/elsewhere.md"
        try FileManager.default.copyItem(atPath: files.slotPath("arm"), toPath: elsewhere)
        try FileManager.default.removeItem(atPath: files.slotPath("arm"))
        try FileManager.default.createSymbolicLink(atPath: files.slotPath("arm"), withDestinationPath: elsewhere)
        _ = try files.write(script.session, slots: ["arm"], at: script.clock.now())
        let arm = try FileManager.default.attributesOfItem(atPath: files.slotPath("arm"))
        #expect(arm[.type] as? FileAttributeType == .typeRegular)
    }
}
