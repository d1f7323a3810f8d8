import Foundation
import GavelCore
import GavelTestSupport
import GavelStore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GavelWeb

/// The hub follows the session file like any other view: a change another process records reaches
/// every subscribed page; a renewed token stops the old links at once; the stream sends the state
/// first, then changes.
@Suite struct SessionHubTests {
    /// The next state an update stream delivers (keep-alives skipped), within `seconds`.
    func nextState(_ iterator: inout AsyncStream<SessionHub.Update>.Iterator, within seconds: Double = 5) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let update = await iterator.next() else { break }
            if case .state(let text) = update { return try WebFixtures.json(text) }
        }
        throw CancellationError()
    }

    func currentTopicState(_ json: [String: Any]) -> String? {
        guard let slot = json["slot"] as? [String: Any], let topics = slot["topics"] as? [[String: Any]],
              let current = slot["current"] as? Int else { return nil }
        return (topics[current]["id"] as? String).map { $0 + ":" + (topics[current]["state"] as? String ?? "") }
    }

    @Test func aChangeByAnotherProcessReachesSubscribers() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        var speaker = hub.subscribe(role: .speaker).makeAsyncIterator()
        var notes = hub.subscribe(role: .notes).makeAsyncIterator()
        #expect(currentTopicState(try await nextState(&speaker)) == "avic:ready")
        #expect(try await nextState(&notes)["role"] as? String == "notes")
        #expect(hub.subscriberCount == 2)

        // The chair, in another connection (as another process would be), starts and moves on.
        let chairStore = try SessionStore(path: folder.file("track.gavel"))
        let chair = try LiveSession(agenda: WebFixtures.agenda, log: chairStore, clock: ManualClock(WebFixtures.t0), author: "chair", role: .chair)
        try chair.perform(.toggle, at: WebFixtures.t0)
        #expect(currentTopicState(try await nextState(&speaker)) == "avic:running")
        try chair.perform(.next, at: WebFixtures.t0)
        #expect(currentTopicState(try await nextState(&speaker)) == "markup:running")
        try chair.addNote("<b>bold</b>", slot: "x86", topic: "markup", at: WebFixtures.t0)
        // The notes page may first get the state of the moves (only the newest waits for it).
        var list: [[String: Any]] = []
        for _ in 0..<3 where list.isEmpty {
            list = try await nextState(&notes)["notes"] as? [[String: Any]] ?? []
        }
        #expect(list.first?["text"] as? String == "<b>bold</b>")
    }

    @Test func renewedTokensStopTheOldLinks() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let old = hub.tokens[.speaker]!
        let open = hub.subscribe(role: .speaker, token: old)
        let store = try SessionStore(path: folder.file("track.gavel"))
        _ = try store.renewWebTokens(roles: WebRole.allCases.map(\.rawValue), make: WebToken.make)
        let deadline = Date().addingTimeInterval(5)
        while hub.tokens[.speaker] == old, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let new = try #require(hub.tokens[.speaker])
        #expect(new != old)
        let ended = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in open {}
                return !Task.isCancelled
            }
            group.addTask {
                try await Task.sleep(for: .seconds(5))
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(ended, "the page opened with the old link lost its stream")
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            try await client.execute(uri: "/s/\(old)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/s/\(new)", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func theEventStreamSendsTheStateThenEndsWithTheServer() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        let token = hub.tokens[.feed]!
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            // The stream ends when the hub stops; its body is everything sent until then.
            Task {
                try await Task.sleep(for: .milliseconds(300))
                hub.stop()
            }
            try await client.execute(uri: "/api/\(token)/events", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("retry: 2000\n\nevent: state\ndata: {\"format\":\"gavel-state\""))
                #expect(text.hasSuffix("}\n\n"))
            }
        }
    }
}
