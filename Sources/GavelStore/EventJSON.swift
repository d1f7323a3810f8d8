import Foundation
import GavelCore

/// Reads an event's `json` column without `JSONDecoder`: the session is read whole at start-up and
/// by every summary, and a generic decoder spends ~15 µs an event on coding paths and boxes
/// (1.5 s for 100,000 events). This reader knows the one shape `SessionStore` writes (the
/// synthesized `Codable` of `SessionEvent`: `{"action":{"CASE":{labels}},"at":SECONDS,"by":…,
/// "role":…}`, dates as seconds since 2001) and answers nil for anything else, so the caller falls
/// back to `JSONDecoder`: a shape it does not know costs time, never a wrong event. It reads in
/// one pass into fixed fields (no tree of values), skipping keys it does not know, as the
/// decoder ignores them.
enum EventJSON {
    static func decode(_ text: String) -> SessionEvent? {
        var text = text
        return text.withUTF8(decode)
    }

    /// The event in a column's bytes. They need not be valid UTF-8: every value is cut at ASCII
    /// delimiters, which never fall inside a character, and made a String the repairing way, so
    /// it reads as the column's text read as a String would.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> SessionEvent? {
        var note = Reader(bytes: bytes)
        if let event = note.addedNote() {
            note.skipSpace()
            if note.atEnd { return event }
        }
        var reader = Reader(bytes: bytes)
        guard let event = reader.event() else { return nil }
        reader.skipSpace()
        return reader.atEnd ? event : nil
    }

    /// A value that is not an object.
    enum Scalar {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    /// An action's labels, each as read (nil: absent).
    struct Fields {
        var slot, topic, id, text, by, batch, cause, boot, seconds, undo, base, offset: Scalar?

        /// The labels some action has, each named by its key's bytes.
        enum Label: CaseIterable {
            case slot, topic, id, text, by, batch, cause, boot, seconds, undo, base, offset

            /// The label `key` names, compared as bytes (a key is never escaped); nil for any other.
            init?(_ key: Key) {
                let label: Label? = switch key.bytes.first {
                case UInt8(ascii: "s"): key.is("slot") ? .slot : key.is("seconds") ? .seconds : nil
                case UInt8(ascii: "t"): key.is("topic") ? .topic : key.is("text") ? .text : nil
                case UInt8(ascii: "i"): key.is("id") ? .id : nil
                case UInt8(ascii: "b"): key.is("by") ? .by : key.is("batch") ? .batch : key.is("boot") ? .boot : key.is("base") ? .base : nil
                case UInt8(ascii: "c"): key.is("cause") ? .cause : nil
                case UInt8(ascii: "u"): key.is("undo") ? .undo : nil
                case UInt8(ascii: "o"): key.is("offset") ? .offset : nil
                default: nil
                }
                guard let label else { return nil }
                self = label
            }

            var name: StaticString {
                switch self {
                case .slot: "slot"
                case .topic: "topic"
                case .id: "id"
                case .text: "text"
                case .by: "by"
                case .batch: "batch"
                case .cause: "cause"
                case .boot: "boot"
                case .seconds: "seconds"
                case .undo: "undo"
                case .base: "base"
                case .offset: "offset"
                }
            }
        }

        /// Keeps `value` under `label`; false when the label came twice.
        mutating func set(_ label: Label, _ value: Scalar) -> Bool {
            func put(_ field: inout Scalar?) -> Bool {
                guard field == nil else { return false }
                field = value
                return true
            }
            switch label {
            case .slot: return put(&slot)
            case .topic: return put(&topic)
            case .id: return put(&id)
            case .text: return put(&text)
            case .by: return put(&by)
            case .batch: return put(&batch)
            case .cause: return put(&cause)
            case .boot: return put(&boot)
            case .seconds: return put(&seconds)
            case .undo: return put(&undo)
            case .base: return put(&base)
            case .offset: return put(&offset)
            }
        }

        static func string(_ s: Scalar?) -> String? {
            if case .string(let v)? = s { return v }
            return nil
        }
        /// .some(nil) for absent or null, as `decodeIfPresent` reads them; nil for another type.
        static func optionalString(_ s: Scalar?) -> String?? {
            switch s {
            case nil, .null?: return .some(nil)
            case .string(let v)?: return .some(v)
            default: return nil
            }
        }
        static func double(_ s: Scalar?) -> Double? {
            if case .number(let v)? = s { return v }
            return nil
        }
        static func optionalDouble(_ s: Scalar?) -> Double?? {
            switch s {
            case nil, .null?: return .some(nil)
            case .number(let v)?: return .some(v)
            default: return nil
            }
        }
        static func int(_ s: Scalar?) -> Int? {
            guard let n = double(s), n == n.rounded(), abs(n) < 9e15 else { return nil }
            return Int(n)
        }
        static func optionalInt(_ s: Scalar?) -> Int?? {
            switch s {
            case nil, .null?: return .some(nil)
            case .number(let n)?:
                guard n == n.rounded(), abs(n) < 9e15 else { return nil }
                return .some(Int(n))
            default: return nil
            }
        }
        static func bool(_ s: Scalar?) -> Bool? {
            if case .bool(let v)? = s { return v }
            return nil
        }
    }

    static func action(_ key: Key, _ f: Fields) -> SessionEvent.Action? {
        typealias F = Fields
        // Most events are notes: their name is looked at first, as bytes.
        if key.is("noteAdded") {
            guard let id = F.string(f.id), let slot = F.string(f.slot), let topic = F.string(f.topic),
                  let text = F.string(f.text), let by = F.string(f.by) else { return nil }
            return .noteAdded(id: id, slot: slot, topic: topic, text: text, by: by)
        }
        let name = key.string
        switch name {
        case "openSlot":
            guard let slot = F.string(f.slot) else { return nil }
            return .openSlot(slot: slot)
        case "start", "pause", "next", "previous", "holdAutoNext":
            guard let slot = F.string(f.slot), let topic = F.string(f.topic) else { return nil }
            switch name {
            case "start": return .start(slot: slot, topic: topic)
            case "pause": return .pause(slot: slot, topic: topic)
            case "next": return .next(slot: slot, topic: topic)
            case "previous": return .previous(slot: slot, topic: topic)
            default: return .holdAutoNext(slot: slot, topic: topic)
            }
        case "adjust":
            guard let slot = F.string(f.slot), let topic = F.string(f.topic), let seconds = F.int(f.seconds),
                  let batch = F.optionalString(f.batch) else { return nil }
            return .adjust(slot: slot, topic: topic, seconds: seconds, batch: batch)
        case "undoAdjustments":
            guard let batch = F.string(f.batch) else { return nil }
            return .undoAdjustments(batch: batch)
        case "message":
            guard let slot = F.string(f.slot), let topic = F.string(f.topic), let text = F.optionalString(f.text) else { return nil }
            return .message(slot: slot, topic: topic, text: text)
        case "endSlot":
            guard let slot = F.string(f.slot), let raw = F.string(f.cause), let cause = SlotEndCause(rawValue: raw) else { return nil }
            return .endSlot(slot: slot, cause: cause)
        case "extendSlot":
            guard let slot = F.string(f.slot), let seconds = F.int(f.seconds) else { return nil }
            return .extendSlot(slot: slot, seconds: seconds)
        case "noteEdited":
            guard let id = F.string(f.id), let text = F.string(f.text), let undo = F.bool(f.undo),
                  let base = F.optionalInt(f.base) else { return nil }
            return .noteEdited(id: id, text: text, undo: undo, base: base)
        case "noteDeleted":
            guard let id = F.string(f.id) else { return nil }
            return .noteDeleted(id: id)
        case "noteRestored":
            guard let id = F.string(f.id) else { return nil }
            return .noteRestored(id: id)
        case "noteMoved":
            guard let id = F.string(f.id), let slot = F.string(f.slot), let topic = F.string(f.topic),
                  let undo = F.bool(f.undo) else { return nil }
            return .noteMoved(id: id, slot: slot, topic: topic, undo: undo)
        case "clockJump":
            guard let seconds = F.double(f.seconds), let boot = F.optionalString(f.boot),
                  let offset = F.optionalDouble(f.offset) else { return nil }
            return .clockJump(seconds: seconds, boot: boot, offset: offset)
        case "clockBase":
            guard let boot = F.string(f.boot), let offset = F.double(f.offset) else { return nil }
            return .clockBase(boot: boot, offset: offset)
        default:
            return nil
        }
    }

    /// An object's key, as the bytes between its quotes (a key with an escape is not read).
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        @inline(__always)
        func `is`(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard bytes.count == n else { return false }
            let w = word.utf8Start
            for k in 0..<n where bytes[k] != w[k] { return false }
            return true
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A strict one-pass reader of the JSON subset events use: anything else is nil.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Reads `{`, then each `"key": value` handed to `body` (which reads the value), then `}`.
        mutating func object(_ body: (inout Reader, Key) -> Bool) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = key() else { return false }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                guard body(&self, key) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                return false
            }
        }

        mutating func event() -> SessionEvent? {
            var at: Double?, action: SessionEvent.Action?
            var by: String?? = .some(nil), role: Role?
            let read = object { r, key in
                if key.is("at") {
                    guard case .number(let n)? = r.scalar() else { return false }
                    at = n
                } else if key.is("action") {
                    guard action == nil, let a = r.action() else { return false }
                    action = a
                } else if key.is("by") {
                    guard let s = r.scalar(), let v = Fields.optionalString(s) else { return false }
                    by = v
                } else if key.is("role") {
                    switch r.scalar() {
                    case .null?: role = nil
                    case .string(let s)?:
                        guard let v = Role(rawValue: s) else { return false }
                        role = v
                    default: return false
                    }
                } else {
                    return r.skipValue(depth: 0)
                }
                return true
            }
            guard read, let at, let action, let by else { return nil }
            return SessionEvent(at: Date(timeIntervalSinceReferenceDate: at), action, by: by, role: role)
        }

        /// A note added, in the one layout the store writes it (keys sorted, no spaces):
        /// `{"action":{"noteAdded":{"by":…,"id":…,"slot":…,"text":…,"topic":…}},"at":…` then
        /// `"by"` and `"role"` if present, then `}`. Most of a long day's events are these, and
        /// reading them key by key, as `event` does, costs twice as much. Nil for anything else
        /// (the caller then reads it the general way, from its start).
        mutating func addedNote() -> SessionEvent? {
            guard literal(#"{"action":{"noteAdded":{"by":"#), let by = quoted(),
                  literal(#","id":"#), let id = quoted(),
                  literal(#","slot":"#), let slot = quoted(),
                  literal(#","text":"#), let text = quoted(),
                  literal(#","topic":"#), let topic = quoted(),
                  literal(#"}},"at":"#), let at = number() else { return nil }
            var author: String?, role: Role?
            if literal(#","by":"#) {
                guard let a = quoted() else { return nil }
                author = a
            }
            if literal(#","role":"#) {
                guard let r = quoted().flatMap(Role.init(rawValue:)) else { return nil }
                role = r
            }
            guard literal("}") else { return nil }
            return SessionEvent(at: Date(timeIntervalSinceReferenceDate: at),
                                .noteAdded(id: id, slot: slot, topic: topic, text: text, by: by), by: author, role: role)
        }

        /// A string right here (no space before it), or nil.
        private mutating func quoted() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            return string()
        }

        /// `{"CASE":{labels}}`: exactly one case.
        mutating func action() -> SessionEvent.Action? {
            var result: SessionEvent.Action?
            var cases = 0
            let read = object { r, name in
                cases += 1
                var fields = Fields()
                let labels = r.object { r, key in
                    guard let label = Fields.Label(key) else { return r.skipValue(depth: 0) }
                    guard let value = r.scalar() else { return false }
                    return fields.set(label, value)
                }
                guard labels, let a = EventJSON.action(name, fields) else { return false }
                result = a
                return true
            }
            guard read, cases == 1 else { return nil }
            return result
        }

        /// A string, number, boolean or null; nil for an object, an array or bad JSON.
        mutating func scalar() -> Scalar? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number().map { .number($0) }
            default: return nil
            }
        }

        /// Steps over a value of a key no event has (objects too, to a small depth).
        mutating func skipValue(depth: Int) -> Bool {
            skipSpace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: "{") {
                guard depth < 8 else { return false }
                return object { r, _ in r.skipValue(depth: depth + 1) }
            }
            return scalar() != nil
        }

        /// `word` right here: compared with memcmp (byte by byte through StaticString it cost
        /// ~130 instructions a key of an added note).
        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard n <= bytes.count - i, let base = bytes.baseAddress, memcmp(base + i, word.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }

        mutating func number() -> Double? {
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
                        || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") else { break }
                i += 1
            }
            guard i > start, i - start < 40 else { return nil }
            if let n = Self.plainDecimal(UnsafeBufferPointer(rebasing: bytes[start..<i])) { return n }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let n = Double(text), n.isFinite else { return nil }
            return n
        }

        /// Powers of ten a double holds exactly.
        static let exactPowers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

        /// `-?DIGITS(.DIGITS)?` whose digits make an integer up to 2^53, as a double without a
        /// String made first: that integer (exact as a double) divided once by an exact power of
        /// ten is the correctly rounded value, the one `Double(String)` reads. An event's time
        /// (`817629895.3846154`, 16 digits) is one. Anything else is nil, and read the general way.
        static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
            var k = 0
            let negative = k < b.count && b[k] == UInt8(ascii: "-")
            if negative { k += 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            var significant = 0
            var fraction = -1
            let digitsStart = k
            while k < b.count {
                let c = b[k]
                if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                    mantissa = mantissa &* 10 &+ UInt64(c &- UInt8(ascii: "0"))
                    digits += 1
                    if mantissa > 0 { significant += 1 }
                    if fraction >= 0 { fraction += 1 }
                } else if c == UInt8(ascii: "."), fraction < 0, k > digitsStart {
                    fraction = 0
                } else {
                    return nil
                }
                k += 1
            }
            // The integer has not wrapped: 19 significant digits stay below 2^64 (a wrapped one
            // has more, and is refused). At most 22 digits in all, so the fraction's power of ten
            // is one a double holds exactly.
            guard digits > 0, digits <= 22, fraction != 0, significant <= 19, mantissa <= 1 << 53 else { return nil }
            let value = Double(mantissa) / exactPowers[max(fraction, 0)]
            return negative ? -value : value
        }

        /// A key at `"`: the bytes up to the closing quote; nil for a key with an escape.
        mutating func key() -> Key? {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                if bytes[i] < 0x20 { return nil }
                i += 1
            }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            defer { i += 1 }
            return Key(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        }

        /// A string at `"`: plain runs are copied whole; escapes are decoded (a lone surrogate is nil).
        /// A run between ASCII delimiters never splits a character, so decoding each run with
        /// repair gives what decoding the whole text would.
        mutating func string() -> String? {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                if bytes[i] < 0x20 { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            var out: [UInt8] = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { return nil }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        return nil
                    }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: UTF8.encode(u)!)
                default: return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
