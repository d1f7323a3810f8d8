import ArgumentParser
import Foundation
import GavelCore

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
        print(PlanTable.render(loaded.agenda), terminator: "")
    }
}

/// Loads an agenda for a command, turning its problems into `FILE:LINE: message` and exit 65.
enum AgendaLoading {
    static func load(_ path: String) throws -> AgendaParser.Result {
        do {
            let result = try AgendaParser.load(path: path)
            for warning in result.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            return result
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(65)
        }
    }
}
