import Foundation
import GavelCore
import GavelStore
#if canImport(Glibc)
import Glibc
#endif

/// The web server's own view of the session: its own `SessionStore` connection and `LiveSession`,
/// on a thread of its own, following the session file's change bell like any other gavel view.
///
/// Requests never touch the session directly: reads take the state last published (kept per
/// role), writes are queued to the hub's thread and answered when recorded. Changes go to every
/// subscribed page through a one-element buffer that keeps only the newest state, so a slow or
/// dead client never holds up the hub, the other clients, or (in `gavel run --serve`) the chair's
/// console, which runs on another thread with its own connection.
public final class SessionHub: @unchecked Sendable {
    /// What a subscriber receives: a state (stamped JSON text) or a keep-alive.
    public enum Update: Sendable, Equatable {
        case state(String)
        case keepAlive
    }

    /// How long the hub goes without reading the file when no bell rings (a writer that rings
    /// none, such as an `sqlite3` shell).
    static let resyncInterval: TimeInterval = 5
    /// How often subscribers get a keep-alive when nothing changes.
    public static let defaultKeepAlive: TimeInterval = 25

    public let sessionPath: String
    public let clock: SessionClock
    let keepAliveInterval: TimeInterval

    // Owned by the hub's thread once it runs: the notes pages' connection (role notes, which
    // the state is read from) and the chair remote's (role remote: it steers, and writes no note).
    private let live: LiveSession
    private let store: SessionStore
    private let remote: LiveSession

    private let lock = NSLock()
    private var jobs: [(HubSession) -> Void] = []
    private var subscribers: [Int: Subscriber] = [:]
    private var nextSubscriber = 0
    private var latest: [WebRole: JSONValue] = [:]
    private var cachedTokens = WebTokens(byRole: [:])
    private var stopping = false
    private var thread: Thread?
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// The last error reading the session (shown by `gavel serve`), nil when all is well.
    private var readError: String?
    /// Where the agenda is read again when its file changes, so pages show what the chair's
    /// console shows (a speaker's name filled in); set before `start`.
    public var agendaReload: AgendaReload?

    /// The agenda file's watch: readable when it may have changed; `acknowledge` says whether it
    /// did; `load` is the agenda it now holds (nil when it does not parse: the last good stays).
    public struct AgendaReload: @unchecked Sendable {
        public var descriptor: Int32
        public var acknowledge: () -> Bool
        public var load: () -> Agenda?
        public init(descriptor: Int32, acknowledge: @escaping () -> Bool, load: @escaping () -> Agenda?) {
            self.descriptor = descriptor
            self.acknowledge = acknowledge
            self.load = load
        }
    }

    /// Opens the session file (creating the links' tokens when missing) and reads it whole.
    public init(agenda: Agenda, sessionPath: String, clock: SessionClock = SystemClock(),
                author: String = "web", keepAlive: TimeInterval = SessionHub.defaultKeepAlive) throws {
        self.sessionPath = sessionPath
        self.clock = clock
        self.keepAliveInterval = keepAlive
        store = try SessionStore(path: sessionPath)
        live = try LiveSession(agenda: agenda, log: store, clock: clock, author: author, role: .notes)
        remote = try LiveSession(agenda: agenda, log: try SessionStore(path: sessionPath), clock: clock,
                                 author: author + "-remote", role: .remote)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw SessionStoreError.failed(path: sessionPath, detail: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
        let stored = try store.ensureWebTokens(roles: WebRole.allCases.map(\.rawValue), make: WebToken.make)
        cachedTokens = Self.tokens(stored)
        publish()
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    static func tokens(_ stored: [String: String]) -> WebTokens {
        var byRole: [WebRole: String] = [:]
        for (name, token) in stored {
            if let role = WebRole(rawValue: name) { byRole[role] = token }
        }
        return WebTokens(byRole: byRole)
    }

    // MARK: - Reading (any thread)

    /// The links' tokens as last read from the file.
    public var tokens: WebTokens { lock.withLock { cachedTokens } }

    /// The state for `role` as last published, stamped with the clock's reading now.
    public func currentState(for role: WebRole) -> String {
        let state = lock.withLock { latest[role] } ?? .null
        return WebState.stamped(state, serverTime: clock.now()).serialized
    }

    struct Subscriber {
        var role: WebRole
        /// The token it came with: renewing the tokens ends the subscription.
        var token: String?
        var continuation: AsyncStream<Update>.Continuation
    }

    /// A stream of the role's states: the current one at once, then each change and keep-alives.
    /// It ends when the hub stops, or when `token` (if given) is no longer the role's token.
    public func subscribe(role: WebRole, token: String? = nil) -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream<Update>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id: Int = lock.withLock {
            nextSubscriber += 1
            subscribers[nextSubscriber] = Subscriber(role: role, token: token, continuation: continuation)
            return nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.subscribers.removeValue(forKey: id) }
        }
        continuation.yield(.state(currentState(for: role)))
        if lock.withLock({ stopping }) { continuation.finish() }
        return stream
    }

    public var subscriberCount: Int { lock.withLock { subscribers.count } }

    public var lastReadError: String? { lock.withLock { readError } }

    // MARK: - Writing (queued to the hub's thread)

    /// Runs `body` on the hub's thread with the session, then publishes what changed.
    @discardableResult
    public func perform<T: Sendable>(_ body: @escaping @Sendable (HubSession) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let job: (HubSession) -> Void = { session in
                do { continuation.resume(returning: try body(session)) } catch { continuation.resume(throwing: error) }
            }
            let accepted = lock.withLock {
                guard !stopping else { return false }
                jobs.append(job)
                return true
            }
            guard accepted else {
                continuation.resume(throwing: SessionStoreError.failed(path: sessionPath, detail: "the web server is stopping"))
                return
            }
            wake()
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: - The hub's thread

    /// Starts the hub's thread (once).
    public func start() {
        lock.withLock {
            guard thread == nil else { return }
            let t = Thread { [self] in self.loop() }
            t.name = "gavel-web-hub"
            thread = t
            t.start()
        }
    }

    /// Ends every subscription and stops the thread; queued writes fail.
    public func stop() {
        let pending: [AsyncStream<Update>.Continuation] = lock.withLock {
            stopping = true
            return subscribers.values.map(\.continuation)
        }
        for c in pending { c.finish() }
        wake()
    }

    private func loop() {
        var changed = true
        var lastSync = Date.distantPast
        var lastKeepAlive = Date()
        let context = HubSession(live: live, store: store, remote: remote)
        while true {
            let (work, stop) = lock.withLock { () -> ([(HubSession) -> Void], Bool) in
                defer { jobs.removeAll() }
                return (jobs, stopping)
            }
            if stop {
                let failed = SessionStoreError.failed(path: sessionPath, detail: "the web server is stopping")
                for job in work { job(HubSession(failing: failed)) }
                return
            }
            for job in work { job(context) }
            let now = Date()
            if changed || !work.isEmpty || now.timeIntervalSince(lastSync) >= Self.resyncInterval
                || !live.session.dueEvents(at: clock.now()).isEmpty {
                refresh()
                lastSync = now
                changed = false
            }
            publish()
            if Date().timeIntervalSince(lastKeepAlive) >= keepAliveInterval {
                lastKeepAlive = Date()
                let all = lock.withLock { subscribers.values.map(\.continuation) }
                for c in all { c.yield(.keepAlive) }
            }

            var timeout = min(Self.resyncInterval, keepAliveInterval - Date().timeIntervalSince(lastKeepAlive))
            if let boundary = nextBoundary() { timeout = min(timeout, boundary) }
            let ms = Int32(max(0, min(3_600_000, (timeout * 1000).rounded(.up))))
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let bell = store.changeDescriptor
            if let bell { fds.append(pollfd(fd: bell, events: Int16(POLLIN), revents: 0)) }
            let reload = agendaReload
            if let reload { fds.append(pollfd(fd: reload.descriptor, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), ms)
            if fds[0].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &buffer, buffer.count) > 0 {}
            }
            if let bell, fds.contains(where: { $0.fd == bell && $0.revents != 0 }) {
                _ = store.acknowledgeChange()
                changed = true
            }
            if let reload, fds.contains(where: { $0.fd == reload.descriptor && $0.revents != 0 }), reload.acknowledge(),
               let agenda = reload.load(), agenda != live.session.agenda {
                do {
                    _ = try live.replaceAgenda(agenda)
                    _ = try remote.replaceAgenda(agenda)
                    changed = true
                } catch {
                    lock.withLock { readError = String(describing: error) }
                }
            }
        }
    }

    /// Reads what other processes recorded (and what time alone caused), and the tokens.
    private func refresh() {
        do {
            try live.step(at: clock.now(), readLog: true)
            let stored = try store.webTokens()
            let tokens = Self.tokens(stored)
            let revoked: [AsyncStream<Update>.Continuation] = lock.withLock {
                cachedTokens = tokens
                readError = nil
                // Pages opened with a renewed link lose their stream (and then get 404).
                return subscribers.values.filter { s in s.token.map { $0 != tokens[s.role] } ?? false }.map(\.continuation)
            }
            for c in revoked { c.finish() }
        } catch {
            lock.withLock { readError = String(describing: error) }
        }
    }

    /// Seconds until the shown slot's time runs out or a scheduled slot starts or ends: instants
    /// at which the state changes with no event (the page computes every second in between).
    private func nextBoundary() -> TimeInterval? {
        let now = clock.now()
        let session = live.session
        var instants: [Date] = []
        if let id = session.currentSlotID(at: now), let deadline = session.deadline(id) { instants.append(deadline) }
        for slot in session.agenda.slots {
            if let start = slot.start { instants.append(start) }
            if let end = slot.end { instants.append(end) }
        }
        // A little after the instant, so the engine sees it as passed.
        return instants.filter { $0 > now }.min().map { $0.timeIntervalSince(now) + 0.002 }
    }

    /// Computes each role's state and sends the ones that changed.
    private func publish() {
        let now = clock.now()
        for role in WebRole.allCases {
            let state = WebState.make(session: live.session, at: now, role: role)
            let (changed, targets): (Bool, [AsyncStream<Update>.Continuation]) = lock.withLock {
                guard latest[role] != state else { return (false, []) }
                latest[role] = state
                return (true, subscribers.values.filter { $0.role == role }.map(\.continuation))
            }
            guard changed, !targets.isEmpty else { continue }
            let text = WebState.stamped(state, serverTime: now).serialized
            for c in targets { c.yield(.state(text)) }
        }
    }
}

/// The session as a queued job sees it on the hub's thread.
public struct HubSession {
    let live: LiveSession?
    let store: SessionStore?
    let remote: LiveSession?
    let failure: Error?

    init(live: LiveSession, store: SessionStore, remote: LiveSession) {
        self.live = live
        self.store = store
        self.remote = remote
        failure = nil
    }

    init(failing error: Error) {
        live = nil
        store = nil
        remote = nil
        failure = error
    }

    /// The notes connection and its store, or the reason there is none (the hub is stopping).
    func parts() throws -> (LiveSession, SessionStore) {
        if let live, let store { return (live, store) }
        throw failure ?? SessionStoreError.failed(path: "", detail: "the web server is stopping")
    }

    /// The chair remote's connection.
    func remoteSession() throws -> LiveSession {
        if let remote { return remote }
        throw failure ?? SessionStoreError.failed(path: "", detail: "the web server is stopping")
    }
}
