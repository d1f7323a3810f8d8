import Foundation
import GavelStore
#if canImport(Glibc)
import Glibc
#endif

/// The full URLs of the links: a server's base URL and each role's path with its token.
public enum WebLinks {
    /// `http://HOST:PORT` for a listening address (IPv6 in brackets).
    public static func base(host: String, port: Int) -> String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    public static func url(base: String, role: WebRole, token: String) -> String {
        base + role.path(token: token)
    }

    /// The link as a QR code stores it best: scheme, host and the role letter in capitals (they
    /// mean the same in capitals; the token is already), so the whole link is alphanumeric.
    public static func qrText(base: String, role: WebRole, token: String) -> String {
        url(base: base, role: role, token: token).uppercased()
    }

    /// The base URLs a server listening on `listen` is reached at: the machine's non-loopback
    /// IPv4 addresses (its LAN addresses) for the wildcard, loopback last; else the one address.
    public static func bases(for listen: WebServer.Listen) -> [String] {
        guard listen.isWildcard else { return [base(host: listen.host, port: listen.port)] }
        return (lanAddresses() + ["127.0.0.1"]).map { base(host: $0, port: listen.port) }
    }

    /// The machine's IPv4 addresses that are up and not loopback.
    public static func lanAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var out: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                  flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !out.contains(text) { out.append(text) }
            }
        }
        return out
    }

    /// Whether `pid` is a running gavel (a server entry left by a killed process is not).
    public static func isRunningGavel(pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return true }
        return comm.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("gavel")
    }
}

/// The links of a session as `gavel links` and the chair console show them.
public struct SessionLinks: Sendable, Equatable {
    /// Base URLs of the servers running on the session; when none runs, those a server with the
    /// default options would have.
    public var bases: [String]
    /// Whether a server runs on the session now.
    public var serverRunning: Bool
    public var tokens: WebTokens

    public init(bases: [String], serverRunning: Bool, tokens: WebTokens) {
        self.bases = bases
        self.serverRunning = serverRunning
        self.tokens = tokens
    }

    /// The full URL of `role` on the first (or the given) base.
    public func url(_ role: WebRole, base: String? = nil) -> String? {
        guard let token = tokens[role], let base = base ?? bases.first else { return nil }
        return WebLinks.url(base: base, role: role, token: token)
    }

    /// What a QR code of `role` stores (see `WebLinks.qrText`).
    public func qrText(_ role: WebRole) -> String? {
        guard let token = tokens[role], let base = bases.first else { return nil }
        return WebLinks.qrText(base: base, role: role, token: token)
    }
}

extension WebLinks {
    /// Reads (making them when missing, or new ones with `renew`) the tokens of `store`, and the
    /// base URLs of the servers running on it.
    public static func read(_ store: SessionStore, renew: Bool = false) throws -> SessionLinks {
        let roles = WebRole.allCases.map(\.rawValue)
        let stored = renew ? try store.renewWebTokens(roles: roles, make: WebToken.make)
                           : try store.ensureWebTokens(roles: roles, make: WebToken.make)
        var bases: [String] = []
        for server in try store.webServers() where isRunningGavel(pid: server.pid) {
            for base in server.urls where !bases.contains(base) { bases.append(base) }
        }
        let running = !bases.isEmpty
        if !running { bases = WebLinks.bases(for: WebServer.Listen()) }
        return SessionLinks(bases: bases, serverRunning: running, tokens: SessionHub.tokens(stored))
    }
}
