import ArgumentParser
import GavelTUI

/// `gavel notes AGENDA`: a note-taker's view attached to the session the chair runs. Notes are
/// saved to the shared session file as they are entered; the line being typed is kept as a draft.
struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Take notes on an agenda's session from another terminal.",
        discussion: """
        Opens the session file the chair's `gavel run` uses (STEM.gavel beside the agenda, or \
        --session PATH). Each note is saved, on disk, when Enter is pressed; the unfinished line \
        is kept too and comes back after a crash. Several note-takers can write at the same time.
        """
    )

    @OptionGroup var options: SessionOptions

    @Option(help: "The name notes are recorded under (default: your login name).")
    var by: String?

    func run() throws {
        try ViewLauncher.launch(agendaPath: options.agenda, sessionPath: options.session, view: .notes, role: .notes,
                                slot: nil, theme: options.theme, by: by, summaryMode: options.summaryMode)
    }
}
