/// A problem found in a file a user wrote, reported as `FILE:LINE: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var file: String
    public var line: Int?
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int?, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `FILE:LINE: message`, as the file and the message hold it: text from the file is quoted
    /// in it unchanged. Whatever shows it escapes it for its medium (a terminal: `Console` in
    /// GavelTerminalText; a web page: HTML).
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return severity == .warning ? "\(place): warning: \(message)" : "\(place): \(message)"
    }
}

/// One or more errors that make a file unusable. Its description is one `FILE:LINE: message` a line.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(file: String, line: Int?, _ message: String) {
        self.diagnostics = [Diagnostic(file: file, line: line, message: message)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
