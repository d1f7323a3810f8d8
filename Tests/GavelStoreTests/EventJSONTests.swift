import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelStore

/// The session's own event reader against `JSONDecoder`: every action, hostile text, and what it
/// must leave to the decoder (nil, never a different event).
@Suite struct EventJSONTests {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func text(_ r: inout SeededRandom) -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1B}[2J", "\u{7F}", "é", "e\u{301}", "日本",
                      "🎉", "👩‍👩‍👧", "\u{FEFF}", "\u{202E}", "\u{2028}", "<b>", "&amp;", "\u{FFFD}", "http://x.org/a?b=1"]
        return (0..<Int.random(in: 0...12, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
    }

    static func event(_ r: inout SeededRandom) -> SessionEvent {
        func s() -> String { text(&r) }
        func maybe() -> String? { Bool.random(using: &r) ? s() : nil }
        let actions: [SessionEvent.Action] = [
            .openSlot(slot: s()), .start(slot: s(), topic: s()), .pause(slot: s(), topic: s()),
            .adjust(slot: s(), topic: s(), seconds: Int.random(in: -100_000...100_000, using: &r), batch: maybe()),
            .undoAdjustments(batch: s()), .message(slot: s(), topic: s(), text: maybe()), .holdAutoNext(slot: s(), topic: s()),
            .next(slot: s(), topic: s()), .previous(slot: s(), topic: s()),
            .endSlot(slot: s(), cause: [SlotEndCause.chair, .lastTopic, .timeUp].randomElement(using: &r)!),
            .extendSlot(slot: s(), seconds: Int.random(in: 0...9_999, using: &r)),
            .noteAdded(id: s(), slot: s(), topic: s(), text: s(), by: s()),
            .noteEdited(id: s(), text: s(), undo: Bool.random(using: &r), base: Bool.random(using: &r) ? Int.random(in: 0...99, using: &r) : nil),
            .noteDeleted(id: s()), .noteRestored(id: s()),
            .noteMoved(id: s(), slot: s(), topic: s(), undo: Bool.random(using: &r)),
            .clockJump(seconds: Double.random(in: -1e6...1e6, using: &r), boot: maybe(), offset: Bool.random(using: &r) ? Double.random(in: 0...1e9, using: &r) : nil),
            .clockBase(boot: s(), offset: Double.random(in: -1e9...1e9, using: &r)),
        ]
        let at = Date(timeIntervalSinceReferenceDate: Double.random(in: 0...1e9, using: &r))
        return SessionEvent(at: at, actions.randomElement(using: &r)!, by: maybe(), role: Bool.random(using: &r) ? Role.allCases.randomElement(using: &r) : nil)
    }

    @Test func readsWhatTheStoreWritesExactlyAsJSONDecoderDoes() throws {
        var r = SeededRandom(seed: 16)
        for _ in 0..<5_000 {
            let event = Self.event(&r)
            let json = String(decoding: try Self.encoder.encode(event), as: UTF8.self)
            let fast = try #require(EventJSON.decode(json), "\(json)")
            #expect(fast == event, "\(json)")
            #expect(fast == (try JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8))))
        }
    }

    /// A note added, as the store writes it, is read on its own short way, and that way gives
    /// what the general one gives: for any texts, with and without an author and a role.
    @Test func anAddedNoteTakesTheShortWayToTheSameEvent() throws {
        var r = SeededRandom(seed: 0xADD)
        for _ in 0..<3_000 {
            let roles: [Role?] = [nil] + Role.allCases
            let event = SessionEvent(at: Date(timeIntervalSinceReferenceDate: Double.random(in: -1e9...1e9, using: &r)),
                                     .noteAdded(id: Self.text(&r), slot: Self.text(&r), topic: Self.text(&r), text: Self.text(&r), by: Self.text(&r)),
                                     by: Bool.random(using: &r) ? Self.text(&r) : nil, role: roles.randomElement(using: &r)!)
            var json = try Self.encoder.encode(event)
            let short: SessionEvent? = json.withUnsafeMutableBytes { raw in
                var reader = EventJSON.Reader(bytes: UnsafeBufferPointer(raw.bindMemory(to: UInt8.self)))
                return reader.addedNote()
            }
            let general: SessionEvent? = json.withUnsafeMutableBytes { raw in
                var reader = EventJSON.Reader(bytes: UnsafeBufferPointer(raw.bindMemory(to: UInt8.self)))
                return reader.event()
            }
            #expect(short != nil, "\(String(decoding: json, as: UTF8.self))")
            #expect(short == general)
            #expect(short == event)
        }
    }

    @Test func whatItDoesNotKnowIsLeftToTheDecoder() {
        for json in [
            #"{"action":{"start":{"slot":"a","topic":"b"}},"at":1}"# + "x",
            #"{"action":{"teleport":{"slot":"a"}},"at":1}"#,
            #"{"action":{"start":{"slot":"a"}},"at":1}"#,
            #"{"action":{"start":{"slot":"a","topic":"b"}}}"#,
            #"{"action":{"start":{"slot":"a","topic":["b"]}},"at":1}"#,
            #"{"action":{"start":{"slot":"a\ud800","topic":"b"}},"at":1}"#,
            #"{"action":{"adjust":{"slot":"a","topic":"b","seconds":1.5}},"at":1}"#,
            #"{"action":{"start":{"slot":"a","topic":"b"}},"at":1,"role":"pope"}"#,
            "", "{", "{\"action\":", "[]", "nul", #"{"at":1e999}"#,
            String(repeating: "{\"a\":", count: 10_000),
        ] {
            #expect(EventJSON.decode(json) == nil, "\(json.prefix(80))")
        }
    }

    @Test func unknownKeysAndMissingOptionalsReadAsTheDecoderReadsThem() throws {
        let json = #"{"action":{"adjust":{"slot":"a","topic":"b","seconds":-60,"future":{"x":true}}},"at":12.5,"later":null}"#
        let fast = try #require(EventJSON.decode(json))
        #expect(fast == (try JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8))))
        #expect(fast.action == .adjust(slot: "a", topic: "b", seconds: -60, batch: nil))
    }

    @Test func randomBytesNeverCrashIt() {
        var r = SeededRandom(seed: 7)
        let base = Array(#"{"action":{"noteAdded":{"by":"a","id":"n","slot":"s","text":"t\u00e9\n","topic":"x"}},"at":1.25,"by":"a","role":"notes"}"#.utf8)
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &r) {
                let i = Int.random(in: 0..<bytes.count, using: &r)
                switch Int.random(in: 0..<3, using: &r) {
                case 0: bytes[i] = UInt8.random(in: 0...127, using: &r)
                case 1: bytes.remove(at: i)
                default: bytes.insert(bytes[Int.random(in: 0..<bytes.count, using: &r)], at: i)
                }
            }
            let json = String(decoding: bytes, as: UTF8.self)
            if let fast = EventJSON.decode(json), let slow = try? JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8)) {
                #expect(fast == slow, "\(json)")
            }
        }
    }

    @Test func shortDecimalsReadAsDoubleReadsThem() {
        var r = SeededRandom(seed: 23)
        var times = 0
        for n in 0..<60_000 {
            let text: String
            if n % 6 == 5 {
                // An event's time as it is written: seconds since 2001 with 16 or 17 digits, the
                // ones near 2^53 (9,007,199,254,740,992) on either side of the fast path's limit.
                let mantissa = UInt64.random(in: 7_000_000_000_000_000...9_999_999_999_999_999, using: &r)
                let digits = String(mantissa)
                let point = Int.random(in: 7...12, using: &r)
                text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            } else {
                let whole = String(UInt64.random(in: 0...999_999_999_999, using: &r))
                var t = Bool.random(using: &r) ? "-" + whole : whole
                if Bool.random(using: &r) {
                    t += "." + String(UInt64.random(in: 0...999_999, using: &r))
                }
                text = t
            }
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { EventJSON.Reader.plainDecimal($0) }
            let mantissa = UInt64(text.filter(\.isNumber)) ?? .max
            if mantissa <= 1 << 53 {
                #expect(fast.map(\.bitPattern) == Double(text).map(\.bitPattern), "\(text)")
                if n % 6 == 5 { times += 1 }
            } else {
                #expect(fast == nil, "\(text)")
            }
        }
        #expect(times > 1_000)
        for text in ["", "-", "1.", ".5", "1e5", "1E-2", "--1", "1.2.3", "+1", "9007199254740993", "0.9007199254740993",
                     "12345678901234567890", "0.00000000000000000000001"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { EventJSON.Reader.plainDecimal($0) } == nil, "\(text)")
        }
        for text in ["817629895.3846154", "9007199254740992", "0.000000000000000000001", "00000000000000000001.5"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { EventJSON.Reader.plainDecimal($0) }?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func columnBytesReadAsTheColumnTextWould() {
        var r = SeededRandom(seed: 29)
        let base = Array(#"{"action":{"noteAdded":{"by":"a","id":"n","slot":"s","text":"t\u00e9 日本 x","topic":"x"}},"at":1.25,"by":"a"}"#.utf8)
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &r) {
                let i = Int.random(in: 0..<bytes.count, using: &r)
                bytes.insert([0xE2, 0x80, 0xC2, 0xFF, 0xF0, 0x9F, 0x80].randomElement(using: &r)!, at: i)
            }
            let fromBytes = bytes.withUnsafeBufferPointer { EventJSON.decode($0) }
            let fromText = EventJSON.decode(String(decoding: bytes, as: UTF8.self))
            #expect(fromBytes == fromText, "\(bytes)")
        }
    }

    @Test func everyLabelIsKnownByItsName() {
        for label in EventJSON.Fields.Label.allCases {
            let name = label.name
            let found = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            #expect(EventJSON.Fields.Label(EventJSON.Key(bytes: found)) == label, "\(name)")
            let longer: [UInt8] = Array(found) + [0x73]
            #expect(longer.withUnsafeBufferPointer { EventJSON.Fields.Label(EventJSON.Key(bytes: $0)) } == nil, "\(name)s")
        }
    }
}
