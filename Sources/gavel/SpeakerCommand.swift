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

    @OptionGroup var options: SessionOptions

    func run() throws {
        try ViewLauncher.launch(agendaPath: options.agenda, sessionPath: options.session, view: .speaker, role: .speaker,
                                slot: nil, theme: options.theme, by: nil)
    }
}
