import Foundation
import GavelCore
import GavelSummary
import GavelTUI
#if canImport(Glibc)
import Glibc
#endif

/// Writes a slot's summary when it ends, and again when one of its notes changes later, then the
/// index, on a queue of its own: with 100,000 notes a rewrite takes seconds, and no key may wait
/// for it. Requests that arrive while it writes are merged into one write of the latest state. A
/// write that failed is tried again with the next change, so a full disk, once freed, gets its
/// summary. Every view that records writes them (files are replaced whole, so two processes
/// writing at once leave one complete file); the speaker's writes nothing.
final class SummaryWriter: EffectSink, @unchecked Sendable {
    private let files: SummaryFiles
    private let queue = DispatchQueue(label: "gavel.summaries")
    private let lock = NSLock()
    /// Slots to write, the latest state asked about, and whether a write is on its way.
    private var waiting: [String] = []
    private var newest: (session: Session, at: Date)?
    private var scheduled = false
    /// Slots whose end was just recorded: their path is said once on the chair's screen.
    private var announce: [String: SlotEndCause] = [:]
    private var notices: [UIState.Message] = []
    private let pipe: (read: Int32, write: Int32)?
    /// Called after each write, for the store's checkpoint on a slot's end.
    private let afterWrite: @Sendable (_ ended: Bool) -> Void

    private let agendaPath: String
    /// The view steers the timer (the chair): its notices name the keys to go on with.
    private let steers: Bool

    init(agendaPath: String, mode: SummaryFileMode = .private, steers: Bool = true,
         afterWrite: @escaping @Sendable (_ ended: Bool) -> Void = { _ in }) {
        files = SummaryFiles(agendaPath: agendaPath, mode: mode)
        self.agendaPath = agendaPath
        self.steers = steers
        self.afterWrite = afterWrite
        var fds: [Int32] = [0, 0]
        if Glibc.pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            pipe = (fds[0], fds[1])
        } else {
            pipe = nil
        }
    }

    deinit {
        if let pipe {
            close(pipe.read)
            close(pipe.write)
        }
    }

    /// At start-up, the summaries of every ended slot are asked for (one may be missing if the
    /// process that ended it was killed first). A slot whose file, and the index, were written
    /// after the slot's last change and after the agenda's is left alone: a restart at the end of
    /// a long day does not rewrite the whole day.
    func performAtStartup(_ effects: [Session.Effect], session: Session, at now: Date) {
        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        let agendaChanged = modified(agendaPath)
        let index = modified(files.indexPath)
        let owed = effects.filter { effect in
            guard case .slotEnded(let slot, _) = effect, let index, let written = modified(files.slotPath(slot)),
                  let changed = [session.changedAt(slot: slot), agendaChanged].compactMap({ $0 }).max() else { return true }
            // A file's time comes from the kernel's coarse clock (a tick behind, or 2 s on FAT),
            // so one written just after the change can look older than it: within that margin
            // the summaries are made again, and a file that already says the same is not touched.
            return written < changed + Self.fileClockMargin || index < changed + Self.fileClockMargin
        }
        if !owed.isEmpty { perform(owed, session: session, at: now) }
    }

    /// How far behind the change it records a file's modification time may read.
    static let fileClockMargin: TimeInterval = 2

    func perform(_ effects: [Session.Effect], session: Session, at now: Date) {
        let asked = SummaryFiles.slotsToWrite(effects)
        guard !asked.isEmpty else { return }
        let ended = effects.compactMap { effect -> (String, SlotEndCause)? in
            if case .slotEnded(let slot, let cause) = effect { return (slot, cause) }
            return nil
        }
        lock.withLock {
            for id in asked where !waiting.contains(id) { waiting.append(id) }
            for (slot, cause) in ended { announce[slot] = cause }
            newest = (session, now)
            guard !scheduled else { return }
            scheduled = true
            queue.async { self.drain() }
        }
    }

    private func drain() {
        while true {
            let job: (slots: [String], session: Session, at: Date, announce: [String: SlotEndCause])? = lock.withLock {
                guard let newest, !waiting.isEmpty else {
                    scheduled = false
                    return nil
                }
                let job = (waiting, newest.session, newest.at, announce)
                waiting = []
                announce = [:]
                self.newest = nil
                return job
            }
            guard let job else { return }
            do {
                let written = try files.write(job.session, slots: job.slots, at: job.at)
                afterWrite(!job.announce.isEmpty)
                for slot in job.slots {
                    guard let cause = job.announce[slot] else { continue }
                    let path = written.first { $0.hasSuffix("/" + SummaryFiles.fileName(slot: slot)) } ?? files.slotPath(slot)
                    let title = job.session.agenda.slot(id: slot)?.title ?? slot
                    // Keys only for a view that has them: a note-taker is told where the summary is.
                    let keys = steers ? " · s next slot, " + (cause == .timeUp ? "+ extends it" : "p reopens it") : ""
                    post(.init("\(title) ended: summary in \(Self.shown(path))" + keys, isError: false))
                }
            } catch {
                lock.withLock {
                    for id in job.slots where !waiting.contains(id) { waiting.insert(id, at: 0) }
                    announce.merge(job.announce) { a, _ in a }
                }
                // Kept for the next change rather than retried in a loop (the loop ends unless a
                // change arrived meanwhile).
                post(.init("\(error) (the session and its notes are saved; the summary is written again with the next change)",
                           isError: true))
            }
        }
    }

    private func post(_ notice: UIState.Message) {
        lock.withLock { notices.append(notice) }
        if let pipe {
            var byte: UInt8 = 1
            _ = write(pipe.write, &byte, 1)
        }
    }

    func takeNotices() -> [UIState.Message] {
        if let pipe {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(pipe.read, &buffer, buffer.count) > 0 {}
        }
        return lock.withLock {
            defer { notices = [] }
            return notices
        }
    }

    var noticeDescriptor: Int32? { pipe?.read }

    func finish() { queue.sync {} }

    /// A path as the chair would type it: relative to the working folder when inside it.
    static func shown(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
