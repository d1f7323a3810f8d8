import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText

/// `gavel check AGENDA`: validate an agenda and print its plan.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate an agenda file and print its plan as a table.",
        discussion: """
        Prints every slot with its start, topics, speakers and planned minutes, and each slot's \
        total against its length. Problems are reported as FILE:LINE: message; an invalid agenda \
        exits with status 65, an overbooked slot is only a warning.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    func run() throws {
        let loaded = try AgendaLoading.load(agenda)
        Console.out(PlanTable.render(loaded.agenda))
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
