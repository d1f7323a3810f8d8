import ArgumentParser

/// What every view of a session is opened with: `gavel run`, `gavel speaker`, `gavel notes`.
struct SessionOptions: ParsableArguments {
    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "The session file (default: beside the agenda, with the extension .gavel).")
    var session: String?

    @Option(help: "The theme (see `gavel themes`).")
    var theme: String?
}
