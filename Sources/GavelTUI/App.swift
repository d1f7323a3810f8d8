import CNCurses
import Foundation
import GavelCore

/// The run loop: draws a frame when it changed, then sleeps in one `poll` until a key, a signal,
/// another process writing to the session, the next second a countdown shows, or the draft's
/// deadline; it never spins and never wakes for nothing.
public final class App {
    public let model: AppModel
    let terminal: Terminal
    private var lastFrame: Buffer?
    private var lastThemeName = ""
    private var draftDeadline: Date?
    /// The phase last seen per topic, so bell and flash fire once as a phase begins.
    private var lastPhase: (topic: String, phase: Phase)?
    /// Wake-ups, for benchmarks and tests.
    public private(set) var wakeUps = 0

    /// How often the log is read without a change bell.
    static let resyncInterval: TimeInterval = 5

    public enum Exit: Equatable {
        case quit
        case signal(Int32)
    }

    public init(model: AppModel, terminal: Terminal) {
        self.model = model
        self.terminal = terminal
    }

    /// Draws the frame if anything on it changed; rings the bell or flashes as a phase begins.
    public func render() {
        let frame = model.frame(width: terminal.width, height: terminal.height)
        alert(frame)
        let buffer = Screen.render(frame)
        if buffer != lastFrame || model.theme.name != lastThemeName {
            terminal.present(buffer, theme: model.theme)
            lastFrame = buffer
            lastThemeName = model.theme.name
        }
    }

    func alert(_ frame: Frame) {
        guard let s = frame.snapshot, let status = s.currentTopic else { return }
        let id = s.slot.id + "/" + status.topic.id
        defer { lastPhase = (id, status.phase) }
        guard let last = lastPhase, last.topic == id, last.phase != status.phase, status.isRunning else { return }
        guard [.warn, .urgent, .overtime].contains(status.phase) else { return }
        if model.theme.bell { terminal.bell() }
        if model.theme.flash { terminal.flash() }
    }

    /// Handles one input event; returns the outcome for the loop.
    public func handle(_ event: InputEvent) -> AppModel.Outcome {
        if event == .resize {
            terminal.refreshSize()
            lastFrame = nil
            return .none
        }
        let outcome = model.handle(event)
        if model.draftDirty, draftDeadline == nil { draftDeadline = Date().addingTimeInterval(1) }
        return outcome
    }

    /// When the loop must wake next at the latest: the next change of what the frame shows (see
    /// `WakePlan`), or the draft's deadline.
    func nextWake(now: Date) -> Date {
        // The session runs on its own clock; convert its instant into a delay from `now`.
        let planned = WakePlan.next(after: model.live.snapshot())
        var wake = now.addingTimeInterval(max(0, planned.timeIntervalSince(model.live.now)))
        if let d = draftDeadline { wake = min(wake, d) }
        return wake
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
        var lastSync = Date.distantPast
        var changed = true
        while true {
            // Read the log when another process rang its change bell, when time itself ends a
            // slot, and otherwise every few seconds (a writer that rings no bell); not on every
            // second's wake-up, which would query the store once a second for nothing.
            let watched = model.live.log.changeDescriptor != nil
            if changed || !watched || !model.live.session.dueEvents(at: model.live.now).isEmpty
                || Date().timeIntervalSince(lastSync) >= Self.resyncInterval {
                model.tick()
                lastSync = Date()
                changed = false
            }
            if let d = draftDeadline, Date() >= d {
                model.saveDraft()
                draftDeadline = nil
            }
            render()

            let now = Date()
            let wake = nextWake(now: now)
            // Round up to the millisecond, so the loop wakes at or just after the boundary, never before.
            let ms = max(0, (wake.timeIntervalSince(now) * 1000).rounded(.up))
            var fds = [pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0)]
            if let signals { fds.append(pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)) }
            let changeFD = model.live.log.changeDescriptor
            if let changeFD { fds.append(pollfd(fd: changeFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(ms, 3_600_000)))
            wakeUps += 1
            if ready < 0 { continue }

            if let signals, fds[1].revents != 0 {
                for signal in signals.drain() {
                    switch signal {
                    case .resize:
                        terminal.refreshSize()
                        lastFrame = nil
                    case .interrupt: return finish(.signal(SIGINT))
                    case .terminate: return finish(.signal(SIGTERM))
                    case .hangup: return finish(.signal(SIGHUP))
                    case .stop: suspend()
                    case .resumed:
                        terminal.resume()
                        lastFrame = nil
                        changed = true
                    }
                }
            }
            if let changeFD, let i = fds.firstIndex(where: { $0.fd == changeFD }), fds[i].revents != 0 {
                model.live.log.acknowledgeChange()
                changed = true
            }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
                // The terminal went away.
                return finish(.signal(SIGHUP))
            }
            if fds[0].revents != 0 {
                for event in terminal.readInput() {
                    switch handle(event) {
                    case .none: break
                    case .quit: return finish(.quit)
                    case .suspend: suspend()
                    }
                }
            }
        }
    }

    private func finish(_ exit: Exit) -> Exit {
        if draftDeadline != nil || model.draftDirty { model.saveDraft() }
        return exit
    }

    private func suspend() {
        if model.draftDirty { model.saveDraft(); draftDeadline = nil }
        terminal.suspend()
        cn_stop_self()
        // Continued (`fg`): take the terminal back and draw everything again.
        terminal.resume()
        lastFrame = nil
    }
}
