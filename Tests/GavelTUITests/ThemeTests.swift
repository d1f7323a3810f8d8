import Foundation
import GavelCore
import Testing
@testable import GavelTUI

@Suite struct ThemeTests {
    static func themesDirectory(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes")
    }

    @Test(arguments: BuiltinThemes.names)
    func builtInThemesEqualTheirFiles(name: String) throws {
        let url = Self.themesDirectory().appendingPathComponent(name + ".toml")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(BuiltinThemes.source(name) == file, "themes/\(name).toml changed: copy it into BuiltinThemes.swift")
        let theme = try Theme.parse(file, name: name, file: url.path)
        #expect(theme.name == name)
    }

    @Test func everyFileInThemesIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory().path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltinThemes.names))
    }

    @Test func colours() {
        #expect(ThemeColor.parse("red") == .named(1))
        #expect(ThemeColor.parse("Bright-Blue") == .named(12))
        #expect(ThemeColor.parse("brightwhite") == .named(15))
        #expect(ThemeColor.parse("#FF8800") == .rgb(255, 136, 0))
        #expect(ThemeColor.parse("default") == .terminalDefault)
        #expect(ThemeColor.parse("#ff88") == nil)
        #expect(ThemeColor.parse("#+fffff") == nil)
        #expect(ThemeColor.parse("#-00000") == nil)
        #expect(ThemeColor.parse("orange") == nil)
    }

    @Test func nearestColours() {
        #expect(ColorMapping.index(.rgb(255, 0, 0), colors: 256) == 196)
        #expect(ColorMapping.index(.rgb(128, 128, 128), colors: 256) == 244)
        #expect(ColorMapping.index(.rgb(230, 159, 0), colors: 256) == 178)
        #expect(ColorMapping.index(.rgb(255, 0, 0), colors: 16) == 9)
        #expect(ColorMapping.index(.rgb(255, 0, 0), colors: 8) == 1)
        #expect(ColorMapping.index(.named(9), colors: 8) == 1)
        #expect(ColorMapping.index(.terminalDefault, colors: 256) == -1)
        for r in stride(from: 0, through: 255, by: 15) {
            for g in stride(from: 0, through: 255, by: 51) {
                let i = ColorMapping.index(.rgb(UInt8(r), UInt8(g), 100), colors: 256)
                #expect((16...255).contains(i))
            }
        }
    }

    @Test func brokenThemesNameTheLine() {
        func error(_ text: String) -> String {
            do {
                _ = try Theme.parse(text, name: "t", file: "t.toml")
                return "no error"
            } catch {
                return error.description
            }
        }
        let good = BuiltinThemes.source("default") ?? ""
        #expect(error(good.replacingOccurrences(of: "warn = \"yellow\"", with: "warn = \"amber\"")).hasPrefix("t.toml:7: \"amber\" is not a colour"))
        #expect(error(good.replacingOccurrences(of: "bell = true", with: "bell = \"yes\"")) == "t.toml:11: \"bell\" must be true or false")
        #expect(error(good + "blink = true\n").hasPrefix("t.toml:13: unknown key \"blink\""))
        #expect(error(good.replacingOccurrences(of: "ok = \"green\"", with: "ok = 3")).hasPrefix("t.toml:6: \"ok\" must be a string"))
        #expect(error("text = \"red\"\nbackground = [\n").hasPrefix("t.toml:"))
        #expect(error(good.replacingOccurrences(of: "over = \"bright-red\"\n", with: "")).contains("missing \"over\""))
    }

    @Test func userThemesLoadFromTheConfigDirectoryAndBrokenOnesFail() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-theme-test-\(UUID().uuidString)")
        let themes = dir.appendingPathComponent("gavel/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = (BuiltinThemes.source("default") ?? "").replacingOccurrences(of: "accent = \"bright-cyan\"", with: "accent = \"#123456\"")
        try Data(mine.utf8).write(to: themes.appendingPathComponent("mine.toml"))
        try Data("text = \"plaid\"\n".utf8).write(to: themes.appendingPathComponent("broken.toml"))
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": dir.path])
        #expect(catalog.names() == BuiltinThemes.names + ["broken", "mine"])
        #expect(try catalog.load("mine").color(.accent) == .rgb(0x12, 0x34, 0x56))
        #expect(throws: FileError.self) { try catalog.load("broken") }
        do {
            _ = try catalog.load("broken")
        } catch {
            #expect(error.description.hasPrefix(themes.appendingPathComponent("broken.toml").path + ":1: "))
        }
        #expect(throws: FileError.self) { try catalog.load("nonexistent") }
    }

    @Test func noColorMeansMono() throws {
        let catalog = ThemeCatalog(userDirectory: nil)
        #expect(try catalog.initial(requested: nil, environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try catalog.initial(requested: nil, environment: [:]).name == "default")
        #expect(try catalog.initial(requested: "light", environment: ["NO_COLOR": "1"]).name == "light")
        #expect(try catalog.load("mono").monochrome)
    }
}

/// A theme is loaded while the console runs (`t`): whatever its file holds or is, loading it ends
/// in a theme or a `FILE:LINE` refusal, never a crash or a hang.
@Suite struct HostileThemeFileTests {
    static func catalog(_ files: [String: String]) throws -> (ThemeCatalog, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return (ThemeCatalog(userDirectory: dir), dir)
    }

    @Test func aFiveThousandPartKeyIsRefusedNotACrash() throws {
        let (catalog, dir) = try Self.catalog(["deep.toml": "x" + String(repeating: ".a", count: 4999) + " = 1\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try catalog.load("deep")
            Issue.record("a 5000-level theme was accepted")
        } catch {
            #expect(error.description.hasPrefix(dir + "/deep.toml:1: "), "\(error.description.prefix(200))")
        }
    }

    @Test func aFifoOrADeviceIsRefusedWithoutBlocking() throws {
        let (catalog, dir) = try Self.catalog([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo.toml", 0o600) == 0)
        #expect(symlink("/dev/zero", dir + "/zero.toml") == 0)
        for name in ["fifo", "zero"] {
            #expect(throws: FileError.self) { try catalog.load(name) }
        }
        let big = String(repeating: "# padding\n", count: 40_000)
        try Data(big.utf8).write(to: URL(fileURLWithPath: dir + "/big.toml"))
        #expect(throws: FileError.self) { try catalog.load("big") }
    }
}
