import Foundation
import GavelCore
import GavelTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GavelWeb

/// Notes from the notes page: a write sent twice (the answer lost, the page offline then back)
/// is recorded once; a page edits and deletes only its own notes; a note over 4 KiB is refused
/// with 413 and a message, and nothing is recorded.
@Suite struct NoteWriteTests {
    static let writer = "0123456789abcdef0123456789abcdef"

    func body(_ fields: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: fields))
    }

    func noteEvents(_ folder: TemporaryFolder) throws -> [SessionEvent.Action] {
        try WebFixtures.events(folder).map(\.action).filter(\.isNoteAction)
    }

    @Test func theSameNoteSentTwiceIsRecordedOnce() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let token = hub.tokens[.notes]!
        let note = try body(["id": "5f0c6e2a9b1d4c3e", "text": "d: ship it", "by": "ada", "writer": Self.writer])
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            try await client.execute(uri: "/api/\(token)/notes", method: .post, body: note) { response in
                #expect(response.status == .created)
                let json = try WebFixtures.json(String(buffer: response.body))
                #expect(json["recorded"] as? Bool == true)
            }
            for _ in 0..<3 {
                try await client.execute(uri: "/api/\(token)/notes", method: .post, body: note) { response in
                    #expect(response.status == .ok, "a resend is answered as a success, so the page drops it from its queue")
                    let json = try WebFixtures.json(String(buffer: response.body))
                    #expect(json["recorded"] as? Bool == false)
                }
            }
        }
        let added = try noteEvents(folder)
        #expect(added == [.noteAdded(id: "5f0c6e2a9b1d4c3e", slot: "x86", topic: "avic", text: "d: ship it", by: "ada")],
                "one event, on the topic open when it was written")
    }

    @Test func aQueuedNoteKeepsTheTopicItWasTypedOn() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        try await hub.perform { try $0.command(.toggle) }
        try await hub.perform { try $0.command(.next) }
        // Typed during AVIC while offline, sent after the chair moved on.
        let recorded = try await hub.perform {
            try $0.addNote(id: "aaaaaaaa-1111", text: "late", slot: "x86", topic: "avic", by: "", writer: Self.writer)
        }
        #expect(recorded)
        let bad = await #expect(throws: WebRequestError.self) {
            try await hub.perform { try $0.addNote(id: "aaaaaaaa-2222", text: "x", slot: "x86", topic: "gone", by: "", writer: Self.writer) }
        }
        #expect(bad?.status == 400)
        #expect(try noteEvents(folder) == [.noteAdded(id: "aaaaaaaa-1111", slot: "x86", topic: "avic", text: "late", by: "web")])
    }

    @Test func aPageEditsAndDeletesOnlyItsOwnNotes() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        try await hub.perform { try $0.addNote(id: "note-of-ada", text: "first", slot: nil, topic: nil, by: "ada", writer: Self.writer) }
        // A note the chair typed in the terminal.
        try await hub.perform { try $0.live?.record(.noteAdded(id: "chairs-note", slot: "x86", topic: "avic", text: "mine", by: "chair"), at: WebFixtures.t0) }
        let other = String(repeating: "f", count: 32)
        let token = hub.tokens[.notes]!
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            try await client.execute(uri: "/api/\(token)/notes/note-of-ada", method: .post,
                                     body: try body(["text": "stolen", "writer": other])) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/\(token)/notes/chairs-note", method: .post,
                                     body: try body(["text": "stolen", "writer": Self.writer])) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/\(token)/notes/chairs-note/delete", method: .post,
                                     body: try body(["writer": Self.writer])) { #expect($0.status == .notFound) }
            for _ in 0..<2 {
                try await client.execute(uri: "/api/\(token)/notes/note-of-ada", method: .post,
                                         body: try body(["text": "second", "writer": Self.writer])) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/\(token)/notes/note-of-ada/delete", method: .post,
                                         body: try body(["writer": Self.writer])) { #expect($0.status == .ok) }
            }
        }
        #expect(try noteEvents(folder) == [
            .noteAdded(id: "note-of-ada", slot: "x86", topic: "avic", text: "first", by: "ada"),
            .noteAdded(id: "chairs-note", slot: "x86", topic: "avic", text: "mine", by: "chair"),
            .noteEdited(id: "note-of-ada", text: "second", undo: false, base: 0),
            .noteDeleted(id: "note-of-ada"),
        ], "each change once; nothing of anybody else's")
    }

    @Test func aNoteOver4KiBIsRefusedWith413AndAMessage() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let token = hub.tokens[.notes]!
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            let exact = String(repeating: "é", count: 2048)  // 4096 bytes
            try await client.execute(uri: "/api/\(token)/notes", method: .post,
                                     body: try body(["id": "exactly-4096", "text": exact, "writer": Self.writer])) {
                #expect($0.status == .created)
            }
            let over = exact + "x"
            try await client.execute(uri: "/api/\(token)/notes", method: .post,
                                     body: try body(["id": "over-4096-b", "text": over, "writer": Self.writer])) { response in
                #expect(response.status == .contentTooLarge)
                let message = String(buffer: response.body)
                #expect(message.contains("at most 4 KiB") && message.contains("4097"))
            }
            let huge = String(repeating: "x", count: 40_000)
            try await client.execute(uri: "/api/\(token)/notes", method: .post,
                                     body: ByteBuffer(string: #"{"id":"huge-body-1","writer":"\#(Self.writer)","text":"\#(huge)"}"#)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/\(token)/notes", method: .post, body: ByteBuffer(string: "not json")) {
                #expect($0.status == .badRequest)
            }
        }
        #expect(try noteEvents(folder).count == 1)
    }

    @Test func theRemoteSteersTheClock() async throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock(WebFixtures.t0)
        let hub = try WebFixtures.hub(folder, clock: clock)
        defer { hub.stop() }
        let token = hub.tokens[.remote]!
        try await Application(router: WebRoutes.router(hub: hub)).test(.router) { client in
            for command in ["toggle", "plus", "plus", "minus", "next", "previous"] {
                clock.advance(1)
                try await client.execute(uri: "/api/\(token)/command", method: .post,
                                         body: ByteBuffer(string: #"{"command":"\#(command)"}"#)) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/api/\(token)/command", method: .post, body: ByteBuffer(string: #"{"command":"end"}"#)) {
                #expect($0.status == .badRequest)
            }
        }
        let events = try WebFixtures.events(folder).filter { !["clockBase", "clockJump"].contains($0.action.name) }
        #expect(events.map(\.action.name) == ["start", "adjust", "adjust", "adjust", "next", "previous"])
        #expect(events.allSatisfy { $0.role == .remote }, "recorded in the remote's role")
    }
}
