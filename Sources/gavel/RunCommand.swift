import ArgumentParser
import GavelTUI
import GavelWeb

/// `gavel run AGENDA`: the chair console (or another view) on the agenda's session.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named, not derived from the type's name (reflection, 1.5-4.8 M instructions a start).
        commandName: "run",
        abstract: "Run the session of an agenda in this terminal.",
        discussion: """
        Opens the chair console (or --view speaker|notes; `v` cycles them). Without --slot it \
        shows the slot last opened or started while it runs, else the one scheduled for now, else \
        the one that just ended, else the first not yet ended. Press ? for the keys.
        """
    )

    @OptionGroup var options: SessionOptions

    @Option(help: "The slot to open (its id).")
    var slot: String?

    @Option(help: "The view to start in: chair, speaker or notes.")
    var view: ViewKind = .chair

    @Option(help: "The name notes are recorded under (default: your login name).")
    var by: String?

    @Flag(help: "Start the current topic's clock at launch, unless it is already running (a paused one resumes).")
    var start = false

    @Option(help: "Also serve the web pages (speaker, notes, chair remote, feed) on [ADDR:]PORT; `gavel links` prints them.")
    var serve: String?

    func validate() throws {
        if let serve { _ = try WebServing.listen(serve, option: "--serve") }
    }

    func run() throws {
        try ViewLauncher.launch(agendaPath: options.agenda, sessionPath: options.session, view: view, role: .chair,
                                slot: slot, theme: options.theme, by: by, startTopic: start,
                                summaryMode: options.summaryMode,
                                serve: try serve.map { try WebServing.listen($0, option: "--serve") })
    }
}
