import ArgumentParser
import Foundation
import GavelCore
import GavelStore
import GavelTerminalText

/// `gavel check AGENDA`: validate an agenda and print its plan.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named, not derived from the type's name (reflection, 1.5-4.8 M instructions a start).
        commandName: "check",
        abstract: "Validate an agenda file and print its plan as a table.",
        discussion: """
        Prints every slot with its start, topics, speakers and planned minutes, and each slot's \
        total against its length. Problems are reported as FILE:LINE: message; an invalid agenda \
        exits with status 65, an overbooked slot is only a warning.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Flag(name: .customLong("session"), help: "Also read the session beside the agenda (or --session-file) and name the ids it has that the agenda lost.")
    var withSession = false

    @Option(name: .customLong("session-file"), help: "The session file to read with --session (default: beside the agenda).")
    var sessionFile: String?

    func run() throws {
        let loaded = try AgendaLoading.load(agenda)
        Console.out(PlanTable.render(loaded.agenda))
        guard withSession || sessionFile != nil else { return }
        let path = SessionOpening.path(agendaPath: agenda, sessionPath: sessionFile)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(path): no session file yet (nothing to compare with the agenda)", code: .noInput)
        }
        let session: Session
        let store: SessionStore
        let events: [SessionEvent]
        do {
            store = try SessionStore(path: path, readOnly: true)
            var agenda = loaded.agenda
            if !agenda.namesTimeZone, let id = store.timeZoneIdentifier, let zone = TimeZone(identifier: id),
               let again = try? AgendaParser.load(path: self.agenda, defaultTimeZone: zone) {
                agenda = again.agenda
            }
            events = try store.allEvents()
            session = Session(agenda: agenda, events: events)
        } catch {
            throw CLIError("cannot read the session: \(error)", code: .ioError)
        }
        let orphans = session.orphans
        for orphan in orphans { Console.error("\(agenda): warning: \(orphan.message)") }
        Console.out("\(path): \(session.eventCount) events, \(session.noteOrder.count) notes; "
                    + (orphans.isEmpty ? "every id it names is on the agenda" : "\(orphans.count) id(s) it names are not on the agenda"))
        CommandEnd.success(keeping: (store, events, session, loaded))
    }
}

/// Loads an agenda for a command, turning its problems into `FILE:LINE: message` and exit 65.
enum AgendaLoading {
    static func load(_ path: String) throws -> AgendaParser.Result {
        do {
            let result = try AgendaParser.load(path: path)
            Console.error(result.warnings)
            return result
        } catch {
            Console.error(error.diagnostics)
            throw ExitCode(65)
        }
    }
}
