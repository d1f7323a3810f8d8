import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText
import GavelTUI

/// `gavel demo`: the chair console on a fresh copy of the example microconference.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named, not derived from the type's name (reflection, 1.5-4.8 M instructions a start).
        commandName: "demo",
        abstract: "Try Gavel on a copy of the example microconference in a new temporary folder.",
        discussion: "The example travels inside the binary, so this works from any folder; the folder is printed."
    )

    @Option(help: "The theme (see `gavel themes`).")
    var theme: String?

    func run() throws {
        let base = FileManager.default.temporaryDirectory.path
        let template = base + "/gavel-demo-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw ViewLauncher.fail("cannot make a folder in \(base): \(String(cString: strerror(errno)))", code: .cantCreate)
        }
        let folder = String(cString: made)
        let path = folder + "/" + BundledExample.fileName
        do {
            try Data(BundledExample.source.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ViewLauncher.fail("cannot write \(path): \(error.localizedDescription)", code: .cantCreate)
        }
        Console.out("The example microconference is in \(folder)\n")
        Console.out("Run it again with: gavel run \(path)\n")
        try ViewLauncher.launch(agendaPath: path, sessionPath: nil, view: .chair, role: .chair, slot: nil,
                                theme: theme, by: nil)
        Console.out("The demo's files are in \(folder)\n")
    }
}
