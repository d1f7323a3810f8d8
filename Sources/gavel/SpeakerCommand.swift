import ArgumentParser
import GavelTUI

/// `gavel speaker AGENDA`: the big countdown for the projector or the speaker's screen, attached to
/// the session the chair runs (from another terminal, or over ssh on the same machine).
struct SpeakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speaker",
        abstract: "Show the speaker view of an agenda's session; it follows the chair.",
        discussion: """
        Opens the session file the chair's `gavel run` uses (STEM.gavel beside the agenda, or \
        --session PATH) and shows the current topic's countdown, following every change within a \
        quarter of a second. No key in this view changes the session: nobody at the projector can \
        skip a topic by accident. q quits.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "The session file (default: beside the agenda, with the extension .gavel).")
    var session: String?

    @Option(help: "The theme (see `gavel themes`).")
    var theme: String?

    func run() throws {
        try ViewLauncher.launch(agendaPath: agenda, sessionPath: session, view: .speaker, readOnly: true,
                                slot: nil, theme: theme, by: nil)
    }
}
