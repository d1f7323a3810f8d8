/// Spells a summary in Markdown (CommonMark with GitHub's tables).
///
/// Typed text can never change the structure: every character Markdown gives a meaning inside a
/// line is backslash-escaped, and so is anything that could start a block (`#`, `-`, `+`, `=`,
/// `>`, `1.`) at the start of a typed run; text is one line, so no line of it can become a heading,
/// a list item or a table row of its own. Links become autolinks `<https://…>`.
public enum MarkdownRenderer {
    /// The document as UTF-8 bytes.
    public static func render(_ document: SummaryDocument) -> [UInt8] {
        document.spelled(into: { render($0, to: &$1) })
    }

    static func render(_ block: SummaryDocument.Block, to out: inout [UInt8]) {
        switch block {
        case .heading(let level, let inlines):
            out.append(contentsOf: repeatElement(UInt8(ascii: "#"), count: max(1, min(6, level))))
            out.append(0x20)
            line(inlines, to: &out)
            out.append(0x0A)
        case .paragraph(let inlines):
            line(inlines, to: &out)
            out.append(0x0A)
        case .list(let items):
            for item in items {
                out.append(contentsOf: "- ".utf8)
                line(item, to: &out)
                out.append(0x0A)
            }
        case .table(let header, let right, let rows):
            out.append(contentsOf: ("| " + header.joined(separator: " | ") + " |\n").utf8)
            out.append(contentsOf: ("|" + header.indices.map { i in right.indices.contains(i) && right[i] ? " --: |" : " :-- |" }.joined() + "\n").utf8)
            for row in rows {
                out.append(contentsOf: "| ".utf8)
                for (i, cell) in row.enumerated() {
                    if i > 0 { out.append(contentsOf: " | ".utf8) }
                    let before = out.count
                    line(cell, to: &out)
                    if out.count == before { out.append(0x20) }
                }
                out.append(contentsOf: " |\n".utf8)
            }
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
            guard !links.isEmpty else {
                escape(text, first: true, to: &out)
                return
            }
            for (i, segment) in PeopleText.segments(text, links: links).enumerated() {
                switch segment {
                case .link(let url) where isAutolinkable(url):
                    out.append(UInt8(ascii: "<"))
                    out.append(contentsOf: url.utf8)
                    out.append(UInt8(ascii: ">"))
                case .link(let text), .text(let text):
                    escape(text, first: i == 0, to: &out)
                }
            }
        case .emphasis(let inner):
            var bytes: [UInt8] = []
            line(inner, to: &bytes)
            // `*` around text that starts or ends with a space would not be emphasis; keep words plain then.
            if let first = bytes.first, let last = bytes.last, !startsOrEndsWithSpace(bytes, first: first, last: last) {
                out.append(UInt8(ascii: "*"))
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "*"))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// Whether the text's first or last character is a space. A character other than a space
    /// can start or end with a space's byte (a prepended mark before one), so only then are
    /// characters looked at; most text needs no String made.
    static func startsOrEndsWithSpace(_ bytes: [UInt8], first: UInt8, last: UInt8) -> Bool {
        guard first == 0x20 || last == 0x20 else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.first == " " || text.last == " "
    }

    /// CommonMark autolinks take any characters but spaces, controls, `<` and `>`; a `|` would
    /// split a table cell even inside one, so such a link is shown as escaped text. Read as
    /// bytes: U+0080-U+009F are `C2 80`-`C2 9F`.
    static func isAutolinkable(_ url: String) -> Bool {
        var previous: UInt8 = 0
        for b in url.utf8 {
            if b <= 0x20 || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "|") || b == 0x7F
                || (previous == 0xC2 && (0x80...0x9F).contains(b)) {
                return false
            }
            previous = b
        }
        return true
    }

    /// Characters with a meaning anywhere in a line (emphasis, code, links, HTML, entities, tables,
    /// strikethrough, maths, headings' closing `#`).
    static func isInlineSpecial(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "$", "!": true
        default: false
        }
    }

    /// What each byte can mean: `inline` (special anywhere in a line) and `block` (special at
    /// the start of a run). Bytes of non-ASCII scalars mean nothing: every special is ASCII.
    static let byteMeaning: [UInt8] = (0...255).map { b in
        guard b < 0x80 else { return 0 }
        let s = Unicode.Scalar(UInt8(b))
        return (isInlineSpecial(s) ? inlineByte : 0) | (isBlockStart(s) ? blockByte : 0)
    }
    static let inlineByte: UInt8 = 1
    static let blockByte: UInt8 = 2

    /// Whether `escape` changes anything in `bytes`: a leading space, a block start or `1.`
    /// at the start of the first run, an inline special anywhere.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, first: Bool) -> Bool {
        byteMeaning.withUnsafeBufferPointer { meaning in
            if first, let b = bytes.first {
                if b == 0x20 || meaning[Int(b)] & blockByte != 0 { return true }
                var k = 0
                while k < bytes.count, (0x30...0x39).contains(bytes[k]) { k += 1 }
                if k > 0, k < bytes.count, bytes[k] == 0x2E || bytes[k] == 0x29 { return true }
            }
            for b in bytes where meaning[Int(b)] & inlineByte != 0 { return true }
            return false
        }
    }

    static func isBlockStart(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "+" || s == "=" }

    /// `text` with everything Markdown would read as markup backslash-escaped. When it is the
    /// `first` run of typed text, its leading spaces are dropped (four would start code) and what
    /// could start a block is escaped too. Works on Unicode scalars, as Markdown parsers do, so a
    /// combining mark after `*` does not hide it.
    public static func escape(_ text: String, first: Bool = true) -> String {
        var out: [UInt8] = []
        escape(text, first: first, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, first: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Most text has nothing to escape: one look at its bytes, and it is copied as it is.
            guard needsEscape(bytes, first: first) else {
                out.append(contentsOf: bytes)
                return
            }
            // Every character that matters is ASCII, and a UTF-8 byte below 0x80 is always a whole
            // scalar: the bytes are copied as they come, a backslash put before the special ones.
            // The start of the first run is read byte by byte (leading spaces, a block start,
            // `1.`); the rest is copied in runs between inline specials.
            var atStart = first
            var digitsOnly = first
            var k = 0
            while k < bytes.count, atStart || digitsOnly {
                let byte = bytes[k]
                k += 1
                if atStart, byte == 0x20 { continue }
                if byte < 0x80 {
                    let scalar = Unicode.Scalar(byte)
                    if isInlineSpecial(scalar) || (atStart && isBlockStart(scalar)) {
                        out.append(0x5C)
                    } else if digitsOnly, !atStart, byte == 0x2E || byte == 0x29 {
                        // `1.` or `1)` would start an ordered list.
                        out.append(0x5C)
                    }
                    digitsOnly = digitsOnly && (0x30...0x39).contains(byte)
                } else {
                    digitsOnly = false
                }
                atStart = false
                out.append(byte)
            }
            byteMeaning.withUnsafeBufferPointer { meaning in
                var run = k
                while k < bytes.count {
                    if meaning[Int(bytes[k])] & inlineByte != 0 {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<k]))
                        out.append(0x5C)
                        run = k
                    }
                    k += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<k]))
            }
        }
    }
}
