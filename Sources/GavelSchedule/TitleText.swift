/// Titles and names as generators publish them: HTML entities some leave in (`Q&amp;A`, `&#8217;`
/// in iCalendar and in frab text that was escaped twice) decoded, and speaker names that a
/// generator appends to the title (`Title - Jane Doe`, pretalx) taken off when the file names
/// the speakers elsewhere too.
enum TitleText {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "laquo": "«", "raquo": "»", "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™",
        "euro": "€", "pound": "£", "deg": "°", "times": "×", "shy": "",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "aacute": "á", "agrave": "à", "acirc": "â",
        "iacute": "í", "oacute": "ó", "uacute": "ú", "ccedil": "ç", "ntilde": "ñ", "Eacute": "É",
        "aring": "å", "Aring": "Å", "oslash": "ø", "Oslash": "Ø", "aelig": "æ", "AElig": "Æ",
    ]

    /// Decodes `&name;`, `&#NNN;` and `&#xHH;` where they name a character; anything else stays.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") else {
                out.append(c)
                i = text.index(after: i)
                continue
            }
            let body = text[text.index(after: i)..<semi]
            var replacement: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(scalarText)
            } else if body.hasPrefix("#") {
                replacement = UInt32(body.dropFirst()).flatMap(scalarText)
            } else {
                replacement = named[String(body)]
            }
            if let replacement {
                out += replacement
                i = text.index(after: semi)
            } else {
                out.append(c)
                i = text.index(after: i)
            }
        }
        return out
    }

    private static func scalarText(_ v: UInt32) -> String? {
        guard v >= 0x20, let s = Unicode.Scalar(v) else { return nil }
        return String(s)
    }

    /// The title without the speakers' names the generator put in it: `Title - A, B`,
    /// `Title (A)`, `A: Title`. Only when every name matched is it taken off, and never the
    /// whole title.
    static func withoutSpeakers(_ title: String, speakers: [String]) -> String {
        // Most titles name nobody: a byte search rules that out before any list is built.
        guard !speakers.isEmpty, speakers.contains(where: { contains(title, $0) }) else { return title }
        let last = speakers.last ?? ""
        let lists = [speakers.joined(separator: ", "), speakers.joined(separator: " & "), speakers.joined(separator: " and "),
                     speakers.dropLast().joined(separator: ", ") + (speakers.count > 1 ? " and " : "") + last]
        for names in lists where contains(title, names) {
            for sep in [" - ", " – ", " — ", " | ", " by "] {
                let suffix = sep + names
                if title.count > suffix.count, title.hasSuffix(suffix) {
                    return String(title.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                }
            }
            let paren = " (" + names + ")"
            if title.count > paren.count, title.hasSuffix(paren) {
                return String(title.dropLast(paren.count)).trimmingCharacters(in: .whitespaces)
            }
            for sep in [": ", " - ", " – "] {
                let prefix = names + sep
                if title.count > prefix.count, title.hasPrefix(prefix) {
                    return String(title.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return title
    }

    /// Whether `needle`'s UTF-8 occurs in `text`'s.
    static func contains(_ text: String, _ needle: String) -> Bool {
        let h = Array(text.utf8), n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= h.count, let first = n.first else { return n.isEmpty }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == first, h[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    /// pretalx writes `SUMMARY:Title - Speaker One, Speaker Two` and names the speakers nowhere
    /// else: split at the last ` - `.
    static func pretalxSplit(_ summary: String) -> (title: String, speakers: [String]) {
        guard let range = summary.range(of: " - ", options: .backwards) else { return (summary, []) }
        let title = String(summary[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let names = summary[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !title.isEmpty, !names.isEmpty else { return (summary, []) }
        return (title, names)
    }
}
