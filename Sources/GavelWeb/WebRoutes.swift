import Foundation
import GavelCore
import HTTPTypes
import Hummingbird

/// The companion's routes. Every path that carries a token answers 404, and changes nothing, when
/// the token is unknown or of another role; an address that sends too many wrong tokens gets 429
/// for a while. Bodies are read up to `maximumBodyBytes`, within `bodyTimeout`.
///
/// ```
/// GET  /s/TOKEN  /n/TOKEN  /r/TOKEN        the speaker, notes and chair-remote pages (or /S/, /N/, /R/)
/// GET  /assets/NAME                        their scripts and styles (no secret in them)
/// GET  /api/TOKEN/state                    the state as JSON (any role's token)
/// GET  /api/TOKEN/events                   the state, then each change (server-sent events)
/// GET  /api/TOKEN/time                     the server's clock, for the page's offset estimate
/// POST /api/TOKEN/notes                    {id, text, slot?, topic?, by, writer}      notes
/// POST /api/TOKEN/notes/ID                 {text, writer}: edit a note of this page   notes
/// POST /api/TOKEN/notes/ID/delete          {writer}: delete a note of this page      notes
/// POST /api/TOKEN/command                  {command: toggle|next|previous|plus|minus|message|clear|rebalance,
///                                           text? (message), confirmed?} remote
/// ```
public enum WebRoutes {
    public static let maximumBodyBytes = 16 * 1024
    static let bodyTimeout: Duration = .seconds(10)

    public static func router(hub: SessionHub, theme: WebTheme = .standard,
                              limiter: FailedAttempts = FailedAttempts()) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders())
        let gate = Gate(hub: hub, limiter: limiter)

        for role in [WebRole.speaker, .notes, .remote] {
            guard let prefix = role.pagePrefix else { continue }
            // Lower case as printed; capitals as a QR code stores the link (see `WebLinks.qrText`).
            for path in [prefix, prefix.uppercased()] {
                router.get("\(path)/:token") { _, context in
                    try gate.check(context, allowed: [role])
                    return html(WebAssets.page(for: role))
                }
            }
        }
        router.get("assets/:name") { _, context in
            guard let name = context.parameters.get("name"), let asset = WebAssets.asset(named: name, theme: theme) else {
                return notFound()
            }
            var headers = HTTPFields()
            headers[.contentType] = asset.contentType
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
        }
        router.get("api/:token/state") { _, context in
            let role = try gate.check(context, allowed: WebRole.allCases)
            return json(hub.currentState(for: role))
        }
        router.get("api/:token/time") { _, context in
            try gate.check(context, allowed: WebRole.allCases)
            return json("{\"serverTimeMs\":\(WebState.milliseconds(hub.clock.now()))}")
        }
        router.get("api/:token/events") { _, context in
            let role = try gate.check(context, allowed: WebRole.allCases)
            return events(hub.subscribe(role: role, token: hub.tokens[role]))
        }
        router.post("api/:token/notes") { request, context in
            try gate.check(context, allowed: [.notes])
            let body = try await decode(NewNote.self, from: request)
            let added = try await hub.perform { try $0.addNote(id: body.id, text: body.text, slot: body.slot, topic: body.topic,
                                                                by: body.by ?? "", writer: body.writer) }
            return json("{\"id\":\(JSONValue.string(body.id).serialized),\"recorded\":\(added)}", status: added ? .created : .ok)
        }
        router.post("api/:token/notes/:id") { request, context in
            try gate.check(context, allowed: [.notes])
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(EditedNote.self, from: request)
            let changed = try await hub.perform { try $0.editNote(id: id, text: body.text, writer: body.writer) }
            return json("{\"id\":\(JSONValue.string(id).serialized),\"recorded\":\(changed)}")
        }
        router.post("api/:token/notes/:id/delete") { request, context in
            try gate.check(context, allowed: [.notes])
            let id = context.parameters.get("id") ?? ""
            let body = try await decode(DeletedNote.self, from: request)
            let changed = try await hub.perform { try $0.deleteNote(id: id, writer: body.writer) }
            return json("{\"id\":\(JSONValue.string(id).serialized),\"recorded\":\(changed)}")
        }
        router.post("api/:token/command") { request, context in
            try gate.check(context, allowed: [.remote])
            let body = try await decode(RemoteCommand.self, from: request)
            guard let command = body.sessionCommand else {
                throw WebRequestError(status: 400, "unknown command \"\(body.command)\"; one of: toggle, next, previous, plus, minus, message, clear, rebalance")
            }
            let confirmed = body.confirmed ?? false
            let result = try await hub.perform { try $0.command(command, confirmed: confirmed) }
            var answer: [(String, JSONValue)] = [("command", .string(body.command))]
            switch result {
            case .recorded: answer += [("recorded", .bool(true)), ("question", .null), ("reason", .null)]
            case .asked(let question): answer += [("recorded", .bool(false)), ("question", .string(question)), ("reason", .null)]
            case .refused(let why): answer += [("recorded", .bool(false)), ("question", .null), ("reason", .string(why))]
            }
            return json(JSONValue.object(answer).serialized)
        }
        return router
    }

    // MARK: - Bodies

    struct NewNote: Decodable {
        var id: String
        var text: String
        var slot: String?
        var topic: String?
        var by: String?
        var writer: String
    }

    struct EditedNote: Decodable {
        var text: String
        var writer: String
    }

    struct DeletedNote: Decodable {
        var writer: String
    }

    struct RemoteCommand: Decodable {
        var command: String
        /// The answer to the question the same command asked.
        var confirmed: Bool?
        /// `message`: what the speaker is shown.
        var text: String?

        var sessionCommand: Session.Command? {
            switch command {
            case "toggle": .toggle
            case "next": .next
            case "previous": .previous
            case "plus": .adjust(seconds: 60)
            case "minus": .adjust(seconds: -60)
            case "message": text.map { .message(String($0.prefix(200))) }
            case "clear": .message(nil)
            case "rebalance": .rebalance
            default: nil
            }
        }
    }

    /// Reads the body (at most `maximumBodyBytes`, within `bodyTimeout`) and decodes it.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let body = request.body
        let buffer: ByteBuffer
        do {
            buffer = try await withDeadline(bodyTimeout) { try await body.collect(upTo: maximumBodyBytes) }
        } catch is DeadlinePassed {
            throw WebRequestError(status: 408, "the request body did not arrive in time")
        } catch {
            throw WebRequestError(status: 413, "a request body is at most \(maximumBodyBytes / 1024) KiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw WebRequestError(status: 400, "the body is not the JSON this request takes")
        }
    }

    struct DeadlinePassed: Error {}

    static func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw DeadlinePassed()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw DeadlinePassed() }
            return first
        }
    }

    // MARK: - Responses

    static func html(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func notFound() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "not found\n")))
    }

    /// Server-sent events: `retry`, then `event: state` with the JSON on one `data:` line per
    /// change, and a comment line as keep-alive.
    static func events(_ stream: AsyncStream<SessionHub.Update>) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            for await update in stream {
                switch update {
                case .state(let text): try await writer.write(ByteBuffer(string: "event: state\ndata: \(text)\n\n"))
                case .keepAlive: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
            try await writer.finish(nil)
        })
    }
}

/// Checks a request's token against the roles a route allows.
struct Gate: Sendable {
    let hub: SessionHub
    let limiter: FailedAttempts

    /// The role of the request's token when it is one of `allowed`; else 404 (429 when the
    /// address has sent too many wrong tokens lately).
    @discardableResult
    func check(_ context: WebContext, allowed: [WebRole]) throws -> WebRole {
        let address = context.remoteAddress ?? "local"
        if limiter.isBlocked(address) {
            throw WebRequestError(status: 429, "too many wrong links from this address; try again in a minute")
        }
        let token = (context.parameters.get("token") ?? "").uppercased()
        guard let role = hub.tokens.role(of: token), allowed.contains(role) else {
            limiter.recordFailure(address)
            throw WebRequestError.notFound
        }
        return role
    }
}

/// Headers on every answer, errors included, and errors as short plain text.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext

    static let contentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as WebRequestError {
            response = Self.plain(error.status, error.message)
        } catch let error as HTTPError {
            response = Self.plain(Int(error.status.code), error.status == .notFound ? "not found" : error.status.reasonPhrase)
        } catch {
            response = Self.plain(503, "the session cannot be written now: \(error)")
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }

    static func plain(_ status: Int, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
