import ArgumentParser
import Foundation
import GavelStore
import GavelTUI
import GavelWeb
#if canImport(Glibc)
import Glibc
#endif

/// `gavel serve AGENDA`: the web companion on its own, beside a running chair (or without one):
/// the speaker, notes and chair-remote pages and the JSON feed, over the agenda's session file.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the session's web pages: speaker, notes, chair remote, JSON feed.",
        discussion: """
        Opens the session file the chair's `gavel run` uses and serves it over HTTP until Ctrl-C. \
        Without --listen it listens on every IPv4 address (port \(WebServer.Listen.defaultPort)) and \
        prints the links for each LAN address; `--listen 127.0.0.1:PORT` keeps it to this machine \
        (for an ssh tunnel). Each link carries its own secret token: see `gavel links`.
        """
    )

    @OptionGroup var options: SessionOptions

    @Option(help: "Where to listen: ADDR:PORT, [IPV6]:PORT or PORT (default: all IPv4 addresses, port \(WebServer.Listen.defaultPort)).")
    var listen: String?

    func validate() throws {
        if let listen { _ = try WebServing.listen(listen, option: "--listen") }
    }

    func run() throws {
        let listenAt = try listen.map { try WebServing.listen($0, option: "--listen") } ?? WebServer.Listen()
        let agenda = try AgendaLoading.load(options.agenda).agenda
        let theme: Theme
        do {
            theme = try ThemeCatalog().initial(requested: options.theme)
        } catch {
            throw ViewLauncher.fail(error.description, code: .dataError)
        }
        let sessionPath = SessionOpening.path(agendaPath: options.agenda, sessionPath: options.session)
        // Ctrl-C, kill and a closed terminal are taken by sigwait below: block them before any
        // thread starts, so every thread inherits the mask and none dies of them.
        var signals = sigset_t()
        sigemptyset(&signals)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, s) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let running = try WebServing.start(agenda: agenda, agendaPath: options.agenda, sessionPath: sessionPath, listen: listenAt, theme: theme)
        var out = "gavel serve: \(sessionPath) on port \(running.port)\n"
        if let links = try? WebLinks.read(SessionStore(path: sessionPath)) {
            out += LinksCommand.linkLines(SessionLinks(bases: running.bases, serverRunning: true, tokens: links.tokens))
        }
        out += "Ctrl-C stops.\n"
        FileHandle.standardOutput.write(Data(out.utf8))

        var received: Int32 = 0
        sigwait(&signals, &received)
        running.stop()
        FileHandle.standardError.write(Data("gavel serve: stopped\n".utf8))
    }
}
