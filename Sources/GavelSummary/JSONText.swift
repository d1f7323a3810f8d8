/// A JSON value whose objects keep their keys in the order given, printed the same way every
/// time (two-space indent, `"key": value`), so JSON summaries compare byte for byte.
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    public static func == (a: JSONText, b: JSONText) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    public static func optional(_ text: String?) -> JSONText { text.map { .string($0) } ?? .null }

    /// The value printed, ending with a newline.
    public var printed: String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ text: String, to out: inout [UInt8]) { out.append(contentsOf: text.utf8) }

    static func indent(_ level: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let b): Self.append(b ? "true" : "false", to: &out)
        case .int(let i): Self.append(String(i), to: &out)
        case .string(let s): Self.quote(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else { Self.append("[]", to: &out); return }
            Self.append("[\n", to: &out)
            for (i, item) in items.enumerated() {
                Self.indent(indent + 1, to: &out)
                item.write(to: &out, indent: indent + 1)
                Self.append(i == items.count - 1 ? "\n" : ",\n", to: &out)
            }
            Self.indent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { Self.append("{}", to: &out); return }
            Self.append("{\n", to: &out)
            for (i, (key, value)) in members.enumerated() {
                Self.indent(indent + 1, to: &out)
                Self.quote(key, to: &out)
                Self.append(": ", to: &out)
                value.write(to: &out, indent: indent + 1)
                Self.append(i == members.count - 1 ? "\n" : ",\n", to: &out)
            }
            Self.indent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
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
                case 0x22: append("\\\"", to: &out)
                case 0x5C: append("\\\\", to: &out)
                case 0x0A: append("\\n", to: &out)
                case 0x09: append("\\t", to: &out)
                case 0x0D: append("\\r", to: &out)
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
        append("\\u", to: &out)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
