/// Spells a summary in MediaWiki markup, as conference wikis use it.
///
/// Typed text that holds anything wiki markup could read is HTML-escaped (`&`, `<`, `>`) and
/// wrapped in `<nowiki>`, so it can neither format nor break a heading, a list or a table
/// (nor expand `~~~~` into a signature). Links stay bare URLs, which MediaWiki turns into links,
/// unless they contain a character that would end or change one.
public enum MediaWikiRenderer {
    /// The document as UTF-8 bytes.
    public static func render(_ document: SummaryDocument) -> [UInt8] {
        document.spelled(into: { render($0, to: &$1) })
    }

    static func render(_ block: SummaryDocument.Block, to out: inout [UInt8]) {
        switch block {
        case .heading(let level, let inlines):
            // Level 1 of a page is its title: a summary's title is `==`.
            let marks = repeatElement(UInt8(ascii: "="), count: max(2, min(6, level + 1)))
            out.append(contentsOf: marks)
            out.append(0x20)
            line(inlines, to: &out)
            out.append(0x20)
            out.append(contentsOf: marks)
            out.append(0x0A)
        case .paragraph(let inlines):
            line(inlines, to: &out)
            out.append(0x0A)
        case .list(let items):
            for item in items {
                out.append(contentsOf: "* ".utf8)
                line(item, to: &out)
                out.append(0x0A)
            }
        case .table(let header, let right, let rows):
            out.append(contentsOf: "{| class=\"wikitable\"\n".utf8)
            out.append(contentsOf: ("! " + header.joined(separator: " !! ") + "\n").utf8)
            for row in rows {
                out.append(contentsOf: "|-\n| ".utf8)
                for (i, cell) in row.enumerated() {
                    if i > 0 { out.append(contentsOf: " || ".utf8) }
                    if right.indices.contains(i) && right[i] { out.append(contentsOf: "style=\"text-align:right\" | ".utf8) }
                    line(cell, to: &out)
                }
                out.append(0x0A)
            }
            out.append(contentsOf: "|}\n".utf8)
        }
    }

    static func line(_ inlines: [SummaryDocument.Inline], to out: inout [UInt8]) {
        for inline in inlines { append(inline, to: &out) }
    }

    static func append(_ inline: SummaryDocument.Inline, to out: inout [UInt8]) {
        switch inline {
        case .plain(let text):
            out.append(contentsOf: text.utf8)
        case .typed(let text, let links):
            for segment in PeopleText.segments(text, links: links) {
                switch segment {
                case .link(let url) where isBareLink(url):
                    out.append(contentsOf: url.utf8)
                case .link(let text), .text(let text):
                    escape(text, to: &out)
                }
            }
        case .emphasis(let inner):
            out.append(contentsOf: "''".utf8)
            line(inner, to: &out)
            out.append(contentsOf: "''".utf8)
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
        var out: [UInt8] = []
        escape(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, to out: inout [UInt8]) {
        guard needsNowiki(text) else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(contentsOf: "<nowiki>".utf8)
        // Copied in runs between the three bytes that become entities.
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for (i, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(contentsOf: "</nowiki>".utf8)
    }

    /// Whether `url` can stand bare: only characters that neither end a free link nor start
    /// markup, and neither `~~~` (a signature) nor `__` (a magic word) in it. One pass over the
    /// bytes: Foundation's `contains` of a String took ~8,700 instructions a link.
    static func isBareLink(_ url: String) -> Bool {
        var tildes = 0, underscores = 0
        for b in url.utf8 {
            guard isBareLinkByte(b) else { return false }
            tildes = b == UInt8(ascii: "~") ? tildes + 1 : 0
            underscores = b == UInt8(ascii: "_") ? underscores + 1 : 0
            if tildes == 3 || underscores == 2 { return false }
        }
        return true
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
