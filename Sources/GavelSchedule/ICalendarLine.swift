import GavelCore

/// One unfolded iCalendar content line (RFC 5545 §3.1): `NAME;PARAM=value:VALUE`, with the line
/// it starts on.
struct ICalendarLine: Sendable, Equatable {
    var line: Int
    var name: String
    var parameters: [String: String]
    var value: String

    /// Splits text into unfolded content lines. Lines starting with a space or tab continue the
    /// previous one; CRLF and LF both end lines; blank lines are skipped.
    static func lines(_ text: String, file: String) throws(FileError) -> [ICalendarLine] {
        var logical: [(line: Int, text: String)] = []
        var number = 0
        // "\r\n" is one Character in Swift; both it and "\n" end a line.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var physical = Substring(raw)
            if physical.hasSuffix("\r") { physical = physical.dropLast() }
            if let first = physical.first, first == " " || first == "\t", !logical.isEmpty {
                logical[logical.count - 1].text += physical.dropFirst()
                continue
            }
            if physical.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            logical.append((number, String(physical)))
        }
        var out: [ICalendarLine] = []
        for (line, text) in logical {
            guard let parsed = parse(text) else {
                throw FileError(file: file, line: line, "not an iCalendar content line (NAME:value): \"\(text.prefix(60))\"")
            }
            out.append(ICalendarLine(line: line, name: parsed.name, parameters: parsed.parameters, value: parsed.value))
        }
        return out
    }

    /// `DTSTART;TZID="Europe/Paris":20240203T093000` -> name, parameters, value. Quoted parameter
    /// values may hold `:` `;` `,`. Names are upper-cased and stray spaces around them dropped.
    static func parse(_ text: String) -> (name: String, parameters: [String: String], value: String)? {
        let chars = Array(text)
        var i = 0
        var name = ""
        while i < chars.count, chars[i] != ";", chars[i] != ":" { name.append(chars[i]); i += 1 }
        name = name.trimmingCharacters(in: .whitespaces).uppercased()
        guard !name.isEmpty, i < chars.count, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        var parameters: [String: String] = [:]
        while i < chars.count, chars[i] == ";" {
            i += 1
            var key = ""
            while i < chars.count, chars[i] != "=", chars[i] != ":", chars[i] != ";" { key.append(chars[i]); i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                var quoted = false
                while i < chars.count {
                    let c = chars[i]
                    if c == "\"" { quoted.toggle(); i += 1; continue }
                    if !quoted, c == ";" || c == ":" { break }
                    value.append(c)
                    i += 1
                }
            }
            parameters[key.trimmingCharacters(in: .whitespaces).uppercased()] = value.trimmingCharacters(in: .whitespaces)
        }
        guard i < chars.count, chars[i] == ":" else { return nil }
        return (name, parameters, String(chars[(i + 1)...]))
    }

    /// TEXT values (§3.3.11): `\\` `\,` `\;` `\n` `\N` unescaped.
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for c in text {
            if escaping {
                switch c {
                case "n", "N": out.append("\n")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A list value split at unescaped commas, each part unescaped (CATEGORIES).
    static func list(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for c in text {
            if escaping { current.append("\\"); current.append(c); escaping = false }
            else if c == "\\" { escaping = true }
            else if c == "," { parts.append(current); current = "" }
            else { current.append(c) }
        }
        parts.append(current)
        return parts.map(unescape)
    }

    /// TEXT escaping for writing.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(c)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out + "\r\n"
    }
}
