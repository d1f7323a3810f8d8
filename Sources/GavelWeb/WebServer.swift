import Foundation
import Hummingbird
import Logging

/// The companion's HTTP server (Hummingbird 2 over SwiftNIO, on NIO's own threads) in front of a
/// `SessionHub`.
public struct WebServer: Sendable {
    /// Where to listen: `host` "0.0.0.0" (the default: every IPv4 address of the machine, and so
    /// its LAN addresses) or one address such as "127.0.0.1" for an ssh tunnel.
    public struct Listen: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public static let defaultPort = 8470

        public init(host: String = "0.0.0.0", port: Int = Listen.defaultPort) {
            self.host = host
            self.port = port
        }

        /// Reads `ADDR:PORT`, `[IPV6]:PORT` or `PORT`.
        public static func parse(_ text: String) -> Listen? {
            var host = "0.0.0.0"
            var portText = Substring(text)
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else { return nil }
                host = String(text[text.index(after: text.startIndex)..<close])
                let rest = text[text.index(after: close)...]
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            } else if let colon = text.lastIndex(of: ":") {
                host = String(text[..<colon])
                portText = text[text.index(after: colon)...]
            }
            guard !host.isEmpty, !host.contains(" "), let port = Int(portText), (0...65535).contains(port) else { return nil }
            return Listen(host: host, port: port)
        }

        public var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    public let hub: SessionHub
    public let listen: Listen
    public let theme: WebTheme
    /// A connection with no request in progress is closed after this long (slowloris).
    public let idleTimeout: Duration
    public let limiter: FailedAttempts

    public init(hub: SessionHub, listen: Listen, theme: WebTheme = .standard, idleTimeout: Duration = .seconds(30),
                limiter: FailedAttempts = FailedAttempts()) {
        self.hub = hub
        self.listen = listen
        self.theme = theme
        self.idleTimeout = idleTimeout
        self.limiter = limiter
    }

    public func makeApplication(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "gavel-web")
        logger.logLevel = .critical
        return Application(
            router: WebRoutes.router(hub: hub, theme: theme, limiter: limiter),
            server: .http1(configuration: .init(idleTimeout: .init(idleTimeout))),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? listen.port) },
            logger: logger
        )
    }

    /// Serves until the task is cancelled. Throws `WebServerError.addressInUse` when the port is
    /// taken, `.cannotListen` for any other failure to bind.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        hub.start()
        defer { hub.stop() }
        do {
            try await makeApplication(onRunning: onRunning).run()
        } catch is CancellationError {
            return
        } catch {
            throw WebServerError.from(error, listen: listen)
        }
    }
}

public enum WebServerError: Error, Equatable, CustomStringConvertible {
    case addressInUse(WebServer.Listen)
    case cannotListen(WebServer.Listen, String)

    static func from(_ error: Error, listen: WebServer.Listen) -> WebServerError {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
            return .addressInUse(listen)
        }
        return .cannotListen(listen, text)
    }

    public var description: String {
        switch self {
        case .addressInUse(let listen):
            "cannot listen on \(listen): the port is taken (is another gavel serving?); pick another with --listen ADDR:PORT"
        case .cannotListen(let listen, let detail):
            "cannot listen on \(listen): \(detail)"
        }
    }
}
