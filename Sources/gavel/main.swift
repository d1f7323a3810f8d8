import ArgumentParser
import Foundation
import GavelCore

struct Gavel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gavel",
        abstract: "Run a conference track from the chair: agenda, countdowns, notes and summaries.",
        version: GavelVersion.string,
        subcommands: [Check.self, Run.self, Demo.self, MessageCommand.self, Themes.self, PlanTrack.self, ImportSchedule.self, ExportAgenda.self, SpeakerCommand.self, NotesCommand.self, SummaryCommand.self, ServeCommand.self, LinksCommand.self]
    )
}

do {
    var command = try Gavel.parseAsRoot()
    try command.run()
} catch let error as CLIError {
    error.report()
} catch {
    Gavel.exit(withError: error)
}
