import Foundation
import GavelCore

/// The command line's two ways out to a terminal, standard output and standard error, each
/// escaping every line (`TerminalText.escapedLines`): text quoted from a user's file (an agenda
/// title, a CfP submission, a theme's file name, a hostile `TERM`) reaches the terminal shown, never
/// obeyed. Commands print through these rather than `print` whenever the text holds anything a
/// person or a file chose.
public enum Console {
    /// `text` on standard output, escaped, as is (no line break added).
    public static func out(_ text: String) {
        print(TerminalText.escapedLines(text), terminator: "")
    }

    /// `text` and a line break on standard error, escaped.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escapedLines(text) + "\n").utf8))
    }

    /// Each diagnostic (`FILE:LINE: message`) on its own line of standard error, escaped.
    public static func error(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { error(d.description) }
    }
}
