import Foundation
import GavelCore
import GavelSummary
import Testing

/// The summary folder is written into only when it is a real folder of the user's, and nothing
/// written there lands elsewhere; files and folder are as private as the session unless
/// `--summary-mode` says otherwise.
@Suite(.serialized) struct SummaryFolderSafetyTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// `track-summary -> elsewhere/` with a slot called README: before, `elsewhere/README.md` and
    /// `elsewhere/index.md` were replaced.
    @Test func aSymlinkedSummaryFolderIsRefusedAndWhatItPointsAtIsUntouched() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let elsewhere = folder + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/index.md"))
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/x86.md"))
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        #expect(symlink("elsewhere", files.folder) == 0)
        let script = try ScriptedSession.morning()
        let error = try #require(throws: SummaryWriteError.self) {
            try files.write(script.session, slots: ["x86"], at: script.clock.now())
        }
        #expect(error.path == files.folder)
        #expect(error.reason.contains("symbolic link (to elsewhere)"), "\(error.description)")
        #expect(error.reason.contains("rm \(files.folder)"))
        #expect(try SummaryFilesTests.entries(elsewhere) == ["index.md", "x86.md"])
        #expect(try String(contentsOfFile: elsewhere + "/index.md", encoding: .utf8) == "precious\n")
        #expect(try String(contentsOfFile: elsewhere + "/x86.md", encoding: .utf8) == "precious\n")
    }

    /// A link planted at a file's name inside the folder is replaced by the summary, not followed.
    @Test func aSymlinkAtAFileNameIsReplacedNotFollowed() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outside = folder + "/outside.md"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: outside))
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        try FileManager.default.createDirectory(atPath: files.folder, withIntermediateDirectories: false)
        #expect(symlink("../outside.md", files.indexPath) == 0)
        #expect(symlink("../outside.md", files.slotPath("x86")) == 0)
        let script = try ScriptedSession.morning()
        try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
        var info = stat()
        #expect(lstat(files.indexPath, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(lstat(files.slotPath("x86"), &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a folder to another user"))
    func aFolderOfAnotherUserIsRefused() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        try FileManager.default.createDirectory(atPath: files.folder, withIntermediateDirectories: false)
        #expect(chown(files.folder, 65534, 65534) == 0)
        let script = try ScriptedSession.morning()
        let error = try #require(throws: SummaryWriteError.self) {
            try files.write(script.session, slots: ["x86"], at: script.clock.now())
        }
        #expect(error.path == files.folder)
        #expect(error.reason.contains("not to you"), "\(error.description)")
        #expect(try SummaryFilesTests.entries(files.folder).isEmpty)
    }

    /// Before: 0644 files in a 0755 folder, whatever the session's privacy.
    @Test func summariesArePrivateByDefaultAndAnOpenFolderIsTightened() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = SummaryFiles(agendaPath: folder + "/virt.toml")
        let script = try ScriptedSession.morning()
        let saved = umask(0o022)
        defer { umask(saved) }
        try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(Self.mode(files.folder) == 0o700)
        #expect(Self.mode(files.indexPath) == 0o600)
        #expect(Self.mode(files.slotPath("x86")) == 0o600)
        // A folder an older gavel left open is closed again.
        #expect(chmod(files.folder, 0o755) == 0)
        try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(Self.mode(files.folder) == 0o700)
    }

    @Test func summaryModeOpensThemUpWhateverTheUmask() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mode = try #require(SummaryFileMode(octal: "644"))
        let files = SummaryFiles(agendaPath: folder + "/virt.toml", mode: mode)
        let script = try ScriptedSession.morning()
        let saved = umask(0o077)
        defer { umask(saved) }
        try files.write(script.session, slots: ["x86"], at: script.clock.now())
        #expect(Self.mode(files.folder) == 0o755)
        #expect(Self.mode(files.indexPath) == 0o644)
        #expect(SummaryFileMode(octal: "640")?.folder == 0o750)
    }

    @Test(arguments: ["600", "0644", "640", "666"])
    func validModes(text: String) { #expect(SummaryFileMode(octal: text) != nil) }

    @Test(arguments: ["", "755", "400", "0700", "4644", "abc", "8", "00000644", "-644"])
    func invalidModes(text: String) { #expect(SummaryFileMode(octal: text) == nil, "\(text)") }

    /// `gavel summary -o FILE`: a new file is private; a file already there keeps its permissions.
    @Test func anOutputFileIsPrivateWhenNewAndKeepsItsModeWhenReplaced() throws {
        let folder = try SummaryFilesTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = umask(0o022)
        defer { umask(saved) }
        try AtomicFile.write("one\n", to: folder + "/new.md")
        #expect(Self.mode(folder + "/new.md") == 0o600)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder + "/shared.md"))
        #expect(chmod(folder + "/shared.md", 0o644) == 0)
        try AtomicFile.write("two\n", to: folder + "/shared.md")
        #expect(Self.mode(folder + "/shared.md") == 0o644)
        #expect(try String(contentsOfFile: folder + "/shared.md", encoding: .utf8) == "two\n")
    }
}
