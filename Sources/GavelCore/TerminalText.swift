/// Text from people (agenda titles, speaker names, notes, values quoted in errors) made safe for
/// a terminal: control characters and bidirectional overrides are shown escaped (`^[`,
/// `\u{202e}`) instead of reaching the terminal, where `\e]2;...\a` would retitle the window and
/// `\e[2J` clear it.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for s in text.unicodeScalars {
            if needsEscape(s) { out += escape(s) } else { out.unicodeScalars.append(s) }
        }
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
