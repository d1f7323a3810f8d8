import ArgumentParser
import Foundation
import GavelStore
import GavelTerminalText

/// An error a user can cause, as the command line reports it: `gavel: MESSAGE` on standard error
/// and an exit code from sysexits(3), so a script can tell bad input from a missing file or a
/// full disk. Every command throws this (or ArgumentParser's own usage errors).
struct CLIError: Error, CustomStringConvertible {
    /// sysexits(3).
    enum Code: Int32 {
        /// The command was used wrongly (an unknown slot id, conflicting options).
        case usage = 64
        /// The input was wrong: an agenda, theme or schedule that does not parse.
        case dataError = 65
        /// An input file does not exist or cannot be read.
        case noInput = 66
        /// Something went wrong that is not the user's doing.
        case software = 70
        /// The system refused: no terminal, no signals, no memory.
        case osError = 71
        /// An output file cannot be created.
        case cantCreate = 73
        /// Reading or writing failed (a full disk, a damaged session).
        case ioError = 74
        /// Permission denied.
        case noPermission = 77
    }

    var message: String
    var code: Code

    init(_ message: String, code: Code) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    /// Prints the message (when there is one: a command that already printed its diagnostics
    /// throws an empty one) and exits with the code.
    func report() -> Never {
        // Escaped: a message quotes paths, ids and values from the user's files.
        if !message.isEmpty { Console.error("gavel: " + message) }
        exit(code.rawValue)
    }
}

extension CLIError {
    /// The exit code for a session file that was refused.
    static func code(for error: SessionStoreError) -> Code {
        switch error {
        case .readOnly, .viewOnly: .noPermission
        case .notAGavelSession, .newerSchema, .corrupt: .dataError
        case .locked, .diskFull, .failed: .ioError
        }
    }
}
