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
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard let event = reader.event() else { return nil }
            reader.skipSpace()
            return reader.atEnd ? event : nil
        }
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

        /// Whether `key` is a label some action has.
        static func isLabel(_ key: String) -> Bool {
            switch key {
            case "slot", "topic", "id", "text", "by", "batch", "cause", "boot", "seconds", "undo", "base", "offset": true
            default: false
            }
        }

        /// Keeps `value` under the label `key`; false when the label came twice.
        mutating func set(_ key: String, _ value: Scalar) -> Bool {
            func put(_ field: inout Scalar?) -> Bool {
                guard field == nil else { return false }
                field = value
                return true
            }
            switch key {
            case "slot": return put(&slot)
            case "topic": return put(&topic)
            case "id": return put(&id)
            case "text": return put(&text)
            case "by": return put(&by)
            case "batch": return put(&batch)
            case "cause": return put(&cause)
            case "boot": return put(&boot)
            case "seconds": return put(&seconds)
            case "undo": return put(&undo)
            case "base": return put(&base)
            case "offset": return put(&offset)
            default: return false
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

    static func action(_ name: String, _ f: Fields) -> SessionEvent.Action? {
        typealias F = Fields
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
        case "noteAdded":
            guard let id = F.string(f.id), let slot = F.string(f.slot), let topic = F.string(f.topic),
                  let text = F.string(f.text), let by = F.string(f.by) else { return nil }
            return .noteAdded(id: id, slot: slot, topic: topic, text: text, by: by)
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
        mutating func object(_ body: (inout Reader, String) -> Bool) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return false }
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
                switch key {
                case "at":
                    guard case .number(let n)? = r.scalar() else { return false }
                    at = n
                case "action":
                    guard action == nil, let a = r.action() else { return false }
                    action = a
                case "by":
                    guard let s = r.scalar(), let v = Fields.optionalString(s) else { return false }
                    by = v
                case "role":
                    switch r.scalar() {
                    case .null?: role = nil
                    case .string(let s)?:
                        guard let v = Role(rawValue: s) else { return false }
                        role = v
                    default: return false
                    }
                default:
                    return r.skipValue(depth: 0)
                }
                return true
            }
            guard read, let at, let action, let by else { return nil }
            return SessionEvent(at: Date(timeIntervalSinceReferenceDate: at), action, by: by, role: role)
        }

        /// `{"CASE":{labels}}`: exactly one case.
        mutating func action() -> SessionEvent.Action? {
            var result: SessionEvent.Action?
            var cases = 0
            let read = object { r, name in
                cases += 1
                var fields = Fields()
                let labels = r.object { r, key in
                    guard Fields.isLabel(key) else { return r.skipValue(depth: 0) }
                    guard let value = r.scalar() else { return false }
                    return fields.set(key, value)
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

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
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
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let n = Double(text), n.isFinite else { return nil }
            return n
        }

        /// A string at `"`: plain runs are copied whole; escapes are decoded (a lone surrogate is nil).
        /// The bytes come from a Swift string, so they are valid UTF-8, and a run between ASCII
        /// delimiters never splits a character.
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
