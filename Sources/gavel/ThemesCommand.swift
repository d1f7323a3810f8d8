import ArgumentParser
import GavelTUI

/// `gavel themes`: the themes to pick from with `--theme` or `t`.
struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the colour themes: built-in ones and yours.",
        discussion: "Your own themes are TOML files in $XDG_CONFIG_HOME/gavel/themes (default ~/.config/gavel/themes)."
    )

    func run() throws {
        let catalog = ThemeCatalog()
        var broken = false
        for name in catalog.names() {
            let origin = catalog.origin(name) ?? ""
            do {
                let theme = try catalog.load(name)
                let extras = [theme.flash ? "flash" : nil, theme.bell ? "bell" : nil, theme.bold ? "bold" : nil].compactMap { $0 }
                print("\(name.padding(toLength: max(12, name.count), withPad: " ", startingAt: 0))  \(origin)  \(extras.joined(separator: " "))")
            } catch {
                broken = true
                print("\(name.padding(toLength: max(12, name.count), withPad: " ", startingAt: 0))  \(origin)  BROKEN")
                print(error.description)
            }
        }
        if let dir = catalog.userDirectory { print("(your themes: \(dir)/NAME.toml)") }
        if broken { throw ExitCode(65) }
    }
}
