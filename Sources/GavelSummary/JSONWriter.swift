/// Writes JSON as it goes, straight into bytes, printed the same way every time: two-space
/// indent, `"key": value`, every member and array item on its own line, `{}` and `[]` when empty.
/// Objects keep their keys in the order written, so JSON summaries compare byte for byte. A
/// summary of 10,000 notes is written without a tree of values built first.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// The innermost open object or array has nothing in it yet.
    private var empty = true
    /// A key was just written: the next value is its value, not an array item.
    private var afterKey = false

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// What was written, ending with a newline, as UTF-8 bytes (valid: every byte came from a
    /// String or is ASCII); the writer is done with.
    public consuming func finish() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    // MARK: - Values

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// An array of strings.
    public mutating func array(_ strings: [String]) {
        // Most notes have no owners and no links: `[]` without opening and closing a container.
        guard !strings.isEmpty else {
            beginValue()
            bytes.append(UInt8(ascii: "["))
            bytes.append(UInt8(ascii: "]"))
            empty = false
            return
        }
        array { w in for s in strings { w.string(s) } }
    }

    public mutating func string(_ s: String) {
        beginValue()
        Self.quote(s, to: &bytes)
    }

    public mutating func int(_ i: Int) {
        beginValue()
        Self.digits(i, to: &bytes)
    }

    public mutating func bool(_ b: Bool) {
        beginValue()
        append(b ? "true" : "false")
    }

    public mutating func null() {
        beginValue()
        append("null")
    }

    public mutating func optional(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    // MARK: - Members

    /// A member's key, one of Gavel's own (nothing in it to escape); its value is what is
    /// written next.
    public mutating func key(_ k: StaticString) {
        item()
        bytes.append(UInt8(ascii: "\""))
        append(k)
        // Byte by byte: a copy of a few bytes costs ~90 instructions, a byte ~10, and a summary
        // of 10,000 notes writes 110,000 keys.
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    public mutating func field(_ k: StaticString, _ value: String) { key(k); string(value) }
    public mutating func field(_ k: StaticString, _ value: String?) { key(k); optional(value) }
    public mutating func field(_ k: StaticString, _ value: Int) { key(k); int(value) }
    public mutating func field(_ k: StaticString, _ value: Bool) { key(k); bool(value) }

    /// A value written by `body` straight into the bytes, quoted: for text made of digits and
    /// punctuation (times), which needs no escaping and no String made first.
    public mutating func quoted(_ body: (inout [UInt8]) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: "\""))
        body(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: - Layout

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A new member or item: after a comma unless it is the first, on its own line.
    private mutating func item() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        newLine()
        empty = false
    }

    /// Spaces to indent with, a constant (a static array was a lazily made global, looked at
    /// on every line).
    private static let spaces: StaticString = "                                                                "

    /// A line feed and the indent of the current depth.
    private mutating func newLine() {
        bytes.append(0x0A)
        var indent = 2 * depth
        while indent > 0 {
            let n = min(indent, Self.spaces.utf8CodeUnitCount)
            bytes.append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: n))
            indent -= n
        }
    }

    /// Where a value goes: after its key, as an array's next item, or alone at the top.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            item()
        }
    }

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty { newLine() }
        bytes.append(bracket)
        // The container just closed is an item of the one around it.
        empty = false
    }

    static func digits(_ i: Int, to out: inout [UInt8]) {
        if i >= 0, i < 10 {
            out.append(UInt8(ascii: "0") + UInt8(i))
            return
        }
        out.append(contentsOf: String(i).utf8)
    }

    /// A JSON string: `"` and `\` escaped, every control character, the line and paragraph
    /// separators (which JavaScript reads as line ends) and the byte order mark (which some readers
    /// drop) as `\uXXXX`; all else as UTF-8. Works on the UTF-8 bytes, copying runs that need
    /// nothing.
    static func quote(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            var run = 0
            while i < bytes.count {
                let b = bytes[i]
                // Bytes that are never escaped, nor start a sequence that is, stay in the run.
                if b >= 0x20, b != UInt8(ascii: "\""), b != UInt8(ascii: "\\"), b != 0x7F, b != 0xC2, b != 0xE2, b != 0xEF {
                    i += 1
                    continue
                }
                var length = 1
                var escaped: UInt32? = nil
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x09, 0x0D, 0x00..<0x20, 0x7F:
                    escaped = UInt32(b)
                case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]):
                    escaped = UInt32(bytes[i + 1]); length = 2
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escaped = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029; length = 3
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
                    escaped = 0xFEFF; length = 3
                default:
                    break
                }
                guard let escaped else { i += 1; continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                switch escaped {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default: unicodeEscape(escaped, to: &out)
                }
                i += length
                run = i
            }
            if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func unicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
