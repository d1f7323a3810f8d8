import ArgumentParser
import GavelTUI

/// `gavel run AGENDA`: the chair console (or another view) on the agenda's session.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the session of an agenda in this terminal.",
        discussion: """
        Opens the chair console (or --view speaker|notes; `v` cycles them). Without --slot the \
        slot scheduled for now is shown, else the first one not yet ended. Press ? for the keys.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "The slot to open (its id).")
    var slot: String?

    @Option(help: "The view to start in: chair, speaker or notes.")
    var view: ViewKind = .chair

    @Option(help: "The theme (see `gavel themes`).")
    var theme: String?

    @Option(help: "The session file (default: beside the agenda).")
    var session: String?

    @Option(help: "The name notes are recorded under (default: your login name).")
    var by: String?

    @Flag(help: "Start the current topic's clock at launch, unless it is already running (a paused one resumes).")
    var start = false

    func run() throws {
        try ViewLauncher.launch(agendaPath: agenda, sessionPath: session, view: view, readOnly: false,
                                slot: slot, theme: theme, by: by, startTopic: start)
    }
}
