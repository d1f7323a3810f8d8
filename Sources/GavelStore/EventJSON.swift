import Foundation
import GavelCore

/// Reads an event's `json` column without `JSONDecoder`: the session is read whole at start-up and
/// by every summary, and a generic decoder spends ~15 µs an event on coding paths and boxes
/// (1.5 s for 100,000 events). This reader knows the one shape `SessionStore` writes (the
/// synthesized `Codable` of `SessionEvent`: `{"action":{"CASE":{labels}},"at":SECONDS,"by":…,
/// "role":…}`, dates as seconds since 2001) and answers nil for anything else, so the caller falls
/// back to `JSONDecoder`: a shape it does not know costs time, never a wrong event.
enum EventJSON {
    static func decode(_ text: String) -> SessionEvent? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard case .object(let root)? = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            guard reader.atEnd else { return nil }
            return event(root)
        }
    }

    private static func event(_ root: [(String, Value)]) -> SessionEvent? {
        var at: Double?
        var actionValue: [(String, Value)]?
        var by: String??, role: Role??
        for (key, value) in root {
            switch key {
            case "at": guard case .number(let n) = value else { return nil }; at = n
            case "action": guard case .object(let o) = value else { return nil }; actionValue = o
            case "by": guard let s = optionalString(value) else { return nil }; by = s
            case "role":
                guard let s = optionalString(value) else { return nil }
                if let s { guard let r = Role(rawValue: s) else { return nil }; role = r } else { role = .some(nil) }
            default: continue
            }
        }
        guard let at, let actionValue, actionValue.count == 1, case .object(let fields) = actionValue[0].1,
              let action = action(actionValue[0].0, Fields(fields)) else { return nil }
        return SessionEvent(at: Date(timeIntervalSinceReferenceDate: at), action, by: by ?? nil, role: role ?? nil)
    }

    private static func action(_ name: String, _ f: Fields) -> SessionEvent.Action? {
        switch name {
        case "openSlot":
            guard let slot = f.string("slot") else { return nil }
            return .openSlot(slot: slot)
        case "start", "pause", "next", "previous", "holdAutoNext":
            guard let slot = f.string("slot"), let topic = f.string("topic") else { return nil }
            switch name {
            case "start": return .start(slot: slot, topic: topic)
            case "pause": return .pause(slot: slot, topic: topic)
            case "next": return .next(slot: slot, topic: topic)
            case "previous": return .previous(slot: slot, topic: topic)
            default: return .holdAutoNext(slot: slot, topic: topic)
            }
        case "adjust":
            guard let slot = f.string("slot"), let topic = f.string("topic"), let seconds = f.int("seconds"),
                  let batch = f.optionalString("batch") else { return nil }
            return .adjust(slot: slot, topic: topic, seconds: seconds, batch: batch)
        case "undoAdjustments":
            guard let batch = f.string("batch") else { return nil }
            return .undoAdjustments(batch: batch)
        case "message":
            guard let slot = f.string("slot"), let topic = f.string("topic"), let text = f.optionalString("text") else { return nil }
            return .message(slot: slot, topic: topic, text: text)
        case "endSlot":
            guard let slot = f.string("slot"), let raw = f.string("cause"), let cause = SlotEndCause(rawValue: raw) else { return nil }
            return .endSlot(slot: slot, cause: cause)
        case "extendSlot":
            guard let slot = f.string("slot"), let seconds = f.int("seconds") else { return nil }
            return .extendSlot(slot: slot, seconds: seconds)
        case "noteAdded":
            guard let id = f.string("id"), let slot = f.string("slot"), let topic = f.string("topic"),
                  let text = f.string("text"), let by = f.string("by") else { return nil }
            return .noteAdded(id: id, slot: slot, topic: topic, text: text, by: by)
        case "noteEdited":
            guard let id = f.string("id"), let text = f.string("text"), let undo = f.bool("undo"),
                  let base = f.optionalInt("base") else { return nil }
            return .noteEdited(id: id, text: text, undo: undo, base: base)
        case "noteDeleted":
            guard let id = f.string("id") else { return nil }
            return .noteDeleted(id: id)
        case "noteRestored":
            guard let id = f.string("id") else { return nil }
            return .noteRestored(id: id)
        case "noteMoved":
            guard let id = f.string("id"), let slot = f.string("slot"), let topic = f.string("topic"),
                  let undo = f.bool("undo") else { return nil }
            return .noteMoved(id: id, slot: slot, topic: topic, undo: undo)
        case "clockJump":
            guard let seconds = f.double("seconds"), let boot = f.optionalString("boot"),
                  let offset = f.optionalDouble("offset") else { return nil }
            return .clockJump(seconds: seconds, boot: boot, offset: offset)
        case "clockBase":
            guard let boot = f.string("boot"), let offset = f.double("offset") else { return nil }
            return .clockBase(boot: boot, offset: offset)
        default:
            return nil
        }
    }

    /// nil: not a string or null; .some(nil): null.
    private static func optionalString(_ value: Value) -> String?? {
        switch value {
        case .string(let s): return .some(s)
        case .null: return .some(nil)
        default: return nil
        }
    }

    /// An action's labels. A missing optional label reads as nil, as `decodeIfPresent` does.
    private struct Fields {
        let pairs: [(String, Value)]
        init(_ pairs: [(String, Value)]) { self.pairs = pairs }

        func value(_ key: String) -> Value? { pairs.first { $0.0 == key }?.1 }
        func string(_ key: String) -> String? {
            if case .string(let s)? = value(key) { return s }
            return nil
        }
        func optionalString(_ key: String) -> String?? {
            guard let v = value(key) else { return .some(nil) }
            return EventJSON.optionalString(v)
        }
        func double(_ key: String) -> Double? {
            if case .number(let n)? = value(key) { return n }
            return nil
        }
        func optionalDouble(_ key: String) -> Double?? {
            switch value(key) {
            case nil, .null?: return .some(nil)
            case .number(let n)?: return .some(n)
            default: return nil
            }
        }
        func int(_ key: String) -> Int? {
            guard let n = double(key), n == n.rounded(), abs(n) < 9e15 else { return nil }
            return Int(n)
        }
        func optionalInt(_ key: String) -> Int?? {
            switch value(key) {
            case nil, .null?: return .some(nil)
            case .number(let n)?:
                guard n == n.rounded(), abs(n) < 9e15 else { return nil }
                return .some(Int(n))
            default: return nil
            }
        }
        func bool(_ key: String) -> Bool? {
            if case .bool(let b)? = value(key) { return b }
            return nil
        }
    }

    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case object([(String, Value)])
    }

    /// A strict reader of the JSON subset events use (no arrays): anything else is nil.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 8 else { return nil }
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number().map { .number($0) }
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func object(depth: Int) -> Value? {
            i += 1
            var pairs: [(String, Value)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let v = value(depth: depth + 1) else { return nil }
                pairs.append((key, v))
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                return nil
            }
        }

        mutating func number() -> Double? {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            var digits = 0
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")
                    || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+")
                    || bytes[i] == UInt8(ascii: "-") {
                i += 1
                digits += 1
            }
            guard digits > 0, digits < 40 else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let n = Double(text), n.isFinite else { return nil }
            return n
        }

        /// A string at `"`: plain runs are copied whole; escapes are decoded (a lone surrogate is nil).
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
                return validUTF8(start, i)
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

        /// The bytes come from a Swift string, so they are valid UTF-8, and a run between ASCII
        /// delimiters never splits a character.
        private func validUTF8(_ start: Int, _ end: Int) -> String? {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
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
