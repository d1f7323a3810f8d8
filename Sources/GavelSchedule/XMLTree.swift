import Foundation
import GavelCore

/// A small element tree, each element with its line, read by `XMLReader`.
///
/// Freed without recursion: a document nested 28,000 levels deep would overflow the stack if
/// each node's release released its children in turn.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    let line: Int
    var text = ""
    var children: [XMLElementNode] = []

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    deinit {
        guard !children.isEmpty else { return }
        var pending = children
        children = []
        while let node = pending.popLast() {
            // Taking the grandchildren out first means `node` dies here with no children of its own.
            if !node.children.isEmpty {
                pending.append(contentsOf: node.children)
                node.children = []
            }
        }
    }

    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }
    /// The text of a child element, cleaned; nil when absent or blank.
    func value(_ name: String) -> String? { ScheduleText.nonEmpty(child(name)?.text) }

    /// Parses `data` (UTF-8, UTF-16 with or without a byte-order mark, or Latin-1 when declared);
    /// a syntax error becomes `FILE:LINE: message`.
    static func parse(_ data: Data, file: String) throws(FileError) -> XMLElementNode {
        let text = try XMLText.decode(Array(data), file: file)
        return try XMLReader.parse(Array(text.utf8), file: file)
    }
}

/// The encoding of an XML document, decided before anything reads it (XML 1.0 appendix F): a
/// byte-order mark, else the pattern of NUL bytes around the first `<` (UTF-16 without a mark),
/// else the declaration's `encoding`, else UTF-8. The decoded text is what every later check sees,
/// so NUL bytes cannot hide markup from them.
enum XMLText {
    static func decode(_ bytes: [UInt8], file: String) throws(FileError) -> String {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00])
            || bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) {
            throw FileError(file: file, line: 1, "the file is UTF-32; save the schedule as UTF-8")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(Array(bytes.dropFirst(3)), file: file) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(Array(bytes.dropFirst(2)), bigEndian: true, file: file) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(Array(bytes.dropFirst(2)), bigEndian: false, file: file) }
        if bytes.count >= 2, bytes[0] == 0x00, bytes[1] != 0x00 { return try utf16(bytes, bigEndian: true, file: file) }
        if bytes.count >= 2, bytes[0] != 0x00, bytes[1] == 0x00 { return try utf16(bytes, bigEndian: false, file: file) }
        if let declared = declaredEncoding(bytes)?.lowercased() {
            switch declared {
            case "utf-8", "utf8", "us-ascii", "ascii": break
            case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
                return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            default:
                throw FileError(file: file, line: 1, "the XML declares encoding \"\(declared)\", which its bytes are not or gavel does not read; save the schedule as UTF-8")
            }
        }
        return try utf8(bytes, file: file)
    }

    static func utf8(_ bytes: [UInt8], file: String) throws(FileError) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        throw FileError(file: file, line: ScheduleReading.firstInvalidUTF8Line(bytes) ?? 1, "not UTF-8 text; schedule XML must be UTF-8 (or UTF-16)")
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool, file: String) throws(FileError) -> String {
        guard bytes.count % 2 == 0 else { throw FileError(file: file, line: nil, "UTF-16 text with an odd number of bytes; the file is cut short") }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        var out = String.UnicodeScalarView()
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                out.append(s)
            case .emptyInput: break loop
            case .error: throw FileError(file: file, line: line, "not UTF-16 text (a lone surrogate); save the schedule as UTF-8")
            }
        }
        return String(out)
    }

    /// The `encoding="..."` of an XML declaration at the start, if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let close = head.range(of: "?>") else { return nil }
        let declaration = head[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}

/// A non-recursive XML 1.0 reader for schedules: elements, attributes, text, CDATA, comments,
/// processing instructions and a DOCTYPE without entity declarations. It never loads anything
/// (no external entities) and never expands a declared entity (no billion laughs), has no limit
/// on size or depth but memory, and runs in time linear in the input.
enum XMLReader {
    static func parse(_ b: [UInt8], file: String) throws(FileError) -> XMLElementNode {
        var i = 0
        var line = 1
        let n = b.count
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var text: [UInt8] = []

        func fail(_ message: String, at l: Int? = nil) -> FileError { FileError(file: file, line: l ?? line, "XML syntax: \(message)") }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func isNameByte(_ c: UInt8) -> Bool {
            !(isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") || c == UInt8(ascii: "=") || c == UInt8(ascii: "<")
              || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "&") || c == UInt8(ascii: "?")
              || c == UInt8(ascii: "!") || c == UInt8(ascii: ";"))
        }
        func starts(_ s: String, at k: Int) -> Bool {
            var j = k
            for u in s.utf8 { guard j < n, b[j] == u else { return false }; j += 1 }
            return true
        }
        /// Advances past `close`, counting lines; false at the end of input.
        func skip(past close: String) -> Bool {
            let c = Array(close.utf8)
            while i < n {
                if b[i] == c[0], starts(close, at: i) { i += c.count; return true }
                if b[i] == 0x0A { line += 1 }
                i += 1
            }
            return false
        }
        func checkChar(_ c: UInt8) throws(FileError) {
            if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D { throw fail("a character XML does not allow, such as a control character") }
        }
        /// Reads `&...;` at `i` (which is `&`), appending the character to `out`.
        func entity(into out: inout [UInt8]) throws(FileError) {
            var j = i + 1
            while j < n, j - i <= 12, b[j] != UInt8(ascii: ";"), !isSpace(b[j]), b[j] != UInt8(ascii: "<"), b[j] != UInt8(ascii: "&") { j += 1 }
            guard j < n, b[j] == UInt8(ascii: ";"), j > i + 1 else {
                throw fail("'&' without an entity name, or an entity reference without its ';'; write & as &amp;")
            }
            let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                else { throw fail("an unknown entity &\(name.prefix(20));; only &amp; &lt; &gt; &quot; &apos; and &#NNN; are defined") }
                guard let s = scalar, s.value >= 0x20 || s.value == 0x09 || s.value == 0x0A || s.value == 0x0D,
                      s.value != 0xFFFE, s.value != 0xFFFF else {
                    throw fail("a character reference &\(name.prefix(12)); to a character XML does not allow")
                }
            }
            guard let s = scalar else { throw fail("a character reference &\(name.prefix(12)); names no character") }
            out.append(contentsOf: String(s).utf8)
            i = j + 1
        }
        func flushText() {
            guard !text.isEmpty else { return }
            if let top = stack.last { top.text += String(decoding: text, as: UTF8.self) }
            text.removeAll(keepingCapacity: true)
        }

        while i < n {
            let c = b[i]
            if c != UInt8(ascii: "<") {
                if c == UInt8(ascii: "&") {
                    guard !stack.isEmpty else { throw fail("the document ends early, or has more after its root element") }
                    try entity(into: &text)
                    continue
                }
                if stack.isEmpty {
                    try checkChar(c)
                    if c == 0x0A { line += 1 }
                    guard isSpace(c) else { throw fail(root == nil ? "text before the root element" : "the document ends early, or has more after its root element") }
                    i += 1
                    continue
                }
                // A run of text up to the next markup or reference, appended at once.
                let from = i
                while i < n {
                    let d = b[i]
                    if d == UInt8(ascii: "<") || d == UInt8(ascii: "&") { break }
                    if d < 0x20 {
                        if d == 0x0A { line += 1 } else if d != 0x09 && d != 0x0D { try checkChar(d) }
                    }
                    i += 1
                }
                text.append(contentsOf: b[from..<i])
                continue
            }
            // Markup.
            let startLine = line
            if starts("<!--", at: i) {
                i += 4
                guard skip(past: "-->") else { throw fail("a comment <!-- is never closed", at: startLine) }
                continue
            }
            if starts("<![CDATA[", at: i) {
                guard !stack.isEmpty else { throw fail("CDATA outside the root element", at: startLine) }
                i += 9
                let from = i
                guard skip(past: "]]>") else { throw fail("a CDATA section is never closed", at: startLine) }
                for k in from..<(i - 3) { try checkChar(b[k]) }
                text.append(contentsOf: b[from..<(i - 3)])
                continue
            }
            if starts("<?", at: i) {
                i += 2
                guard skip(past: "?>") else { throw fail("a processing instruction <?…?> is never closed", at: startLine) }
                continue
            }
            if starts("<!DOCTYPE", at: i) {
                guard root == nil, stack.isEmpty else { throw fail("a DOCTYPE inside the document", at: startLine) }
                i += 9
                var quote: UInt8?
                var depth = 0
                while i < n {
                    let d = b[i]
                    if d == 0x0A { line += 1 }
                    if let q = quote { if d == q { quote = nil } }
                    else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") { quote = d }
                    else if d == UInt8(ascii: "[") { depth += 1 }
                    else if d == UInt8(ascii: "]") { depth -= 1 }
                    else if d == UInt8(ascii: "<"), depth > 0, starts("<!ENTITY", at: i) {
                        throw fail("<!ENTITY declarations are not supported in a schedule; remove the DOCTYPE's [...] part")
                    } else if d == UInt8(ascii: ">"), depth <= 0 { break }
                    i += 1
                }
                guard i < n else { throw fail("the DOCTYPE is never closed", at: startLine) }
                i += 1
                continue
            }
            if starts("<!", at: i) { throw fail("a malformed <! declaration", at: startLine) }
            if starts("</", at: i) {
                i += 2
                let from = i
                while i < n, isNameByte(b[i]) { i += 1 }
                let name = String(decoding: b[from..<i], as: UTF8.self)
                while i < n, isSpace(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
                guard i < n, b[i] == UInt8(ascii: ">") else { throw fail("a tag is not finished (a '>' is missing)", at: startLine) }
                i += 1
                guard let open = stack.last else { throw fail("a closing tag </\(name.prefix(40))> with nothing open", at: startLine) }
                guard open.name == name else {
                    throw fail("a closing tag does not match the element it closes: </\(name.prefix(40))> closes <\(open.name.prefix(40))> of line \(open.line)", at: startLine)
                }
                flushText()
                stack.removeLast()
                continue
            }
            // A start tag.
            i += 1
            let from = i
            while i < n, isNameByte(b[i]) { i += 1 }
            guard i > from, !(b[from] >= 0x30 && b[from] <= 0x39), b[from] != UInt8(ascii: "-"), b[from] != UInt8(ascii: ".") else {
                throw fail("'<' that starts no element; write < in text as &lt;", at: startLine)
            }
            let name = String(decoding: b[from..<i], as: UTF8.self)
            var attributes: [String: String] = [:]
            var selfClosing = false
            while true {
                while i < n, isSpace(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
                guard i < n else { throw fail("a tag is not finished (a '>' is missing)", at: startLine) }
                if b[i] == UInt8(ascii: ">") { i += 1; break }
                if b[i] == UInt8(ascii: "/") {
                    guard i + 1 < n, b[i + 1] == UInt8(ascii: ">") else { throw fail("a tag is not finished (a '>' is missing)", at: startLine) }
                    i += 2
                    selfClosing = true
                    break
                }
                let aFrom = i
                while i < n, isNameByte(b[i]) { i += 1 }
                guard i > aFrom else { throw fail("a malformed attribute (attribute values need quotes)") }
                let aName = String(decoding: b[aFrom..<i], as: UTF8.self)
                while i < n, isSpace(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
                guard i < n, b[i] == UInt8(ascii: "=") else { throw fail("a malformed attribute (attribute values need quotes)") }
                i += 1
                while i < n, isSpace(b[i]) { if b[i] == 0x0A { line += 1 }; i += 1 }
                guard i < n, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
                    throw fail("a malformed attribute (attribute values need quotes)")
                }
                let quote = b[i]
                i += 1
                var value: [UInt8] = []
                while i < n, b[i] != quote {
                    let d = b[i]
                    if d == UInt8(ascii: "<") { throw fail("'<' inside an attribute value") }
                    if d == UInt8(ascii: "&") { try entity(into: &value); continue }
                    try checkChar(d)
                    if d == 0x0A { line += 1 }
                    // Attribute-value normalisation: white space becomes a space.
                    value.append(isSpace(d) ? 0x20 : d)
                    i += 1
                }
                guard i < n else { throw fail("an attribute value is never closed", at: startLine) }
                i += 1
                guard attributes[aName] == nil else { throw fail("an attribute given twice (\(aName.prefix(40)))") }
                attributes[aName] = String(decoding: value, as: UTF8.self)
            }
            guard stack.isEmpty == false || root == nil else { throw fail("the document ends early, or has more after its root element", at: startLine) }
            flushText()
            let node = XMLElementNode(name: name, attributes: attributes, line: startLine)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            if !selfClosing { stack.append(node) }
        }
        if let open = stack.last { throw fail("<\(open.name.prefix(40))> is never closed", at: open.line) }
        guard let root else { throw FileError(file: file, line: nil, "no XML elements in the file") }
        return root
    }
}
