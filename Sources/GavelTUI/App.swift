import CNCurses
import Foundation
import GavelCore

/// The run loop, and nothing else: each turn reads the clock once, hands that instant to the
/// model with the input that arrived (`AppModel.handle`, then `AppModel.step`), shows the frame,
/// and sleeps in one `poll` until the instant the model says the frame next changes or something
/// falls due, a key, a signal, or another process writing to the session. It never spins and
/// never wakes for nothing.
public final class App {
    public let model: AppModel
    let terminal: Terminal
    /// The phase last seen per topic, so bell and flash fire once as a phase begins.
    private var lastPhase: (topic: String, phase: Phase)?
    /// Wake-ups, for benchmarks and tests.
    public private(set) var wakeUps = 0

    /// How often the log is read without a change bell (a writer that rings none, such as an
    /// `sqlite3` shell), at the next turn after this many seconds of the boot-time clock.
    static let resyncInterval: TimeInterval = 5

    public enum Exit: Equatable {
        case quit
        case signal(Int32)
        /// The session may not be written (`failure` says why): found after the first frame.
        case failed
    }

    /// Why the view ended with `.failed`.
    public private(set) var failure: (any Error)?

    public init(model: AppModel, terminal: Terminal) {
        self.model = model
        self.terminal = terminal
    }

    /// Rings the bell or flashes as a running topic enters a phase (warn, urgent, overtime).
    func alert(_ snapshot: Snapshot?) {
        guard let s = snapshot, let status = s.currentTopic else { return }
        let id = s.slot.id + "/" + status.topic.id
        defer { lastPhase = (id, status.phase) }
        guard let last = lastPhase, last.topic == id, last.phase != status.phase, status.isRunning else { return }
        guard [.warn, .urgent, .overtime].contains(status.phase) else { return }
        if model.theme.bell { terminal.bell() }
        if model.theme.flash { terminal.flash() }
    }

    /// One turn at `now`: the input first, then the step; returns what the loop needs.
    func turn(input: [InputEvent], now: Date, uptime: TimeInterval, readLog: Bool) -> (AppModel.Turn, AppModel.Outcome) {
        var outcome = AppModel.Outcome.none
        for event in input {
            if event == .resize { terminal.refreshSize() }
            outcome = model.handle(event, at: now, uptime: uptime)
            if outcome != .none { break }
        }
        let turn = model.step(at: now, uptime: uptime, width: terminal.width, height: terminal.height, readLog: readLog)
        return (turn, outcome)
    }

    /// Runs until the user quits or a signal ends the process. The caller restores the terminal.
    public func run() -> Exit {
        guard let signals = SignalPipe() else {
            model.state.message = .init("cannot watch for signals; resize may not redraw", isError: true)
            return runLoop(signals: nil)
        }
        defer { signals.close() }
        return runLoop(signals: signals)
    }

    private func runLoop(signals: SignalPipe?) -> Exit {
        model.restoreDraft()
        let clock = model.live.clock
        // A long day's first frame is drawn from what it needs of the log, then the rest is read
        // before any key is taken or anything recorded.
        if !model.live.loaded {
            let now = clock.now()
            if let buffer = model.firstFrame(at: now, width: terminal.width, height: terminal.height) {
                terminal.present(buffer, theme: model.theme)
            }
            // The check of every page, made meanwhile, decides whether the view goes on.
            do {
                try model.live.log.checkBeforeWriting()
            } catch {
                failure = error
                return .failed
            }
            model.finishLoading(at: now)
        }
        let changeFD = model.live.log.changeDescriptor
        let noticeFD = model.effects.noticeDescriptor
        let agendaFD = model.agendaSource?.descriptor
        var agendaChanged = false
        var input: [InputEvent] = []
        var changed = true
        var lastRead = -TimeInterval.infinity
        while true {
            let now = clock.now(), uptime = clock.uptime()
            let readLog = changed || changeFD == nil || uptime - lastRead >= Self.resyncInterval
            if readLog { lastRead = uptime; changed = false }
            if agendaChanged {
                agendaChanged = false
                model.reloadAgenda(at: now)
            }
            let (turn, outcome) = self.turn(input: input, now: now, uptime: uptime, readLog: readLog)
            input = []
            switch outcome {
            case .none: break
            case .quit: return finish(.quit)
            case .suspend:
                suspend()
                continue
            }
            alert(turn.snapshot)
            // The backend sends only the cells that changed: the one diff of the frame.
            terminal.present(turn.buffer, theme: model.theme)

            // Sleep until the frame changes, the draft is due, or something arrives.
            var timeout = turn.wakeAt.timeIntervalSince(now)
            if let due = turn.draftDue { timeout = min(timeout, due - uptime) }
            let waited = clock.uptime()
            while true {
                let left = timeout - (clock.uptime() - waited)
                // Rounded up to the millisecond, so the loop wakes at or just after the boundary.
                let ms = Int32(min(3_600_000, max(0, (left * 1000).rounded(.up))))
                var fds = [pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0)]
                if let signals { fds.append(pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)) }
                if let changeFD { fds.append(pollfd(fd: changeFD, events: Int16(POLLIN), revents: 0)) }
                if let noticeFD { fds.append(pollfd(fd: noticeFD, events: Int16(POLLIN), revents: 0)) }
                if let agendaFD { fds.append(pollfd(fd: agendaFD, events: Int16(POLLIN), revents: 0)) }
                let ready = poll(&fds, nfds_t(fds.count), ms)
                wakeUps += 1
                if ready == 0 { break }
                if ready < 0 { if errno == EINTR { continue } else { break } }
                if let signals, fds[1].revents != 0 {
                    for signal in signals.drain() {
                        switch signal {
                        case .resize: input.append(.resize)
                        case .interrupt: return finish(.signal(SIGINT))
                        case .terminate: return finish(.signal(SIGTERM))
                        case .hangup: return finish(.signal(SIGHUP))
                        case .stop: suspend()
                        case .resumed:
                            terminal.resume()
                            changed = true
                        }
                    }
                }
                if let changeFD, let i = fds.firstIndex(where: { $0.fd == changeFD }), fds[i].revents != 0 {
                    // Its own commits ring this process's bell too: only another writer's counts.
                    if model.live.log.acknowledgeChange() { changed = true }
                }
                if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
                    // The terminal went away.
                    return finish(.signal(SIGHUP))
                }
                if fds[0].revents != 0 {
                    let read = terminal.readInput()
                    // Readable and hung up with nothing to read: the terminal is gone, not quiet
                    // (polling again would return at once, forever).
                    if read.isEmpty, fds[0].revents & Int16(POLLHUP | POLLERR) != 0 { return finish(.signal(SIGHUP)) }
                    input += read
                }
                // The background writer said something (a summary written, or not): show it.
                let noticed = fds.contains { $0.fd == noticeFD && $0.revents != 0 }
                if fds.contains(where: { $0.fd == agendaFD && $0.revents != 0 }), model.agendaSource?.acknowledge() == true {
                    agendaChanged = true
                }
                if !input.isEmpty || noticed || changed || agendaChanged || clock.uptime() - waited >= timeout { break }
            }
        }
    }

    private func finish(_ exit: Exit) -> Exit {
        if model.draftDirty { model.saveDraft() }
        // Summaries asked for are written before the process goes.
        model.effects.finish()
        return exit
    }

    private func suspend() {
        if model.draftDirty { model.saveDraft() }
        terminal.suspend()
        cn_stop_self()
        // Continued (`fg`): take the terminal back and draw everything again.
        terminal.resume()
    }
}
