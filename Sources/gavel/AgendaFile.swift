import Foundation
import GavelCore
import GavelTUI
#if canImport(Glibc)
import Glibc
#endif

/// The agenda file of a running view, watched (inotify on its folder, so an editor that writes
/// a new file and renames it over the old one is seen too) and read again when it changes, with
/// the session's time zone for times that give none.
final class AgendaFile: AgendaSource {
    let path: String
    let zone: TimeZone
    let descriptor: Int32
    private let name: String

    init?(path: String, zone: TimeZone) {
        self.path = path
        self.zone = zone
        let url = URL(fileURLWithPath: path)
        name = url.lastPathComponent
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY)
        guard inotify_add_watch(fd, url.deletingLastPathComponent().path, mask) >= 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func acknowledge() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }
            var offset = 0
            while offset + 16 <= count {
                let length = buffer.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)) }
                let bytes = buffer[(offset + 16)..<min(count, offset + 16 + length)]
                if String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) == name { changed = true }
                offset += 16 + length
            }
        }
        return changed
    }

    func load() -> Result<Agenda, AgendaSourceError> {
        do {
            return .success(try AgendaParser.load(path: path, defaultTimeZone: zone).agenda)
        } catch {
            let first = error.diagnostics.first.map(\.description) ?? "cannot read it"
            let more = error.diagnostics.count > 1 ? " (and \(error.diagnostics.count - 1) more: gavel check)" : ""
            return .failure(AgendaSourceError(first + more))
        }
    }
}
