import Foundation
import GavelCore

/// The themes a user can pick: the built-in ones, and their own from
/// `$XDG_CONFIG_HOME/gavel/themes/NAME.toml` (default `~/.config/gavel/themes`), which take
/// precedence over a built-in theme of the same name.
public struct ThemeCatalog: Sendable {
    public let userDirectory: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            userDirectory = xdg + "/gavel/themes"
        } else if let home = environment["HOME"], !home.isEmpty {
            userDirectory = home + "/.config/gavel/themes"
        } else {
            userDirectory = nil
        }
    }

    public init(userDirectory: String?) { self.userDirectory = userDirectory }

    /// User theme files by name.
    public func userThemes() -> [String: String] {
        guard let dir = userDirectory,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [:] }
        var out: [String: String] = [:]
        for entry in entries where entry.hasSuffix(".toml") {
            out[String(entry.dropLast(5))] = dir + "/" + entry
        }
        return out
    }

    /// Every theme name: built-in first in their order, then the user's own, sorted.
    public func names() -> [String] {
        let user = userThemes()
        return BuiltinThemes.names + user.keys.filter { !BuiltinThemes.names.contains($0) }.sorted()
    }

    /// Where a theme comes from: its file, or "built-in".
    public func origin(_ name: String) -> String? {
        if let path = userThemes()[name] { return path }
        return BuiltinThemes.source(name) == nil ? nil : "built-in"
    }

    /// Loads a theme by name. Unknown names and broken files are `FileError`s.
    public func load(_ name: String) throws(FileError) -> Theme {
        if let path = userThemes()[name] {
            let data = try Self.boundedContents(of: path)
            guard let text = String(data: data, encoding: .utf8) else {
                throw FileError(file: path, line: nil, "not UTF-8 text; save the theme as UTF-8")
            }
            return try Theme.parse(text, name: name, file: path)
        }
        if let source = BuiltinThemes.source(name) {
            return try Theme.parse(source, name: name, file: "themes/\(name).toml")
        }
        throw FileError(file: "gavel", line: nil, "no theme named \"\(name)\"; known themes: \(names().joined(separator: ", "))")
    }

    /// A theme is small: anything bigger is refused rather than read.
    static let maximumSize = 256 * 1024

    /// The bytes of a theme file. A theme is loaded while the console runs (`t`), so whatever sits
    /// at its path must not hang or exhaust it: a FIFO, a device (`/dev/zero` behind a symlink) or
    /// a huge file is refused with a message instead of read.
    static func boundedContents(of path: String) throws(FileError) -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(file: path, line: nil, "cannot read the theme: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(file: path, line: nil, "not a regular file; a theme is a TOML file")
        }
        guard info.st_size <= maximumSize else {
            throw FileError(file: path, line: nil, "\(info.st_size) bytes: too big for a theme (at most \(maximumSize / 1024) KiB)")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while data.count <= maximumSize {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw FileError(file: path, line: nil, "cannot read the theme: \(String(cString: strerror(errno)))") }
            if n == 0 { return data }
            data.append(contentsOf: chunk[..<n])
        }
        throw FileError(file: path, line: nil, "too big for a theme (at most \(maximumSize / 1024) KiB)")
    }

    /// The theme to start with: `requested`, else `mono` when `NO_COLOR` is set, else `default`.
    public func initial(requested: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(FileError) -> Theme {
        if let requested { return try load(requested) }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return try load("mono") }
        return try load("default")
    }
}
