import Foundation
import GRDB

/// What the web companion keeps in the session file (tables of migration "v3-web-links"): the
/// links' secret tokens, the servers running on the session, and which page wrote each web note.
/// Every write rings the change bell, so a running server sees renewed tokens at once.
extension SessionStore {
    /// A server process on this session and the base URLs it listens on.
    public struct WebServerEntry: Sendable, Equatable {
        public var pid: Int32
        public var urls: [String]
        public var startedAt: Date
    }

    /// The tokens by role, as stored (missing roles are absent).
    public func webTokens() throws -> [String: String] {
        do {
            return try files.reading { db in
                var tokens: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT role, token FROM web_link") {
                    tokens[row["role"]] = row["token"]
                }
                return tokens
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// The tokens of `roles`, creating with `make` those the file does not have yet (two processes
    /// doing it at once agree: the first one written wins).
    public func ensureWebTokens(roles: [String], make: () -> String) throws -> [String: String] {
        let existing = try webTokens()
        let missing = roles.filter { existing[$0] == nil }
        guard !missing.isEmpty else { return existing }
        let now = Date().timeIntervalSince1970
        let fresh = missing.map { ($0, make()) }
        try write { db in
            for (role, token) in fresh {
                try db.execute(sql: "INSERT OR IGNORE INTO web_link (role, token, created_at) VALUES (?, ?, ?)",
                               arguments: [role, token, now])
            }
        }
        return try webTokens()
    }

    /// Replaces the tokens of `roles` with new ones from `make`: the old links stop working.
    public func renewWebTokens(roles: [String], make: () -> String) throws -> [String: String] {
        let now = Date().timeIntervalSince1970
        let fresh = roles.map { ($0, make()) }
        try write { db in
            for (role, token) in fresh {
                try db.execute(sql: "INSERT OR REPLACE INTO web_link (role, token, created_at) VALUES (?, ?, ?)",
                               arguments: [role, token, now])
            }
        }
        return try webTokens()
    }

    /// Notes that `pid` serves the session at `urls`.
    public func registerWebServer(pid: Int32, urls: [String]) throws {
        let json = String(decoding: try JSONEncoder().encode(urls), as: UTF8.self)
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO web_server (pid, urls, started_at) VALUES (?, ?, ?)",
                           arguments: [Int64(pid), json, Date().timeIntervalSince1970])
        }
    }

    public func unregisterWebServer(pid: Int32) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM web_server WHERE pid = ?", arguments: [Int64(pid)])
        }
    }

    /// Every server entry, oldest first (a process killed without cleaning up leaves one behind:
    /// callers check whether the pid still runs).
    public func webServers() throws -> [WebServerEntry] {
        do {
            let rows = try files.reading { db in
                try Row.fetchAll(db, sql: "SELECT pid, urls, started_at FROM web_server ORDER BY started_at")
            }
            return rows.map { row in
                let json: String = row["urls"]
                let urls = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
                let pid: Int64 = row["pid"]
                let started: Double = row["started_at"]
                return WebServerEntry(pid: Int32(truncatingIfNeeded: pid), urls: urls,
                                      startedAt: Date(timeIntervalSince1970: started))
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// The secret of the page that added `note` from the web, if it was added from the web.
    public func webNoteWriter(note: String) throws -> String? {
        do {
            return try files.reading { db in
                try String.fetchOne(db, sql: "SELECT writer FROM web_note_writer WHERE note = ?", arguments: [note])
            }
        } catch {
            throw SessionStoreError.from(error, path: path)
        }
    }

    /// Remembers which page added `note` (kept if already known: the first writer owns it).
    public func setWebNoteWriter(note: String, writer: String) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO web_note_writer (note, writer) VALUES (?, ?)",
                           arguments: [note, writer])
        }
    }
}
