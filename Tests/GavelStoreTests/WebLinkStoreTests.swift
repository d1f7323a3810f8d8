import Foundation
import Testing
@testable import GavelStore

/// The web links' tokens and servers in the session file (migration "v3-web-links").
@Suite struct WebLinkStoreTests {
    final class Counter: @unchecked Sendable {
        var n = 0
        func next() -> String { n += 1; return "TOKEN\(n)" }
    }

    @Test func tokensAreMadeOnceKeptAndRenewedTogether() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("track.gavel")
        let counter = Counter()
        let roles = ["speaker", "notes"]
        let first = try SessionStore(path: path).ensureWebTokens(roles: roles, make: counter.next)
        #expect(first == ["speaker": "TOKEN1", "notes": "TOKEN2"])
        // Another process opening the same file gets the same tokens; nothing new is made.
        let again = try SessionStore(path: path).ensureWebTokens(roles: roles, make: counter.next)
        #expect(again == first && counter.n == 2)
        let renewed = try SessionStore(path: path).renewWebTokens(roles: roles, make: counter.next)
        #expect(renewed == ["speaker": "TOKEN3", "notes": "TOKEN4"])
        #expect(try SessionStore(path: path).webTokens() == renewed)
    }

    @Test func serversAreListedUntilTheyLeave() throws {
        let folder = try TemporaryFolder()
        let store = try SessionStore(path: folder.file("track.gavel"))
        try store.registerWebServer(pid: 4242, urls: ["http://10.0.0.5:8470", "http://127.0.0.1:8470"])
        let servers = try store.webServers()
        #expect(servers.map(\.pid) == [4242])
        #expect(servers.first?.urls == ["http://10.0.0.5:8470", "http://127.0.0.1:8470"])
        try store.unregisterWebServer(pid: 4242)
        #expect(try store.webServers().isEmpty)
    }

    @Test func theFirstPageToWriteANoteOwnsIt() throws {
        let folder = try TemporaryFolder()
        let store = try SessionStore(path: folder.file("track.gavel"))
        #expect(try store.webNoteWriter(note: "n1") == nil)
        try store.setWebNoteWriter(note: "n1", writer: "page-a")
        try store.setWebNoteWriter(note: "n1", writer: "page-b")
        #expect(try store.webNoteWriter(note: "n1") == "page-a")
    }
}
