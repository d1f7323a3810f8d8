/// Spells a summary in MediaWiki markup, as conference wikis use it.
///
/// Typed text that holds anything wiki markup could read is HTML-escaped (`&`, `<`, `>`) and
/// wrapped in `<nowiki>`, so it can neither format nor break a heading, a list or a table
/// (nor expand `~~~~` into a signature). Links stay bare URLs, which MediaWiki turns into links,
/// unless they contain a character that would end or change one.
public enum MediaWikiRenderer {
    public static func render(_ document: SummaryDocument) -> String {
        document.spelled(render)
    }

    static func render(_ block: SummaryDocument.Block) -> String {
        switch block {
        case .heading(let level, let inlines):
            // Level 1 of a page is its title: a summary's title is `==`.
            let marks = String(repeating: "=", count: max(2, min(6, level + 1)))
            return marks + " " + line(inlines) + " " + marks + "\n"
        case .paragraph(let inlines):
            return line(inlines) + "\n"
        case .list(let items):
            return items.map { "* " + line($0) + "\n" }.joined()
        case .table(let header, let right, let rows):
            var out = "{| class=\"wikitable\"\n"
            out += "! " + header.joined(separator: " !! ") + "\n"
            for row in rows {
                out += "|-\n"
                out += "| " + row.enumerated().map { i, cell in
                    let text = line(cell)
                    let align = right.indices.contains(i) && right[i] ? "style=\"text-align:right\" | " : ""
                    return align + text
                }.joined(separator: " || ") + "\n"
            }
            return out + "|}\n"
        }
    }

    static func line(_ inlines: [SummaryDocument.Inline]) -> String {
        var out = ""
        for inline in inlines { append(inline, to: &out) }
        return out
    }

    static func append(_ inline: SummaryDocument.Inline, to out: inout String) {
        switch inline {
        case .plain(let text):
            out += text
        case .typed(let text, let links):
            for segment in PeopleText.segments(text, links: links) {
                switch segment {
                case .link(let url) where isBareLink(url):
                    out += url
                case .link(let text), .text(let text):
                    out += escape(text)
                }
            }
        case .emphasis(let inner):
            out += "''" + line(inner) + "''"
        }
    }

    /// Sequences wiki markup gives a meaning anywhere in a line: links, templates, tables, bold
    /// and italics, signatures, magic words, HTML and entities, free links of other schemes, and
    /// the old magic links.
    static let specialAnywhere = ["''", "[", "]", "{", "}", "|", "~~~", "<", ">", "&", "__", "!!", "----", "://",
                                  "RFC ", "ISBN ", "PMID "]
    /// Characters with a meaning at the start of a line (lists, headings, tables, preformatted
    /// text) or next to markup Gavel writes around the text (`''`, `==`).
    static func isSpecialFirst(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "!"), UInt8(ascii: "'"): true
        default: false
        }
    }
    static func isSpecialLast(_ b: UInt8) -> Bool { b == UInt8(ascii: "=") || b == UInt8(ascii: "'") }
    /// The first bytes of `specialAnywhere`, to skip text that holds none quickly.
    static func isSpecialStart(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "'"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
             UInt8(ascii: "_"), UInt8(ascii: "!"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "R"),
             UInt8(ascii: "I"), UInt8(ascii: "P"): true
        default: false
        }
    }
    static let specialBytes: [[UInt8]] = specialAnywhere.map { Array($0.utf8) }

    /// Every sequence that matters is ASCII, and an ASCII byte is always a whole scalar, so
    /// looking at bytes is looking at Unicode scalars, not characters: a combining mark after
    /// `[` does not hide it.
    static func needsNowiki(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if isSpecialFirst(first) || isSpecialLast(last) { return true }
            for i in bytes.indices where isSpecialStart(bytes[i]) {
                for special in specialBytes where special.count <= bytes.count - i {
                    var k = 0
                    while k < special.count, bytes[i + k] == special[k] { k += 1 }
                    if k == special.count { return true }
                }
            }
            return false
        }
    }

    /// `text` as wiki text that shows exactly those characters.
    public static func escape(_ text: String) -> String {
        guard needsNowiki(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return "<nowiki>" + String(out) + "</nowiki>"
    }

    /// Whether `url` can stand bare: only characters that neither end a free link nor start markup.
    static func isBareLink(_ url: String) -> Bool {
        url.utf8.allSatisfy(isBareLinkByte) && !url.contains("~~~") && !url.contains("__")
    }

    /// `a-zA-Z0-9-._:/?#@!$+,;=%()~*`
    static func isBareLinkByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"),
             UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "~"),
             UInt8(ascii: "*"): true
        default: false
        }
    }
}
