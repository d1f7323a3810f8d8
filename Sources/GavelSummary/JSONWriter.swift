/// Writes JSON as it goes, straight into bytes, printed the same way every time: two-space
/// indent, `"key": value`, every member and array item on its own line, `{}` and `[]` when empty.
/// Objects keep their keys in the order written, so JSON summaries compare byte for byte. A
/// summary of 10,000 notes is written without a tree of values built first.
///
/// The bytes go through a pointer into the result's own storage (`JSONWriter.write`), not through
/// `Array.append`: a summary of 10,000 notes makes about a million small writes, and an append
/// of a few bytes to an array costs about 90 instructions, a store here about 5.
public struct JSONWriter: ByteOutput {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0
    /// A write did not fit: what was written is cut short and is written again, in more room.
    private var overflowed = false
    private var depth = 0
    /// The innermost open object or array has nothing in it yet.
    private var empty = true
    /// A key was just written: the next value is its value, not an array item.
    private var afterKey = false

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// The document `body` writes, ending with a newline, as UTF-8 bytes (valid: every byte came
    /// from a String or is ASCII). It is written into an array of `capacity` bytes made for it;
    /// pages not written are never touched, so a generous guess costs nothing. Should it not be
    /// enough, the document is written again in twice the room: the result never depends on it.
    public static func write(capacity: Int, _ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var room = max(capacity, 64)
        while true {
            var fitted = false
            let bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
                var w = JSONWriter(base: buffer.baseAddress!, capacity: buffer.count)
                body(&w)
                w.append(0x0A)
                fitted = !w.overflowed
                initialized = fitted ? w.count : 0
            }
            if fitted { return bytes }
            room *= 2
        }
    }

    // MARK: - Bytes

    /// One byte at the end (`ByteOutput`: the time fields write through it).
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        guard count < capacity else { overflowed = true; return }
        base[count] = byte
        count += 1
    }

    /// Several bytes at the end (`ByteOutput`).
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, bytes.count)
    }

    @inline(__always)
    private mutating func append(_ start: UnsafePointer<UInt8>, _ n: Int) {
        guard n <= capacity - count else { overflowed = true; return }
        (base + count).update(from: start, count: n)
        count += n
    }

    private mutating func append(_ text: StaticString) {
        append(text.utf8Start, text.utf8CodeUnitCount)
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
            append(UInt8(ascii: "["))
            append(UInt8(ascii: "]"))
            empty = false
            return
        }
        array { w in for s in strings { w.string(s) } }
    }

    public mutating func string(_ s: String) {
        beginValue()
        quote(s)
    }

    public mutating func int(_ i: Int) {
        beginValue()
        if i >= 0, i < 10 {
            append(UInt8(ascii: "0") + UInt8(i))
        } else {
            var s = String(i)
            s.withUTF8 { append($0.baseAddress!, $0.count) }
        }
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
    /// written next. The comma, the line, the indent and the key are written after one room
    /// check: a JSON index of 100,000 notes writes three million keys.
    public mutating func key(_ k: StaticString) {
        let n = k.utf8CodeUnitCount
        let indent = 2 * depth
        guard 1 + 1 + indent + 1 + n + 3 <= capacity - count else { overflowed = true; return }
        var at = count
        if !empty { base[at] = UInt8(ascii: ","); at += 1 }
        base[at] = 0x0A
        at += 1
        let end = at + indent
        while at + 8 <= end {
            UnsafeMutableRawPointer(base + at).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            at += 8
        }
        while at < end { base[at] = 0x20; at += 1 }
        base[at] = UInt8(ascii: "\"")
        (base + at + 1).update(from: k.utf8Start, count: n)
        at += 1 + n
        base[at] = UInt8(ascii: "\"")
        base[at + 1] = UInt8(ascii: ":")
        base[at + 2] = UInt8(ascii: " ")
        count = at + 3
        empty = false
        afterKey = true
    }

    public mutating func field(_ k: StaticString, _ value: String) { key(k); string(value) }
    public mutating func field(_ k: StaticString, _ value: String?) { key(k); optional(value) }
    public mutating func field(_ k: StaticString, _ value: Int) { key(k); int(value) }
    public mutating func field(_ k: StaticString, _ value: Bool) { key(k); bool(value) }

    /// A value written by `body` straight into the bytes, quoted: for text made of digits and
    /// punctuation (times), which needs no escaping and no String made first.
    public mutating func quoted(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        append(UInt8(ascii: "\""))
        body(&self)
        append(UInt8(ascii: "\""))
    }

    // MARK: - Layout

    /// A new member or item: after a comma unless it is the first, on its own line.
    private mutating func item() {
        if !empty { append(UInt8(ascii: ",")) }
        newLine()
        empty = false
    }

    /// A line feed and the indent of the current depth, the spaces stored eight at a time.
    private mutating func newLine() {
        let indent = 2 * depth
        guard indent + 1 <= capacity - count else { overflowed = true; return }
        base[count] = 0x0A
        var at = count + 1
        let end = at + indent
        while at + 8 <= end {
            UnsafeMutableRawPointer(base + at).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            at += 8
        }
        while at < end { base[at] = 0x20; at += 1 }
        count = end
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
        append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty { newLine() }
        append(bracket)
        // The container just closed is an item of the one around it.
        empty = false
    }

    // MARK: - Strings

    /// A JSON string: `"` and `\` escaped, every control character, the line and paragraph
    /// separators (which JavaScript reads as line ends) and the byte order mark (which some readers
    /// drop) as `\uXXXX`; all else as UTF-8. Works on the UTF-8 bytes, copying runs that need
    /// nothing, and passes over eight plain bytes at a time.
    mutating func quote(_ s: String) {
        append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return }
            let n = bytes.count
            var i = 0
            var run = 0
            while i < n {
                if i + 8 <= n, Self.allPlain(UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = start[i]
                // Bytes that are never escaped, nor start a sequence that is, stay in the run.
                if Self.isPlain(b) {
                    i += 1
                    continue
                }
                var length = 1
                var escaped: UInt32? = nil
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x09, 0x0D, 0x00..<0x20, 0x7F:
                    escaped = UInt32(b)
                case 0xC2 where i + 1 < n && (0x80...0x9F).contains(start[i + 1]):
                    escaped = UInt32(start[i + 1]); length = 2
                case 0xE2 where i + 2 < n && start[i + 1] == 0x80 && (start[i + 2] == 0xA8 || start[i + 2] == 0xA9):
                    escaped = start[i + 2] == 0xA8 ? 0x2028 : 0x2029; length = 3
                case 0xEF where i + 2 < n && start[i + 1] == 0xBB && start[i + 2] == 0xBF:
                    escaped = 0xFEFF; length = 3
                default:
                    break
                }
                guard let escaped else { i += 1; continue }
                if run < i { append(start + run, i - run) }
                switch escaped {
                case 0x22: append(0x5C); append(0x22)
                case 0x5C: append(0x5C); append(0x5C)
                case 0x0A: append(0x5C); append(UInt8(ascii: "n"))
                case 0x09: append(0x5C); append(UInt8(ascii: "t"))
                case 0x0D: append(0x5C); append(UInt8(ascii: "r"))
                default: unicodeEscape(escaped)
                }
                i += length
                run = i
            }
            if run < n { append(start + run, n - run) }
        }
        append(UInt8(ascii: "\""))
    }

    /// A byte that is never escaped and starts no sequence that is.
    @inline(__always)
    static func isPlain(_ b: UInt8) -> Bool {
        b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0x7F && b != 0xC2 && b != 0xE2 && b != 0xEF
    }

    /// Eight bytes (little or big end alike) all plain ASCII: none below 0x20, none 0x7F or
    /// above, no `"` and no `\`. A false answer only sends the bytes through `isPlain` one by
    /// one; a true one is exact (each test below has no false negatives).
    @inline(__always)
    static func allPlain(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below n (n ≤ 0x80) has its high bit set by (w - n) & ~w.
        func below(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x & highs }
        let control = below(w, 0x20)
        let quote = below(w ^ (ones &* 0x22), 1)
        let backslash = below(w ^ (ones &* 0x5C), 1)
        // 0x7F and up: the high bit, or the low seven bits all set (which carry into it).
        let high = (((w & ~highs) &+ ones) | w) & highs
        return control | quote | backslash | high == 0
    }

    mutating func unicodeEscape(_ value: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        append(0x5C)
        append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { append(hex.utf8Start[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
