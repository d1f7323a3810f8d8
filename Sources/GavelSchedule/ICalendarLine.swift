import GavelCore

/// One unfolded iCalendar content line (RFC 5545 §3.1): `NAME;PARAM=value:VALUE`, with the line
/// it starts on.
struct ICalendarLine: Sendable, Equatable {
    var line: Int
    var name: String
    var parameters: [String: String]
    var value: String

    /// Splits bytes into unfolded content lines, in one pass over the bytes.
    ///
    /// Lines end at CRLF, LF or a lone CR (old Mac files); a line starting with a space or tab
    /// continues the previous one. Unfolding happens on bytes, before decoding, because a folder
    /// may split a UTF-8 sequence (§3.1 says not to, and some do); each logical line is then
    /// decoded, and one that is not UTF-8 is refused at its line. Blank lines are skipped.
    static func lines(_ bytes: [UInt8], file: String) throws(FileError) -> [ICalendarLine] {
        var out: [ICalendarLine] = []
        out.reserveCapacity(bytes.count / 40)
        var logical: [UInt8] = []
        var logicalLine = 0
        var number = 0
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count

        func flush() throws(FileError) {
            defer { logical.removeAll(keepingCapacity: true) }
            guard !logical.isEmpty else { return }
            if logical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            guard let parsed = parse(logical) else {
                let shown = String(decoding: logical.prefix(60), as: UTF8.self)
                throw FileError(file: file, line: logicalLine, "not an iCalendar content line (NAME:value): \"\(shown)\"")
            }
            guard let value = String(validating: parsed.value, as: UTF8.self),
                  let parameters = parsed.parameters.decoded() else {
                throw FileError(file: file, line: logicalLine, "not UTF-8 text; iCalendar files are UTF-8")
            }
            out.append(ICalendarLine(line: logicalLine, name: parsed.name, parameters: parameters, value: value))
        }

        while i < n {
            number += 1
            var end = i
            while end < n, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let continues = i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) && !logical.isEmpty
            if continues {
                logical.append(contentsOf: bytes[(i + 1)..<end])
            } else {
                try flush()
                logical.append(contentsOf: bytes[i..<end])
                logicalLine = number
            }
            // CRLF is one line end; a lone CR or LF is one too.
            if end < n, bytes[end] == 0x0D, end + 1 < n, bytes[end + 1] == 0x0A { i = end + 2 } else { i = end + 1 }
        }
        try flush()
        return out
    }

    /// Parameters as raw bytes until the whole line is known to be UTF-8.
    struct RawParameters {
        var pairs: [([UInt8], [UInt8])] = []
        func decoded() -> [String: String]? {
            if pairs.isEmpty { return [:] }
            var out: [String: String] = [:]
            for (k, v) in pairs {
                guard let key = String(validating: trimmed(k).map(asciiUpper), as: UTF8.self),
                      let value = String(validating: trimmed(v), as: UTF8.self) else { return nil }
                out[key] = value
            }
            return out
        }

        func trimmed(_ b: [UInt8]) -> ArraySlice<UInt8> {
            var s = b[...]
            while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
            while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
            return s
        }
    }

    /// `DTSTART;TZID="Europe/Paris":20240203T093000` -> name, parameters, value. Quoted parameter
    /// values may hold `:` `;` `,`. Names are upper-cased and stray spaces around them dropped.
    static func parse(_ bytes: [UInt8]) -> (name: String, parameters: RawParameters, value: ArraySlice<UInt8>)? {
        var i = 0
        let n = bytes.count
        while i < n, bytes[i] != UInt8(ascii: ";"), bytes[i] != UInt8(ascii: ":") { i += 1 }
        var nameBytes = bytes[0..<i]
        while let f = nameBytes.first, f == 0x20 || f == 0x09 { nameBytes = nameBytes.dropFirst() }
        while let l = nameBytes.last, l == 0x20 || l == 0x09 { nameBytes = nameBytes.dropLast() }
        guard !nameBytes.isEmpty, i < n, nameBytes.allSatisfy({ b in
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
        }) else { return nil }
        let name = String(decoding: nameBytes.map(asciiUpper), as: UTF8.self)
        var parameters = RawParameters()
        while i < n, bytes[i] == UInt8(ascii: ";") {
            i += 1
            let keyStart = i
            while i < n, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ":"), bytes[i] != UInt8(ascii: ";") { i += 1 }
            let key = Array(bytes[keyStart..<i])
            var value: [UInt8] = []
            if i < n, bytes[i] == UInt8(ascii: "=") {
                i += 1
                var quoted = false
                while i < n {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") { quoted.toggle(); i += 1; continue }
                    if !quoted, c == UInt8(ascii: ";") || c == UInt8(ascii: ":") { break }
                    value.append(c)
                    i += 1
                }
            }
            parameters.pairs.append((key, value))
        }
        guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
        return (name, parameters, bytes[(i + 1)...])
    }

    /// For tests and single lines: the same parse from text.
    static func parse(_ text: String) -> (name: String, parameters: [String: String], value: String)? {
        guard let p = parse(Array(text.utf8)), let params = p.parameters.decoded() else { return nil }
        return (p.name, params, String(decoding: p.value, as: UTF8.self))
    }

    /// A keyword value (`VEVENT`, `CANCELLED`): spaces around it dropped, ASCII upper-cased.
    static func word(_ text: String) -> String {
        var b = Array(text.utf8)[...]
        while let f = b.first, f == 0x20 || f == 0x09 { b = b.dropFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 { b = b.dropLast() }
        return String(decoding: b.map(asciiUpper), as: UTF8.self)
    }

    /// TEXT values (§3.3.11): `\\` `\,` `\;` `\n` `\N` unescaped.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
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

    /// TEXT escaping for writing, after `ExportText` took out what a calendar cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in ExportText.clean(text, keepLineBreaks: true) {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
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

/// ASCII letters upper-cased, every other byte as it is (names and parameter keys are ASCII).
func asciiUpper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
