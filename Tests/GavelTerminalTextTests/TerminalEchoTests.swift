import Foundation
import Testing
import GavelCore
import GavelTerminalText

/// What the command line prints from a user's file (`gavel check`'s plan table, every
/// `FILE:LINE: message` quoting a bad value) goes straight to a terminal: an escape sequence in an
/// agenda title or a theme value must not reach it raw (`\e]2;pwned\a` retitles the window,
/// `\e[2J` clears it, U+202E reverses what follows). Both escape through `TerminalText`: the table
/// itself, the messages where `Console` prints them (a `Diagnostic` keeps the text as the file has
/// it, for sinks that escape for another medium).
@Suite struct TerminalEchoTests {
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static let hostile = """
    title = "MC \\u001b]2;pwned\\u0007"
    [[slot]]
    id = "a"
    title = "Slot \\u001b[2J \\u202e evil"
    length = "45m"
    [[slot.topic]]
    title = "Topic \\u0000 nul"
    speakers = ["Eve \\u001b]2;pwned\\u0007"]
    """

    @Test func planTableEscapesAgendaText() throws {
        let agenda = try AgendaParser.parse(Self.hostile, file: "h.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current).agenda
        let table = PlanTable.render(agenda)
        #expect(table.contains("pwned"))
        #expect(Self.rawControls(table).isEmpty, "\(Self.rawControls(table))")
    }

    @Test func diagnosticsEscapeQuotedValues() {
        let bad = "title = \"x\"\n[[slot]]\nid = \"a\"\ntitle = \"s\"\nlength = \"\\u001b]2;pwned\\u0007\"\n[[slot.topic]]\ntitle = \"t\"\n"
        do {
            _ = try AgendaParser.parse(bad, file: "h.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
            Issue.record("a bad duration was accepted")
        } catch {
            #expect(error.description.contains("\u{1b}]2;pwned"), "the diagnostic quotes the value as written")
            let text = TerminalText.escapedLines(error.description)
            #expect(text.hasPrefix("h.toml:5: "))
            #expect(text.contains("^[]2;pwned^G"))
            #expect(Self.rawControls(text).isEmpty, "\(Self.rawControls(text))")
        }
    }
}
