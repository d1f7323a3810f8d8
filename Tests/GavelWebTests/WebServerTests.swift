import Foundation
import GavelCore
import Testing
@testable import GavelWeb
#if canImport(Glibc)
import Glibc
#endif

/// The real server on loopback: a port already taken is a clear error, not a crash; a client that
/// opens a connection and never finishes its request (slowloris) is cut off after the idle timeout.
@Suite struct WebServerTests {
    /// Starts `server` and returns the port it listens on, and the task serving.
    func start(_ server: WebServer) async throws -> (Int, Task<Void, Error>) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run(onRunning: { continuation.yield($0) }) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return (port, task)
    }

    @Test func aTakenPortIsAClearError() async throws {
        let folder = try TemporaryFolder()
        let first = WebServer(hub: try WebFixtures.hub(folder), listen: .init(host: "127.0.0.1", port: 0))
        let (port, task) = try await start(first)
        defer { task.cancel() }
        let second = WebServer(hub: try WebFixtures.hub(folder), listen: .init(host: "127.0.0.1", port: port))
        await #expect(throws: WebServerError.addressInUse(.init(host: "127.0.0.1", port: port))) {
            try await second.run()
        }
        #expect(WebServerError.addressInUse(.init(host: "127.0.0.1", port: port)).description
            .contains("127.0.0.1:\(port): the port is taken"))
    }

    @Test func aClientThatNeverFinishesItsRequestIsCutOff() async throws {
        let folder = try TemporaryFolder()
        let server = WebServer(hub: try WebFixtures.hub(folder), listen: .init(host: "127.0.0.1", port: 0),
                               idleTimeout: .milliseconds(500))
        let (port, task) = try await start(server)
        defer { task.cancel() }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let partial = Array("GET /s/ABC HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        #expect(send(fd, partial, partial.count, 0) == partial.count)
        // Wait for the server to close: recv returns 0 (end of stream) well before 5 s.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let began = Date()
        var buffer = [UInt8](repeating: 0, count: 256)
        let got = recv(fd, &buffer, buffer.count, 0)
        let waited = Date().timeIntervalSince(began)
        #expect(got == 0, "the server closed the connection")
        #expect(waited < 4, "within the idle timeout, not the test's 5 s")
    }
}
