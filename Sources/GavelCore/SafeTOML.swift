import TOMLKit

/// Parses TOML text for any Gavel file (agenda, theme, submissions), refusing first what the
/// TOML library cannot take safely.
///
/// toml++ (inside TOMLKit) asserts, and in release builds assumes, that a table header's `[` or
/// `[[` is followed by a key; `[[` then a line break aborts the process. Fuzzing found it. So
/// headers are checked here, by a small lexer that knows strings, comments and brackets, before
/// the text reaches the library. Every other syntax error is the library's, with its line.
public enum SafeTOML {
    public static func parse(_ text: String, file: String) throws(FileError) -> TOMLTable {
        if let line = badHeaderLine(text) {
            throw FileError(file: file, line: line,
                            "TOML syntax: a table header needs a name right after its brackets, like [[slot]] or [defaults]")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw FileError(file: file, line: max(1, error.source.begin.line), "TOML syntax: \(error.description)")
        } catch {
            throw FileError(file: file, line: nil, "TOML syntax: \(error)")
        }
    }

    /// The line of the first table header with no name after its opening brackets, if any.
    static func badHeaderLine(_ text: String) -> Int? {
        let s = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        var depth = 0          // brackets and braces open inside a value
        var atLineStart = true // only whitespace so far on this line
        func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            c == "\"" || c == "'" || c == "_" || c == "-" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)))
        }
        func skipString(_ quote: Unicode.Scalar) {
            // i is at the opening quote.
            let triple = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
            if triple {
                i += 3
                while i < s.count {
                    if s[i] == "\n" { line += 1 }
                    if quote == "\"", s[i] == "\\" { i += 2; continue }
                    if i + 2 < s.count, s[i] == quote, s[i + 1] == quote, s[i + 2] == quote { i += 3; return }
                    i += 1
                }
                return
            }
            i += 1
            while i < s.count, s[i] != "\n" {
                if quote == "\"", s[i] == "\\" { i += 2; continue }
                if s[i] == quote { i += 1; return }
                i += 1
            }
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                atLineStart = false
                skipString(c)
                continue
            case "[":
                if depth == 0, atLineStart {
                    var j = i + 1
                    if j < s.count, s[j] == "[" { j += 1 }
                    while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
                    guard j < s.count, isKeyStart(s[j]) else { return line }
                    // Skip the header itself; it holds no value brackets.
                    while i < s.count, s[i] != "\n", s[i] != "#" {
                        if s[i] == "\"" || s[i] == "'" { skipString(s[i]) } else { i += 1 }
                    }
                    atLineStart = false
                    continue
                }
                depth += 1
            case "{":
                depth += 1
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
            i += 1
        }
        return nil
    }
}
