import CNCurses
import Foundation

/// Signals delivered to the run loop as bytes on a pipe, so the loop sleeps in one `poll` for
/// input, signals and time alike.
final class SignalPipe {
    let readFD: Int32
    let writeFD: Int32

    enum Signal { case resize, interrupt, terminate, hangup, stop, resumed }

    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        guard cn_signals_install(writeFD) == 0 else { return nil }
    }

    /// Signals that arrived, oldest first.
    func drain() -> [Signal] {
        var out: [Signal] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &bytes, bytes.count)
            if n <= 0 { break }
            for b in bytes.prefix(n) {
                switch Int32(b) {
                case cn_signal_winch(): out.append(.resize)
                case cn_signal_int(): out.append(.interrupt)
                case cn_signal_term(): out.append(.terminate)
                case cn_signal_hup(): out.append(.hangup)
                case cn_signal_tstp(): out.append(.stop)
                case cn_signal_cont(): out.append(.resumed)
                default: break
                }
            }
        }
        return out
    }

    func close() {
        cn_signals_restore_default()
        Glibc.close(readFD)
        Glibc.close(writeFD)
    }
}
