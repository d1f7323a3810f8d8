/// Gavel's own TOML: values as its reader produces them, each key with its line.
public enum TOML {
    /// Reads TOML text; a syntax error is `FILE:LINE: TOML syntax: ...`.
    public static func parse(_ text: String, file: String) throws(FileError) -> Table {
        try Parser.parse(text, file: file)
    }
}

extension TOML {
    /// A TOML value. Only a date-time is boxed (it is the one large payload); arrays and tables
    /// already live behind their collections' storage, so no value of an agenda's ten thousand
    /// costs an allocation of its own.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        indirect case dateTime(TOML.DateTime)
        case array([TOML.Value])
        case table(TOML.Table)

        /// The type's name as messages use it: "a string", "an integer"...
        public var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .float: "a number"
            case .boolean: "a boolean"
            case .dateTime(let d): d.date == nil ? "a time" : d.time == nil ? "a date" : "a date-time"
            case .array: "an array"
            case .table: "a table"
            }
        }

        /// The table this value holds, moved out (a placeholder stays behind), so the caller
        /// holds its only copy and changes it in place; nil, and nothing changed, for another type.
        mutating func takeTable() -> TOML.Table? {
            guard case .table(let t) = self else { return nil }
            self = .boolean(false)
            return t
        }

        /// The array this value holds, moved out like `takeTable`.
        mutating func takeArray() -> [TOML.Value]? {
            guard case .array(let a) = self else { return nil }
            self = .boolean(false)
            return a
        }

        public var string: String? { if case .string(let s) = self { s } else { nil } }
        public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
        public var boolean: Bool? { if case .boolean(let b) = self { b } else { nil } }
        public var array: [TOML.Value]? { if case .array(let a) = self { a } else { nil } }
        public var table: TOML.Table? { if case .table(let t) = self { t } else { nil } }
        public var dateTime: TOML.DateTime? { if case .dateTime(let d) = self { d } else { nil } }
        public var number: Double? {
            switch self {
            case .float(let d): d
            case .integer(let i): Double(i)
            default: nil
            }
        }
    }

    /// A TOML date, time, or date-time, as written (local unless it has an offset).
    public struct DateTime: Sendable, Equatable {
        public struct Date: Sendable, Equatable { public var year, month, day: Int }
        public struct Time: Sendable, Equatable { public var hour, minute, second: Int; public var nanosecond: Int }
        public var date: Date?
        public var time: Time?
        /// Minutes east of UTC, when the value has an offset (`Z` is 0).
        public var offsetMinutes: Int?
    }

    /// A TOML table: keys in the order written, each value with the line of its key.
    public struct Table: Sendable, Equatable {
        /// Keys in the order written, each with its entry. Most tables hold a handful of keys (a
        /// topic's title, speakers, length): they are found by comparing keys, which costs less
        /// than hashing one and needs no dictionary grown key by key (~1,700 instructions a key
        /// for a topic's table). A table of more keys (`[renamed]`) gets an index.
        private var pairs: [(key: String, entry: Entry)] = []
        private var index: [String: Int]?
        /// The line of the table's header (`[name]` or `[[name]]`), or of its first key.
        public var line: Int
        /// How it came to be, for TOML's rules on redefinition.
        var origin: Origin

        /// Past this many keys, a table is looked up by an index.
        static let indexedFrom = 12

        enum Origin: Sendable, Equatable {
            case root, header, implicitByHeader, dotted, inline, arrayElement
        }

        struct Entry: Sendable, Equatable {
            var value: TOML.Value
            var line: Int
            /// An array created by `[[name]]` headers (open to more elements), not a value array.
            var isTableArray = false
        }

        init(line: Int, origin: Origin) {
            self.line = line
            self.origin = origin
        }

        /// Keys in the order written.
        public var keys: [String] { pairs.map(\.key) }

        public subscript(key: String) -> TOML.Value? { entry(key)?.value }

        /// The line of `key`, if present.
        public func line(of key: String) -> Int? { entry(key)?.line }

        public var isEmpty: Bool { pairs.isEmpty }

        private func position(_ key: String) -> Int? {
            if let index { return index[key] }
            return pairs.firstIndex { $0.key == key }
        }

        func entry(_ key: String) -> Entry? { position(key).map { pairs[$0].entry } }

        mutating func set(_ key: String, _ entry: Entry) {
            if let i = position(key) {
                pairs[i].entry = entry
                return
            }
            if pairs.isEmpty { pairs.reserveCapacity(8) }
            pairs.append((key, entry))
            if index != nil {
                index?[key] = pairs.count - 1
            } else if pairs.count > Self.indexedFrom {
                index = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($0.element.key, $0.offset) })
            }
        }

        /// The entry of `key`, taken out so the caller holds its value's only copy and can change
        /// it in place (then `set` it back): changing a copy the table still shares would copy the
        /// whole subtree, once per key, which made a 20,000-topic agenda quadratic. The key keeps
        /// its place, holding a placeholder until then.
        mutating func take(_ key: String) -> Entry? {
            guard let i = position(key) else { return nil }
            let entry = pairs[i].entry
            pairs[i].entry = Entry(value: .boolean(false), line: entry.line)
            return entry
        }

        /// Keys, entries, line and origin alike (the index follows from the keys).
        public static func == (a: Table, b: Table) -> Bool {
            a.line == b.line && a.origin == b.origin && a.pairs.count == b.pairs.count
                && zip(a.pairs, b.pairs).allSatisfy { $0.key == $1.key && $0.entry == $1.entry }
        }
    }
}
