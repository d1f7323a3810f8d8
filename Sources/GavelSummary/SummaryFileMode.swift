#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read the summaries Gavel writes. By default they are as private as the session they
/// come from (files 0600 in a 0700 folder: the notes in them are the session's notes); `--summary-mode`
/// opens them up, e.g. `644` for a folder a web server publishes.
public struct SummaryFileMode: Sendable, Equatable, CustomStringConvertible {
    /// The summary files' permissions: read and write bits only.
    public let files: mode_t

    /// 0600 files in a 0700 folder.
    public static let `private` = SummaryFileMode(validated: 0o600)

    private init(validated files: mode_t) { self.files = files }

    /// An octal mode such as `600`, `640` or `0644`: read and write bits only, and the owner must
    /// be able to read and write (Gavel rewrites the files). Nil for anything else.
    public init?(octal text: String) {
        guard (1...4).contains(text.count), text.allSatisfy({ ("0"..."7").contains($0) }),
              let value = mode_t(text, radix: 8), value & ~0o666 == 0, value & 0o600 == 0o600 else { return nil }
        files = value
    }

    /// The folder's permissions: whoever may read the files may list the folder (r and x), and
    /// only the owner writes it.
    public var folder: mode_t {
        var mode: mode_t = 0o700
        if files & 0o040 != 0 { mode |= 0o050 }
        if files & 0o004 != 0 { mode |= 0o005 }
        return mode
    }

    public var description: String { "0" + String(files, radix: 8) }
}
