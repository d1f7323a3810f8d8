import ArgumentParser
import Foundation
import GavelCore
import GavelStore
import GavelTUI
import GavelWeb
#if canImport(Glibc)
import Glibc
#endif

/// Starting the web companion from the executable: `gavel serve` in the foreground, `gavel run
/// --serve` in the background of the chair's console. Either way the server has its own session
/// connection and threads (see `SessionHub`).
enum WebServing {
    /// A server running in this process.
    final class Running: @unchecked Sendable {
        let port: Int
        let bases: [String]
        let sessionPath: String
        private let task: Task<Void, Never>

        init(port: Int, bases: [String], sessionPath: String, task: Task<Void, Never>) {
            self.port = port
            self.bases = bases
            self.sessionPath = sessionPath
            self.task = task
        }

        /// Stops serving and takes the server's entry out of the session file.
        func stop() {
            task.cancel()
            try? SessionStore(path: sessionPath).unregisterWebServer(pid: getpid())
        }
    }

    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<Int, Error>?
        let ready = DispatchSemaphore(value: 0)

        func set(_ result: Result<Int, Error>) {
            let first = lock.withLock { () -> Bool in
                guard value == nil else { return false }
                value = result
                return true
            }
            if first { ready.signal() }
        }

        var result: Result<Int, Error>? { lock.withLock { value } }
    }

    /// Opens the session for the server, binds, and returns once it listens. Throws a message for
    /// the user (the port taken, the session refused).
    static func start(agenda: Agenda, agendaPath: String, sessionPath: String, listen: WebServer.Listen, theme: Theme) throws -> Running {
        signal(SIGPIPE, SIG_IGN)
        let hub: SessionHub
        do {
            hub = try SessionHub(agenda: agenda, sessionPath: sessionPath)
            if let file = AgendaFile(path: agendaPath, zone: agenda.timeZone) {
                hub.agendaReload = .init(descriptor: file.descriptor, acknowledge: { file.acknowledge() },
                                         load: { try? file.load().get() })
            }
        } catch let error as SessionStoreError {
            throw ViewLauncher.fail("cannot open the session for the web server: \(error)", code: CLIError.code(for: error))
        } catch {
            throw ViewLauncher.fail("cannot open the session for the web server: \(error)", code: .ioError)
        }
        let server = WebServer(hub: hub, listen: listen, theme: webTheme(theme))
        let outcome = Outcome()
        let task = Task.detached {
            do {
                try await server.run(onRunning: { port in outcome.set(.success(port)) })
                outcome.set(.failure(WebServerError.cannotListen(listen, "the server stopped")))
            } catch {
                outcome.set(.failure(error))
            }
        }
        guard outcome.ready.wait(timeout: .now() + 15) == .success, let result = outcome.result else {
            task.cancel()
            throw ViewLauncher.fail("the web server did not start listening on \(listen) within 15 s", code: .osError)
        }
        switch result {
        case .failure(let error):
            task.cancel()
            // A port that is taken, an address the machine does not have: the system refused.
            throw ViewLauncher.fail(String(describing: error), code: .osError)
        case .success(let port):
            let bases = WebLinks.bases(for: WebServer.Listen(host: listen.host, port: port))
            do {
                try SessionStore(path: sessionPath).registerWebServer(pid: getpid(), urls: bases)
            } catch {
                task.cancel()
                throw ViewLauncher.fail("cannot note the server in the session file: \(error)", code: .ioError)
            }
            return Running(port: port, bases: bases, sessionPath: sessionPath, task: task)
        }
    }

    /// The terminal theme's colours as CSS, so the phone shows what the projector shows; a colour
    /// the terminal leaves to its default gets the web's standard one.
    static func webTheme(_ theme: Theme) -> WebTheme {
        var colors: [String: String] = [:]
        for role in ColorRole.allCases {
            if let css = css(theme.color(role)) { colors[role.rawValue] = css }
        }
        return WebTheme(name: theme.name, colors: colors)
    }

    /// xterm's 16 colours.
    static let palette = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
                          "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]

    static func css(_ color: ThemeColor) -> String? {
        switch color {
        case .terminalDefault: return nil
        case .named(let i): return palette.indices.contains(i) ? palette[i] : nil
        case .rgb(let r, let g, let b):
            func hex(_ v: UInt8) -> String { v < 16 ? "0" + String(v, radix: 16) : String(v, radix: 16) }
            return "#" + hex(r) + hex(g) + hex(b)
        }
    }

    /// Reads `--listen`/`--serve`: `ADDR:PORT`, `[IPV6]:PORT` or `PORT`.
    static func listen(_ text: String, option: String) throws -> WebServer.Listen {
        guard let listen = WebServer.Listen.parse(text) else {
            throw ValidationError("\(option) \(text): expected PORT, ADDR:PORT or [IPV6]:PORT, with PORT 0-65535 (e.g. --listen 127.0.0.1:8470)")
        }
        return listen
    }
}
