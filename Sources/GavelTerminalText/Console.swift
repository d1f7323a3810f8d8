import Foundation
import Glibc
import GavelCore

/// The command line's two ways out to a terminal, standard output and standard error, each
/// escaping every line (`TerminalText.escapedLines`): text quoted from a user's file (an agenda
/// title, a CfP submission, a theme's file name, a hostile `TERM`) reaches the terminal shown, never
/// obeyed. Commands print through these rather than `print` whenever the text holds anything a
/// person or a file chose.
public enum Console {
    /// `text`'s bytes on standard output as they are (the caller escaped what needs it), written
    /// straight from the string's storage: a summary of 100,000 notes is tens of megabytes.
    public static func raw(_ text: String) {
        var text = text
        text.withUTF8(write)
    }

    /// `bytes` on standard output as they are.
    public static func raw(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer(write)
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }

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
