import ArgumentParser
import GavelSummary

/// What every view of a session is opened with: `gavel run`, `gavel speaker`, `gavel notes`.
struct SessionOptions: ParsableArguments {
    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "The session file (default: beside the agenda, with the extension .gavel).")
    var session: String?

    @Option(help: "The theme (see `gavel themes`).")
    var theme: String?

    @Option(help: ArgumentHelp(
        "Permissions of the summaries written when a slot ends, e.g. 644 to let others read them (default: 600, "
            + "as private as the session: files 0600 in a 0700 folder).", valueName: "MODE"),
            transform: SessionOptions.summaryMode)
    var summaryMode: SummaryFileMode = .private

    static func summaryMode(_ text: String) throws -> SummaryFileMode {
        guard let mode = SummaryFileMode(octal: text) else {
            throw ValidationError("give octal read/write permissions that let you read and "
                                  + "write the files, such as 600 (private), 640 or 644")
        }
        return mode
    }
}
