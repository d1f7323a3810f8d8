/// Gavel's own TOML 1.0 reader (plus TOML 1.1's `HH:MM` times without seconds and `\e`).
///
/// Written after fuzzing showed toml++ (inside TOMLKit) aborting on malformed input such as a
/// `[[` header followed by a line break, or a date followed by `T` and a non-digit. This reader
/// keeps the line of every key, so every error a user can make in an agenda or theme is reported
/// as `FILE:LINE: message`, and it never traps on any input.
extension TOML {
    public struct Parser {
        private let b: [UInt8]
        private let file: String
        private var i = 0
        private var line = 1
        private var root = Table(line: 1, origin: .root)
        /// Keys from the root to the table that key/value lines go into.
        private var current: [String] = []
        /// That table, taken out of the tree (an empty placeholder stands in its place) while its
        /// lines are read, so a key costs a look-up in its own table rather than a walk down from
        /// the root: a conference agenda's 11,000 lines walked three levels each, taking out and
        /// putting back a table at every level. It goes back before the next header and at the end.
        private var open = Table(line: 1, origin: .root)
        /// What stands in the parser for the root or the open table while one is taken out.
        private static var placeholder: Table { Table(line: 1, origin: .root) }

        /// Tables, arrays and inline tables nested deeper than this are refused, however they are
        /// nested (a `[a.b.c]` header, a dotted key `a.b.c = 1`, `[[`, `{`), so hostile input cannot
        /// exhaust the stack: reading, comparing and freeing a value all recurse once per level.
        /// A 5000-part dotted key crashed `gavel check` (and a live console loading it as a theme).
        static let maxDepth = 64

        public static func parse(_ text: String, file: String) throws(FileError) -> TOML.Table {
            var p = TOML.Parser(bytes: Array(text.utf8), file: file)
            do {
                try p.document()
                try p.closeOpenTable()
            } catch let e as SyntaxError {
                throw FileError(file: file, line: e.line, "TOML syntax: \(e.message)")
            } catch {
                throw FileError(file: file, line: p.line, "TOML syntax: \(error)")
            }
            return p.root
        }

        struct SyntaxError: Error {
            var line: Int
            var message: String
        }

        private init(bytes: [UInt8], file: String) {
            self.b = bytes
            self.file = file
        }

        private func fail(_ message: String, line: Int? = nil) -> SyntaxError {
            SyntaxError(line: line ?? self.line, message: message)
        }

        // MARK: - Characters

        private var atEnd: Bool { i >= b.count }
        private func peek(_ offset: Int = 0) -> UInt8? { i + offset < b.count ? b[i + offset] : nil }

        private static func isBareKey(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
        }

        private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

        private func describe(_ c: UInt8?) -> String {
            guard let c else { return "the end of the file" }
            switch c {
            case 0x0A: return "a line break"
            case 0x20...0x7E: return "'\(Character(Unicode.Scalar(c)))'"
            default: return String(format: "byte 0x%02X", c)
            }
        }

        private mutating func skipSpaces() {
            while let c = peek(), c == 0x20 || c == 0x09 { i += 1 }
        }

        /// Skips a comment if one starts here; refuses control characters in it.
        private mutating func skipComment() throws {
            guard peek() == 0x23 else { return }
            while let c = peek(), c != 0x0A {
                if c == 0x0D, peek(1) == 0x0A { break }
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character \(describe(c)) in a comment") }
                i += 1
            }
        }

        /// Consumes a line break; false when there is none here.
        private mutating func newline() -> Bool {
            if peek() == 0x0A { i += 1; line += 1; return true }
            if peek() == 0x0D, peek(1) == 0x0A { i += 2; line += 1; return true }
            return false
        }

        /// Skips spaces, comments and line breaks (inside arrays).
        private mutating func skipBlank() throws {
            while true {
                skipSpaces()
                try skipComment()
                if !newline() { return }
            }
        }

        private mutating func endOfLine() throws {
            skipSpaces()
            try skipComment()
            if atEnd { return }
            if !newline() { throw fail("expected the end of the line, saw \(describe(peek()))") }
        }

        // MARK: - Document

        private mutating func document() throws {
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            while true {
                skipSpaces()
                try skipComment()
                if newline() { continue }
                guard let c = peek() else { return }
                if c == 0x5B {
                    try header()
                } else if Self.isBareKey(c) || c == 0x22 || c == 0x27 {
                    let keyLine = line
                    let key = try dottedKey()
                    skipSpaces()
                    guard peek() == 0x3D else { throw fail("expected '=' after the key \"\(key.joined(separator: "."))\", saw \(describe(peek()))") }
                    i += 1
                    skipSpaces()
                    // The value sits as deep as its table and its key's parts put it.
                    let value = try value(depth: try nesting(current.count + key.count - 1))
                    try insert(value, at: key, keyLine: keyLine)
                    try endOfLine()
                } else {
                    throw fail("expected a key, a [table] or a comment, saw \(describe(c))")
                }
            }
        }

        private mutating func header() throws {
            let headerLine = line
            i += 1
            let isArray = peek() == 0x5B
            if isArray { i += 1 }
            skipSpaces()
            guard let c = peek(), Self.isBareKey(c) || c == 0x22 || c == 0x27 else {
                throw fail("a table header needs a name right after its brackets, like [[slot]] or [defaults]")
            }
            let path = try dottedKey()
            _ = try nesting(path.count)
            skipSpaces()
            guard peek() == 0x5D else { throw fail("expected ']' to close the table header, saw \(describe(peek()))") }
            i += 1
            if isArray {
                guard peek() == 0x5D else { throw fail("expected ']]' to close the [[\(path.joined(separator: "."))]] header") }
                i += 1
            }
            try endOfLine()
            let name = path.joined(separator: ".")
            // The open table and the new one usually share their parent (`[[slot.topic]]` after
            // `[[slot.topic]]`): one walk to it puts the one back and takes the other out. Else
            // the open table goes back first, on its own walk.
            let parent = path.dropLast()
            let sibling = !current.isEmpty && current.dropLast() == parent
            let closing: (key: String, table: TOML.Table)?
            if sibling, let key = current.last {
                closing = (key, open)
                open = Self.placeholder
            } else {
                try closeOpenTable()
                closing = nil
            }
            var opened: TOML.Table?
            var root = takeRoot()
            try modify(parent, in: &root, creating: .implicitByHeader, line: headerLine) { table in
                guard let last = path.last else { return }
                if let closing {
                    try self.modify([closing.key], in: &table, creating: .implicitByHeader, line: headerLine) { $0 = closing.table }
                }
                try self.define(last, name: name, isArray: isArray, line: headerLine, in: &table)
                if closing != nil {
                    try self.modify([last], in: &table, creating: .implicitByHeader, line: headerLine) { t in
                        opened = t
                        t = TOML.Table(line: t.line, origin: t.origin)
                    }
                }
            }
            self.root = root
            current = Array(path)
            if let opened { open = opened } else { try openCurrentTable(line: headerLine) }
        }

        /// What a header does in its parent table: `[name]` defines the table `last` (made
        /// implicitly before, or new); `[[name]]` adds an element to the array of tables `last`.
        private func define(_ last: String, name: String, isArray: Bool, line: Int, in table: inout TOML.Table) throws {
            if var existing = table.take(last) {
                if isArray {
                    guard existing.isTableArray, var elements = existing.value.takeArray() else {
                        throw self.fail("[[\(name)]] names a key that is already defined, and not as an array of tables", line: line)
                    }
                    elements.append(.table(TOML.Table(line: line, origin: .arrayElement)))
                    table.set(last, .init(value: .array(elements), line: existing.line, isTableArray: true))
                } else {
                    guard var t = existing.value.takeTable(), t.origin == .implicitByHeader else {
                        throw self.fail("table [\(name)] is defined twice (first on line \(existing.line))", line: line)
                    }
                    t.origin = .header
                    t.line = line
                    table.set(last, .init(value: .table(t), line: line))
                }
            } else if isArray {
                table.set(last, .init(value: .array([.table(TOML.Table(line: line, origin: .arrayElement))]),
                                      line: line, isTableArray: true))
            } else {
                table.set(last, .init(value: .table(TOML.Table(line: line, origin: .header)), line: line))
            }
        }

        /// Takes the table at `current` out of the tree into `open`.
        private mutating func openCurrentTable(line: Int) throws {
            var root = takeRoot()
            var taken: TOML.Table?
            try modify(ArraySlice(current), in: &root, creating: .implicitByHeader, line: line) { table in
                taken = table
                table = TOML.Table(line: table.line, origin: table.origin)
            }
            self.root = root
            if let taken { open = taken }
        }

        /// Puts `open` back in its place at `current`.
        private mutating func closeOpenTable() throws {
            let table = open
            open = Self.placeholder
            if current.isEmpty {
                root = table
                return
            }
            var root = takeRoot()
            try modify(ArraySlice(current), in: &root, creating: .implicitByHeader, line: line) { $0 = table }
            self.root = root
        }

        /// Runs `body` on the table at `path` below `table`, creating missing tables with `origin`;
        /// an array of tables stands for its last element.
        private func modify(_ path: ArraySlice<String>, in table: inout TOML.Table, creating origin: TOML.Table.Origin,
                            line: Int, _ body: (inout TOML.Table) throws -> Void) throws {
            guard let first = path.first else {
                try body(&table)
                return
            }
            let rest = path.dropFirst()
            // Taken out, changed in place and put back: each step down the path costs the same
            // however many keys and elements the tables above it hold.
            if var entry = table.take(first) {
                if var t = entry.value.takeTable() {
                    if t.origin == .inline { throw fail("\"\(first)\" is an inline table and cannot be extended", line: line) }
                    if origin == .dotted, t.origin == .header || t.origin == .implicitByHeader || t.origin == .arrayElement {
                        throw fail("\"\(first)\" is a table defined elsewhere; dotted keys cannot add to it", line: line)
                    }
                    try modify(rest, in: &t, creating: origin, line: line, body)
                    table.set(first, .init(value: .table(t), line: entry.line))
                } else if entry.isTableArray, var elements = entry.value.takeArray() {
                    guard var last = elements.popLast(), var t = last.takeTable() else {
                        throw fail("\"\(first)\" is not a table", line: line)
                    }
                    try modify(rest, in: &t, creating: origin, line: line, body)
                    elements.append(.table(t))
                    table.set(first, .init(value: .array(elements), line: entry.line, isTableArray: true))
                } else {
                    throw fail("\"\(first)\" is already \(entry.value.typeName) (line \(entry.line)), not a table", line: line)
                }
            } else {
                var t = TOML.Table(line: line, origin: origin)
                try modify(rest, in: &t, creating: origin, line: line, body)
                table.set(first, .init(value: .table(t), line: line))
            }
        }

        /// The root table, taken out of the parser so `modify` changes it in place rather than a
        /// copy (put it back with `self.root = root`; a syntax error ends the parse anyway).
        private mutating func takeRoot() -> TOML.Table {
            let root = self.root
            self.root = Self.placeholder
            return root
        }

        /// Puts a key/value line into the open table.
        private mutating func insert(_ value: TOML.Value, at key: [String], keyLine: Int) throws {
            var table = Self.placeholder
            swap(&table, &open)
            defer { swap(&table, &open) }
            try modify(key.dropLast(), in: &table, creating: .dotted, line: keyLine) { t in
                guard let last = key.last else { return }
                if let existing = t.entry(last) {
                    throw self.fail("duplicate key \"\(key.joined(separator: "."))\" (first on line \(existing.line))", line: keyLine)
                }
                t.set(last, .init(value: value, line: keyLine))
            }
        }

        // MARK: - Keys

        /// `depth`, when it is within `maxDepth`.
        private func nesting(_ depth: Int) throws -> Int {
            guard depth < Self.maxDepth else {
                throw fail("tables nested too deeply (more than \(Self.maxDepth) levels, counting a header's and a dotted key's parts)")
            }
            return depth
        }

        private mutating func dottedKey() throws -> [String] {
            var parts: [String] = []
            while true {
                if parts.count >= Self.maxDepth {
                    throw fail("a key with more than \(Self.maxDepth) dotted parts; tables nest at most \(Self.maxDepth) levels deep")
                }
                skipSpaces()
                guard let c = peek() else { throw fail("a key ends too early") }
                if c == 0x22 {
                    if peek(1) == 0x22, peek(2) == 0x22 { throw fail("a key cannot be a multi-line string") }
                    parts.append(try basicString())
                } else if c == 0x27 {
                    if peek(1) == 0x27, peek(2) == 0x27 { throw fail("a key cannot be a multi-line string") }
                    parts.append(try literalString())
                } else if Self.isBareKey(c) {
                    let start = i
                    while let d = peek(), Self.isBareKey(d) { i += 1 }
                    parts.append(String(decoding: b[start..<i], as: UTF8.self))
                } else {
                    throw fail("expected a key, saw \(describe(c))")
                }
                skipSpaces()
                if peek() == 0x2E { i += 1; continue }
                return parts
            }
        }

        // MARK: - Values

        private mutating func value(depth: Int) throws -> TOML.Value {
            guard depth < Self.maxDepth else { throw fail("arrays or tables nested too deeply") }
            guard let c = peek() else { throw fail("expected a value, saw the end of the file") }
            switch c {
            case 0x22:
                if peek(1) == 0x22, peek(2) == 0x22 { return .string(try multilineBasicString()) }
                return .string(try basicString())
            case 0x27:
                if peek(1) == 0x27, peek(2) == 0x27 { return .string(try multilineLiteralString()) }
                return .string(try literalString())
            case 0x5B: return try array(depth: depth)
            case 0x7B: return try inlineTable(depth: depth)
            case 0x74, 0x66:
                if b[i...].starts(with: Array("true".utf8)) { i += 4; return .boolean(true) }
                if b[i...].starts(with: Array("false".utf8)) { i += 5; return .boolean(false) }
                throw fail("expected a value, saw \(describe(c)); strings need quotes: \"...\"")
            default:
                if Self.isDigit(c) || c == 0x2B || c == 0x2D || c == 0x69 || c == 0x6E { return try numberOrDate() }
                throw fail("expected a value, saw \(describe(c)); strings need quotes: \"...\"")
            }
        }

        private mutating func array(depth: Int) throws -> TOML.Value {
            i += 1
            var elements: [TOML.Value] = []
            while true {
                try skipBlank()
                if peek() == 0x5D { i += 1; return .array(elements) }
                elements.append(try value(depth: depth + 1))
                try skipBlank()
                if peek() == 0x2C { i += 1; continue }
                if peek() == 0x5D { i += 1; return .array(elements) }
                throw fail("expected ',' or ']' in an array, saw \(describe(peek()))")
            }
        }

        private mutating func inlineTable(depth: Int) throws -> TOML.Value {
            let startLine = line
            i += 1
            var table = TOML.Table(line: startLine, origin: .inline)
            try skipBlank()
            if peek() == 0x7D { i += 1; return .table(table) }
            while true {
                try skipBlank()
                let keyLine = line
                let key = try dottedKey()
                guard peek() == 0x3D else { throw fail("expected '=' after the key \"\(key.joined(separator: "."))\" in an inline table") }
                i += 1
                skipSpaces()
                let v = try value(depth: try nesting(depth + key.count))
                // Dotted keys inside an inline table build tables that belong to it.
                try modify(key.dropLast(), in: &table, creating: .dotted, line: keyLine) { t in
                    guard let last = key.last else { return }
                    if let existing = t.entry(last) {
                        throw self.fail("duplicate key \"\(key.joined(separator: "."))\" (first on line \(existing.line))", line: keyLine)
                    }
                    t.set(last, .init(value: v, line: keyLine))
                }
                try skipBlank()
                if peek() == 0x2C { i += 1; continue }
                if peek() == 0x7D { i += 1; table.origin = .inline; return .table(table) }
                throw fail("expected ',' or '}' in an inline table, saw \(describe(peek()))")
            }
        }

        // MARK: - Strings

        private mutating func basicString() throws -> String {
            i += 1
            // Most strings have no escape: they are their own bytes.
            let start = i
            while i < b.count {
                let c = b[i]
                if c == 0x22 {
                    i += 1
                    return String(decoding: b[start..<(i - 1)], as: UTF8.self)
                }
                if c == 0x5C || c < 0x20 || c == 0x7F { break }
                i += 1
            }
            var out = Array(b[start..<i])
            while true {
                guard let c = peek() else { throw fail("a string is not closed: add the closing \"") }
                if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == 0x0A || c == 0x0D { throw fail("a string is not closed before the end of the line") }
                if c == 0x5C { try escape(into: &out); continue }
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character \(describe(c)) in a string; write it as \\u00XX") }
                out.append(c)
                i += 1
            }
        }

        private mutating func multilineBasicString() throws -> String {
            i += 3
            _ = newline()
            var out: [UInt8] = []
            while true {
                guard let c = peek() else { throw fail("a multi-line string is not closed: add the closing \"\"\"") }
                if c == 0x22, peek(1) == 0x22, peek(2) == 0x22 {
                    var n = 3
                    while peek(n) == 0x22 { n += 1 }
                    if n > 5 { throw fail("too many quotes closing a multi-line string") }
                    out.append(contentsOf: Array(repeating: 0x22, count: n - 3))
                    i += n
                    return String(decoding: out, as: UTF8.self)
                }
                if c == 0x5C {
                    // A backslash at the end of a line joins it to the next, dropping the white space.
                    var j = i + 1
                    while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                    if j < b.count, b[j] == 0x0A || (b[j] == 0x0D && j + 1 < b.count && b[j + 1] == 0x0A) {
                        i = j
                        while true {
                            if newline() { continue }
                            if let d = peek(), d == 0x20 || d == 0x09 { i += 1; continue }
                            break
                        }
                        continue
                    }
                    try escape(into: &out)
                    continue
                }
                if newline() { out.append(0x0A); continue }
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character \(describe(c)) in a string; write it as \\u00XX") }
                out.append(c)
                i += 1
            }
        }

        private mutating func escape(into out: inout [UInt8]) throws {
            i += 1
            guard let e = peek() else { throw fail("a string ends in the middle of an escape") }
            i += 1
            switch e {
            case 0x62: out.append(0x08)
            case 0x74: out.append(0x09)
            case 0x6E: out.append(0x0A)
            case 0x66: out.append(0x0C)
            case 0x72: out.append(0x0D)
            case 0x65: out.append(0x1B)
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x75, 0x55:
                let count = e == 0x75 ? 4 : 8
                guard i + count <= b.count, let v = UInt32(String(decoding: b[i..<(i + count)], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(v) else {
                    throw fail("bad unicode escape in a string: \\\(e == 0x75 ? "u" : "U") needs \(count) hex digits of a valid code point")
                }
                i += count
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw fail("unknown escape \\\(Character(Unicode.Scalar(e))) in a string; write a backslash as \\\\")
            }
        }

        private mutating func literalString() throws -> String {
            i += 1
            let start = i
            while true {
                guard let c = peek() else { throw fail("a string is not closed: add the closing '") }
                if c == 0x27 { i += 1; return String(decoding: b[start..<(i - 1)], as: UTF8.self) }
                if c == 0x0A || c == 0x0D { throw fail("a string is not closed before the end of the line") }
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character \(describe(c)) in a string") }
                i += 1
            }
        }

        private mutating func multilineLiteralString() throws -> String {
            i += 3
            _ = newline()
            var out: [UInt8] = []
            while true {
                guard let c = peek() else { throw fail("a multi-line string is not closed: add the closing '''") }
                if c == 0x27, peek(1) == 0x27, peek(2) == 0x27 {
                    var n = 3
                    while peek(n) == 0x27 { n += 1 }
                    if n > 5 { throw fail("too many quotes closing a multi-line string") }
                    out.append(contentsOf: Array(repeating: 0x27, count: n - 3))
                    i += n
                    return String(decoding: out, as: UTF8.self)
                }
                if newline() { out.append(0x0A); continue }
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character \(describe(c)) in a string") }
                out.append(c)
                i += 1
            }
        }

        // MARK: - Numbers, dates and times

        private mutating func numberOrDate() throws -> TOML.Value {
            let start = i
            while let c = peek(), Self.isBareKey(c) || c == 0x2B || c == 0x2E || c == 0x3A {
                i += 1
            }
            // A date and a time may be separated by one space.
            if i - start == 10, peek() == 0x20, let d = peek(1), Self.isDigit(d), b[start + 4] == 0x2D {
                i += 1
                while let c = peek(), Self.isBareKey(c) || c == 0x2B || c == 0x2E || c == 0x3A { i += 1 }
            }
            let token = String(decoding: b[start..<i], as: UTF8.self)
            if token.isEmpty { throw fail("expected a value, saw \(describe(peek()))") }
            let bytes = Array(token.utf8)
            if bytes.count >= 10, Self.isDigit(bytes[0]), bytes[4] == 0x2D, bytes[7] == 0x2D {
                return .dateTime(try dateTime(token))
            }
            if bytes.count >= 5, Self.isDigit(bytes[0]), bytes[2] == 0x3A {
                guard let time = Self.time(Substring(token)) else { throw fail("bad time \"\(token)\"; write it like 13:30:00") }
                return .dateTime(TOML.DateTime(date: nil, time: time, offsetMinutes: nil))
            }
            return try number(token)
        }

        private func dateTime(_ token: String) throws -> TOML.DateTime {
            let bad = fail("bad date \"\(token)\"; write it like 2012-08-29 or 2012-08-29T13:30:00")
            let s = Substring(token)
            let datePart = s.prefix(10)
            let f = datePart.split(separator: "-", omittingEmptySubsequences: false)
            guard f.count == 3, f[0].count == 4, f[1].count == 2, f[2].count == 2, f.allSatisfy({ $0.allSatisfy(\.isASCII) }),
                  let y = Int(f[0]), let m = Int(f[1]), let d = Int(f[2]), (1...12).contains(m),
                  d >= 1, d <= Self.daysIn(month: m, year: y) else { throw bad }
            let date = TOML.DateTime.Date(year: y, month: m, day: d)
            var rest = s.dropFirst(10)
            if rest.isEmpty { return TOML.DateTime(date: date, time: nil, offsetMinutes: nil) }
            guard let sep = rest.first, sep == "T" || sep == "t" || sep == " " else { throw bad }
            rest = rest.dropFirst()
            var offset: Int? = nil
            if rest.hasSuffix("Z") || rest.hasSuffix("z") {
                offset = 0
                rest = rest.dropLast()
            } else if rest.count > 6, let signIndex = rest.index(rest.endIndex, offsetBy: -6, limitedBy: rest.startIndex),
                      rest[signIndex] == "+" || rest[signIndex] == "-" {
                let o = rest[rest.index(after: signIndex)...].split(separator: ":", omittingEmptySubsequences: false)
                guard o.count == 2, o[0].count == 2, o[1].count == 2, let oh = Int(o[0]), let om = Int(o[1]),
                      oh <= 23, om <= 59 else { throw bad }
                offset = (oh * 60 + om) * (rest[signIndex] == "-" ? -1 : 1)
                rest = rest[..<signIndex]
            }
            guard let time = Self.time(rest) else { throw bad }
            return TOML.DateTime(date: date, time: time, offsetMinutes: offset)
        }

        private static func time(_ s: Substring) -> TOML.DateTime.Time? {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, parts[0].count == 2, parts[1].count == 2,
                  parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let h = Int(parts[0]), let m = Int(parts[1]), h <= 23, m <= 59 else { return nil }
            var second = 0
            var nano = 0
            if parts.count == 3 {
                let sp = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                guard sp[0].count == 2, sp[0].allSatisfy({ $0.isASCII && $0.isNumber }), let sec = Int(sp[0]), sec <= 60 else { return nil }
                second = sec
                if sp.count == 2 {
                    let frac = sp[1]
                    guard !frac.isEmpty, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                    let digits = String(frac.prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0)
                    nano = Int(digits) ?? 0
                }
            }
            return TOML.DateTime.Time(hour: h, minute: m, second: second, nanosecond: nano)
        }

        private static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }

        private func number(_ token: String) throws -> TOML.Value {
            let bad = fail("bad number \"\(token)\"")
            var s = Substring(token)
            var sign = ""
            if let f = s.first, f == "+" || f == "-" {
                sign = String(f)
                s = s.dropFirst()
            }
            switch s {
            case "inf": return .float(sign == "-" ? -.infinity : .infinity)
            case "nan": return .float(.nan)
            default: break
            }
            if s.hasPrefix("0x") || s.hasPrefix("0o") || s.hasPrefix("0b") {
                guard sign.isEmpty else { throw bad }
                let radix = s.hasPrefix("0x") ? 16 : s.hasPrefix("0o") ? 8 : 2
                let digits = try Self.underscored(s.dropFirst(2), bad)
                guard let v = Int(digits, radix: radix) else { throw fail("number \"\(token)\" is out of range or malformed") }
                return .integer(v)
            }
            let isFloat = s.contains(".") || s.contains("e") || s.contains("E")
            if !isFloat {
                let digits = try Self.underscored(s, bad)
                guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), !(digits.count > 1 && digits.hasPrefix("0")) else { throw bad }
                guard let v = Int(sign + digits) else { throw fail("number \"\(token)\" is too large") }
                return .integer(v)
            }
            // Float: int-part [. frac] [e [sign] exp], digits with single underscores between them.
            var mantissa = s
            var exponent: Substring? = nil
            if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                mantissa = s[..<e]
                exponent = s[s.index(after: e)...]
            }
            let mp = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let intPart = try Self.underscored(mp[0], bad)
            guard !intPart.isEmpty, intPart.allSatisfy({ $0.isASCII && $0.isNumber }), !(intPart.count > 1 && intPart.hasPrefix("0")) else { throw bad }
            var text = sign + intPart
            if mp.count == 2 {
                let frac = try Self.underscored(mp[1], bad)
                guard !frac.isEmpty, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad }
                text += "." + frac
            }
            if var exp = exponent {
                var expSign = ""
                if let f = exp.first, f == "+" || f == "-" { expSign = String(f); exp = exp.dropFirst() }
                let e = try Self.underscored(exp, bad)
                guard !e.isEmpty, e.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw bad }
                text += "e" + expSign + e
            }
            guard let v = Double(text), v.isFinite else { throw fail("number \"\(token)\" is out of range") }
            return .float(v)
        }

        /// Digits with underscores only between digits, without the underscores.
        private static func underscored(_ s: Substring, _ bad: SyntaxError) throws -> String {
            guard !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__") else { throw bad }
            return s.replacingOccurrences(of: "_", with: "")
        }
    }
}

import Foundation
