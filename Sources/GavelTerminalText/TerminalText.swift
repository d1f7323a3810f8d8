/// Text from people (agenda titles, speaker names, notes, values quoted in errors) made safe for
/// a terminal: control characters and bidirectional overrides are shown escaped (`^[`,
/// `\u{202e}`) instead of reaching the terminal, where `\e]2;...\a` would retitle the window and
/// `\e[2J` clear it. The views, `gavel check` and every `FILE:LINE` message go through it.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        // Printable ASCII, the common case, needs nothing.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if text.unicodeScalars.allSatisfy(TextWidth.isPlain) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if let first = ch.unicodeScalars.first, !needsEscape(first), TextWidth.of(first) == 0 {
                // A mark with nothing to mark (after a control character, or alone): shown by its
                // code, so it cannot join what is drawn before it into a wider character.
                for s in ch.unicodeScalars { out += escape(s) }
            } else if ch.unicodeScalars.contains(where: needsEscape) {
                for s in ch.unicodeScalars { out += needsEscape(s) ? escape(s) : String(s) }
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Multi-line text (a summary printed to a terminal): each line escaped, line breaks kept.
    public static func escapedLines(_ text: String) -> String {
        // Lines of printable ASCII or plain scalars need nothing (`escaped` gives each back as
        // it is), and a line feed is always a character of its own: the text is its own answer.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        if text.unicodeScalars.allSatisfy({ $0 == "\n" || TextWidth.isPlain($0) }) { return text }
        // Cut at each line feed found in the bytes: a line feed is a character of its own unless
        // a carriage return comes right before it (CR LF is one character, and no line break
        // here, as splitting at the character "\n" has it).
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let bytes = text.utf8
        var start = bytes.startIndex
        var previous: UInt8 = 0
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == 0x0A, previous != 0x0D {
                out += escaped(String(text[start..<i]))
                out += "\n"
                start = bytes.index(after: i)
            }
            previous = b
            i = bytes.index(after: i)
        }
        out += escaped(String(text[start...]))
        return out
    }

    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F { return true }
        if v >= 0x80 && v < 0xA0 { return true }
        // Bidirectional embeddings, overrides and isolates can reorder what follows on the line.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        // Line and paragraph separators.
        if v == 0x2028 || v == 0x2029 { return true }
        return false
    }

    static func escape(_ s: Unicode.Scalar) -> String {
        let v = s.value
        if v < 0x20 { return "^" + String(Character(Unicode.Scalar(UInt8(v + 0x40)))) }
        if v == 0x7F { return "^?" }
        return "\\u{" + String(v, radix: 16) + "}"
    }
}
