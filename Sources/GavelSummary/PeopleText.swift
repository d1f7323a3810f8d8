import GavelCore

/// Text typed by people (notes, names) made safe to put in a summary, before any format's own
/// escaping: control characters are removed, and line breaks and tabs become spaces, so a note
/// is always one line of printable text.
public enum PeopleText {
    /// `text` without control characters (Unicode general category Cc). Tabs, line feeds,
    /// vertical tabs, form feeds, carriage returns, the next-line character and the Unicode line
    /// and paragraph separators each become one space; every other control character is dropped.
    public static func clean(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isControl(scalar) || isLineSeparator(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isSpaceLike(scalar) {
                out.append(" ")
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    static func isLineSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029
    }

    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A piece of a line of text: words, or a link to keep as a link.
    public enum Segment: Sendable, Equatable {
        case text(String)
        case link(String)
    }

    /// `text` cut into plain runs and the links `NoteText` found in it, in order.
    public static func segments(_ text: String, links: [String]) -> [Segment] {
        guard !links.isEmpty else { return text.isEmpty ? [] : [.text(text)] }
        var out: [Segment] = []
        var rest = text[...]
        for link in links {
            guard let range = rest.range(of: link) else { continue }
            if range.lowerBound > rest.startIndex { out.append(.text(String(rest[..<range.lowerBound]))) }
            out.append(.link(link))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out
    }
}
