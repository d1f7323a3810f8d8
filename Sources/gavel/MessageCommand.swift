import ArgumentParser
import Foundation
import GavelCore
import GavelStore

/// `gavel message AGENDA "TEXT"` / `--clear`: shows the speaker a message (or clears it) from a
/// shell, for scripts and a co-chair's terminal: the same event as the chair's `m`, so every
/// speaker view (terminal and browser) shows it at once.
struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Show the speaker a message, or clear it (--clear).",
        discussion: """
        Records the message in the session the chair runs; every speaker view shows it, large, \
        until it is cleared or the topic changes. The preset messages are [defaults] messages in \
        the agenda; any text will do.
        """
    )

    @OptionGroup var options: SessionOptions

    @Argument(help: "What the speaker is shown.")
    var text: String?

    @Flag(help: "Clear the message shown.")
    var clear = false

    @Option(help: "The name the message is recorded under (default: your login name).")
    var by: String?

    func validate() throws {
        if clear == (text != nil) { throw ValidationError("give the message's text, or --clear (not both)") }
    }

    func run() throws {
        let agenda: Agenda
        do {
            agenda = try AgendaLoading.load(options.agenda).agenda
        } catch {
            throw CLIError("", code: .dataError)
        }
        let path = SessionOpening.path(agendaPath: options.agenda, sessionPath: options.session)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(path): no session yet; start it with gavel run \(options.agenda)", code: .noInput)
        }
        let outcome: LiveSession.Outcome
        do {
            let store = try SessionStore(path: path)
            let live = try LiveSession(agenda: agenda, log: store, clock: SystemClock(), author: by ?? ViewLauncher.loginName,
                                       role: .shell)
            outcome = try live.perform(.message(clear ? nil : text), at: live.clock.now())
        } catch let error as SessionStoreError {
            throw CLIError("cannot record in the session: \(error)", code: CLIError.code(for: error))
        } catch {
            throw CLIError("cannot record in the session: \(error)", code: .ioError)
        }
        switch outcome.answer {
        case .recorded: break
        case .refused(let why): throw CLIError(why, code: .usage)
        case .asked: throw CLIError("the message needs a question answered at the chair's console", code: .usage)
        }
    }
}
