import Foundation
import GavelCore
import GavelTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GavelWeb

/// The routes' rules: a token opens its own role's page and requests only; every refusal is a 404
/// that changes nothing; wrong guesses from one address are throttled; every answer carries the
/// security headers; bodies are capped.
@Suite struct WebRouteTests {
    func app(_ hub: SessionHub, limiter: FailedAttempts = FailedAttempts(limit: 1000)) -> some ApplicationProtocol {
        Application(router: WebRoutes.router(hub: hub, limiter: limiter))
    }

    @Test func tokensAreRandomBase32And128Bits() {
        let tokens = (0..<200).map { _ in WebToken.make() }
        #expect(Set(tokens).count == 200)
        for token in tokens {
            #expect(token.count == WebToken.length)
            #expect(token.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        }
        // 26 characters of 5 bits hold 130 bits; the last 2 are the zero padding of 128.
        #expect(tokens.allSatisfy { "AEIMQUY4".contains($0.last!) })
        #expect(WebToken.base32(Array("foobar".utf8)) == "MZXW6YTBOI", "RFC 4648 test vector")
    }

    @Test func constantTimeCompareMatchesOnlyTheSameToken() {
        let secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        #expect(WebToken.matches(secret, secret))
        #expect(!WebToken.matches("ABCDEFGHIJKLMNOPQRSTUVWXYA", secret))
        #expect(!WebToken.matches("BBCDEFGHIJKLMNOPQRSTUVWXYZ", secret))
        #expect(!WebToken.matches(String(secret.dropLast()), secret), "a prefix is not the token")
        #expect(!WebToken.matches(secret + "A", secret))
        #expect(!WebToken.matches("", secret))
        let tokens = WebTokens(byRole: [.speaker: "S" + secret.dropFirst(), .notes: "N" + secret.dropFirst()])
        #expect(tokens.role(of: "S" + secret.dropFirst()) == .speaker)
        #expect(tokens.role(of: "N" + secret.dropFirst()) == .notes)
        #expect(tokens.role(of: "R" + secret.dropFirst()) == nil)
    }

    @Test func eachTokenOpensItsOwnPageAndNoOther() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let tokens = hub.tokens
        try await app(hub).test(.router) { client in
            for role in [WebRole.speaker, .notes, .remote] {
                let prefix = role.pagePrefix!
                for other in WebRole.allCases {
                    let token = try #require(tokens[other])
                    try await client.execute(uri: "/\(prefix)/\(token)", method: .get) { response in
                        #expect(response.status == (other == role ? .ok : .notFound), "\(other) token on the \(role) page")
                        #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
                        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                        if other == role {
                            let html = String(buffer: response.body)
                            #expect(html.contains("/assets/\(role == .speaker ? "speaker" : role == .notes ? "notes" : "remote").js"))
                            #expect(!html.contains("<script>") && !html.contains("style="), "no inline script or style")
                            #expect(!html.contains(token), "the page does not repeat its secret")
                        } else {
                            #expect(String(buffer: response.body) == "not found\n", "a refusal says nothing more")
                        }
                    }
                }
                try await client.execute(uri: "/\(prefix)/", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/\(prefix)/NOTATOKEN", method: .get) { #expect($0.status == .notFound) }
            }
            // Lower case is the same token (people retype links); capitals are how a QR code has it.
            try await client.execute(uri: "/s/\(tokens[.speaker]!.lowercased())", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/S/\(tokens[.speaker]!)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/N/\(tokens[.speaker]!)", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func wrongTokensAndOtherRolesChangeNothing() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let tokens = hub.tokens
        // What a request could record (the clock's baseline is the hub's own bookkeeping).
        func recorded() throws -> Int {
            try WebFixtures.events(folder).filter { !["clockBase", "clockJump"].contains($0.action.name) }.count
        }
        let before = try recorded()
        let note = #"{"id":"0123456789abcdef","text":"hello","by":"eve","writer":"0123456789abcdef0123"}"#
        try await app(hub).test(.router) { client in
            for token in ["WRONG", tokens[.speaker]!, tokens[.remote]!, tokens[.feed]!, String(tokens[.notes]!.dropLast())] {
                try await client.execute(uri: "/api/\(token)/notes", method: .post, body: ByteBuffer(string: note)) {
                    #expect($0.status == .notFound)
                }
            }
            for token in ["WRONG", tokens[.speaker]!, tokens[.notes]!, tokens[.feed]!] {
                try await client.execute(uri: "/api/\(token)/command", method: .post, body: ByteBuffer(string: #"{"command":"toggle"}"#)) {
                    #expect($0.status == .notFound)
                }
            }
            try await client.execute(uri: "/api/WRONG/state", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/WRONG/events", method: .get) { #expect($0.status == .notFound) }
        }
        #expect(try recorded() == before, "nothing was recorded")
    }

    @Test func anyRolesTokenReadsTheStateAndTheClock() async throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock(WebFixtures.t0)
        let hub = try WebFixtures.hub(folder, clock: clock)
        defer { hub.stop() }
        try await app(hub).test(.router) { client in
            for role in WebRole.allCases {
                try await client.execute(uri: "/api/\(hub.tokens[role]!)/state", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    let json = try WebFixtures.json(String(buffer: response.body))
                    #expect(json["role"] as? String == role.rawValue)
                }
            }
            clock.advance(1.5)
            try await client.execute(uri: "/api/\(hub.tokens[.speaker]!)/time", method: .get) { response in
                let json = try WebFixtures.json(String(buffer: response.body))
                #expect(json["serverTimeMs"] as? Int64 == Int64(WebFixtures.t0.timeIntervalSince1970 * 1000) + 1500)
            }
        }
    }

    @Test func tooManyWrongTokensFromOneAddressAreTurnedAway() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        final class Now: @unchecked Sendable { var t = Date(timeIntervalSince1970: 0) }
        let now = Now()
        let limiter = FailedAttempts(limit: 5, window: 60, penalty: 60, now: { now.t })
        let good = hub.tokens[.speaker]!
        try await app(hub, limiter: limiter).test(.router) { client in
            for _ in 0..<4 {
                try await client.execute(uri: "/s/GUESS", method: .get) { #expect($0.status == .notFound) }
            }
            try await client.execute(uri: "/s/\(good)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/s/GUESS", method: .get) { #expect($0.status == .notFound) }
            // The fifth wrong guess in a minute: now even the right token waits.
            try await client.execute(uri: "/s/\(good)", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(String(buffer: response.body).contains("try again"))
            }
            now.t += 61
            try await client.execute(uri: "/s/\(good)", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func assetsAreServedAndUnknownPathsAreNotFound() async throws {
        let folder = try TemporaryFolder()
        let hub = try WebFixtures.hub(folder)
        defer { hub.stop() }
        let theme = WebTheme(name: "t", colors: ["ok": "#00FF00", "warn": "red; } body { display: none"])
        try await Application(router: WebRoutes.router(hub: hub, theme: theme)).test(.router) { client in
            for name in ["gavel.js", "speaker.js", "notes.js", "remote.js", "gavel.css"] {
                try await client.execute(uri: "/assets/\(name)", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(!body.contains("innerHTML") && !body.contains("insertAdjacentHTML") && !body.contains("eval("),
                            "\(name) inserts text as text")
                    #expect(!body.contains("http://") && !body.contains("https://"), "\(name) fetches nothing from elsewhere")
                }
            }
            try await client.execute(uri: "/assets/theme.css", method: .get) { response in
                let css = String(buffer: response.body)
                #expect(css.contains("--ok: #00ff00;"))
                #expect(!css.contains("display"), "a colour that is not #rrggbb is not written")
            }
            for path in ["/", "/assets/nothing.js", "/api", "/favicon.ico"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
        }
    }
}
