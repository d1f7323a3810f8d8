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
        guard text.contains("&") else { return text }
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
        guard !speakers.isEmpty else { return title }
        let lists = [speakers.joined(separator: ", "), speakers.joined(separator: " & "), speakers.joined(separator: " and "),
                     speakers.joined(separator: ", ").replacingOccurrences(of: ", \(speakers.last ?? "")", with: " and \(speakers.last ?? "")")]
        for names in Set(lists) {
            for sep in [" - ", " – ", " — ", " | ", " by "] {
                let suffix = sep + names
                if title.count > suffix.count, title.lowercased().hasSuffix(suffix.lowercased()) {
                    return String(title.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                }
            }
            let paren = " (" + names + ")"
            if title.count > paren.count, title.lowercased().hasSuffix(paren.lowercased()) {
                return String(title.dropLast(paren.count)).trimmingCharacters(in: .whitespaces)
            }
            for sep in [": ", " - ", " – "] {
                let prefix = names + sep
                if title.count > prefix.count, title.lowercased().hasPrefix(prefix.lowercased()) {
                    return String(title.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return title
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
