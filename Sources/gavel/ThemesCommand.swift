import ArgumentParser
import GavelTerminalText
import GavelTUI

/// `gavel themes`: the themes to pick from with `--theme` or `t`.
struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named, not derived from the type's name (reflection, 1.5-4.8 M instructions a start).
        commandName: "themes",
        abstract: "List the colour themes: built-in ones and yours.",
        discussion: "Your own themes are TOML files in $XDG_CONFIG_HOME/gavel/themes (default ~/.config/gavel/themes)."
    )

    func run() throws {
        let catalog = ThemeCatalog()
        var broken = false
        // Theme names come from file names, which anybody who can write the folder chooses: every
        // line goes out through Console, escaped, and is aligned by what the terminal shows.
        func line(_ name: String, _ rest: String) {
            let shown = TerminalText.escaped(name)
            let pad = String(repeating: " ", count: max(0, 12 - TextWidth.of(shown)))
            Console.out(shown + pad + "  " + rest + "\n")
        }
        for name in catalog.names() {
            let origin = catalog.origin(name) ?? ""
            do {
                let theme = try catalog.load(name)
                let extras = [theme.flash ? "flash" : nil, theme.bell ? "bell" : nil, theme.bold ? "bold" : nil].compactMap { $0 }
                line(name, "\(origin)  \(extras.joined(separator: " "))")
            } catch {
                broken = true
                line(name, "\(origin)  BROKEN")
                for d in error.diagnostics { Console.out(d.description + "\n") }
            }
        }
        if let dir = catalog.userDirectory { Console.out("(your themes: \(dir)/NAME.toml)\n") }
        if broken { throw ExitCode(65) }
    }
}
