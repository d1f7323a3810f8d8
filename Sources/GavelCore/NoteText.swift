/// What a note is, read from how it starts (`NoteKind.guide` lists the prefixes): an action, a
/// decision, an open question, or else a discussion note. Case does not matter.
public enum NoteKind: String, Sendable, Equatable, Codable, CaseIterable {
    case discussion
    case action
    case decision
    case question
}

/// One note kind as people are told about it: what to type first, and what it is for. The views
/// show `NoteKind.guide` on the empty notes screen and in `?`; `NoteText` reads notes with it, so
/// what is shown is what is understood.
public struct NoteKindGuide: Sendable, Equatable {
    public var kind: NoteKind
    /// What starts a note of this kind, lower case (any case is read): empty for discussion,
    /// which is anything else.
    public var prefixes: [String]
    /// One line saying what the kind is for.
    public var description: String

    /// `action: a: todo: ai:`, or `anything else` for discussion.
    public var prefixText: String { prefixes.isEmpty ? "anything else" : prefixes.joined(separator: " ") }
}

extension NoteKind {
    /// Every kind, in the order to show them, with its prefixes and a one-line description.
    public static let guide: [NoteKindGuide] = [
        NoteKindGuide(kind: .action, prefixes: ["action:", "a:", "todo:", "ai:"],
                      description: "to do; each @name owns it"),
        NoteKindGuide(kind: .decision, prefixes: ["decision:", "d:"], description: "what was decided"),
        NoteKindGuide(kind: .question, prefixes: ["question:", "q:"],
                      description: "open, for the closing session"),
        NoteKindGuide(kind: .discussion, prefixes: [], description: "discussion: what was said"),
    ]

    /// The guide as aligned lines, `prefixes  description`, for a help screen:
    /// `action: a: todo: ai:  something to do; each @name in it is an owner`.
    public static let guideLines: [String] = {
        let width = guide.map(\.prefixText.count).max() ?? 0
        return guide.map { $0.prefixText + String(repeating: " ", count: width - $0.prefixText.count + 2) + $0.description }
    }()

    /// What starts a note of this kind, lower case; empty for discussion.
    public var prefixes: [String] { Self.guide.first { $0.kind == self }?.prefixes ?? [] }

    /// Every prefix with its kind, longest first, so a longer prefix wins over one it starts with.
    static let prefixTable: [(String, NoteKind)] = guide
        .flatMap { entry in entry.prefixes.map { ($0, entry.kind) } }
        .sorted { $0.0.count > $1.0.count }
    static let longestPrefix = prefixTable.map(\.0.count).max() ?? 0
    /// `prefixTable` as bytes.
    static let prefixBytes: [([UInt8], NoteKind)] = prefixTable.map { (Array($0.0.utf8), $0.1) }
}

public struct NoteText: Sendable, Equatable {
    public var kind: NoteKind
    /// The text without its kind prefix.
    public var body: String
    /// `@name` mentions in an action: its owners, without the `@`, in order, once each.
    public var owners: [String]
    /// `http://` and `https://` links, in order.
    public var links: [String]

    init(kind: NoteKind, body: String, owners: [String], links: [String]) {
        self.kind = kind
        self.body = body
        self.owners = owners
        self.links = links
    }

    public init(_ text: String) {
        var bytes = text
        if let ascii = bytes.withUTF8({ Self.ascii($0, text: text) }) {
            self = ascii
        } else {
            self.init(characters: text)
        }
    }

    /// A note of ASCII bytes only (most are) read from its bytes: one byte is one character,
    /// so no grapheme breaking and no Unicode lower-casing is needed. Nil for any other note.
    /// `NoteTextASCIIPathTests` holds it to `init(characters:)`.
    static func ascii(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> NoteText? {
        guard bytes.isASCII else { return nil }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        var kind = NoteKind.discussion
        var bodyStart = start
        for (prefix, k) in NoteKind.prefixBytes where bytes.hasCaselessPrefix(prefix, at: start) {
            kind = k
            bodyStart = start + prefix.count
            while bodyStart < bytes.count, bytes[bodyStart] == 0x20 { bodyStart += 1 }
            break
        }
        let body = UnsafeBufferPointer(rebasing: bytes[bodyStart...])
        return NoteText(kind: kind, body: bodyStart == 0 ? text : String(decoding: body, as: UTF8.self),
                        owners: kind == .action ? asciiMentions(body) : [],
                        links: body.containsHTTP ? asciiLinks(body) : [])
    }

    /// The general reading, character by character.
    init(characters text: String) {
        let trimmed = text.drop(while: { $0 == " " })
        var kind = NoteKind.discussion
        var body = Substring(trimmed)
        // Only the start can hold a kind's prefix: lower-casing the whole note is wasted work.
        let lower = trimmed.prefix(NoteKind.longestPrefix).lowercased()
        for (prefix, k) in NoteKind.prefixTable where lower.hasPrefix(prefix) {
            kind = k
            body = trimmed.dropFirst(prefix.count).drop(while: { $0 == " " })
            break
        }
        self.kind = kind
        self.body = String(body)
        self.owners = kind == .action ? Self.characterMentions(in: self.body) : []
        // Most notes have none: one byte search before splitting into words.
        self.links = self.body.utf8.containsHTTP ? Self.characterLinks(in: self.body) : []
    }

    static func characterMentions(in text: String) -> [String] {
        var out: [String] = []
        var current: String? = nil
        var previous: Character = " "
        func flush() {
            if let name = current {
                let cleaned = String(name.reversed().drop(while: { ".,;:!?)".contains($0) }).reversed())
                if !cleaned.isEmpty, !out.contains(cleaned) { out.append(cleaned) }
            }
            current = nil
        }
        for ch in text {
            if current != nil {
                if ch.isLetter || ch.isNumber || "-_.".contains(ch) {
                    current?.append(ch)
                } else {
                    flush()
                }
            } else if ch == "@", !(previous.isLetter || previous.isNumber) {
                current = ""
            }
            previous = ch
        }
        flush()
        return out
    }

    /// Whether `text` may hold a link (it has `http` somewhere): one byte search.
    public static func mayHaveLinks(_ text: String) -> Bool { text.utf8.containsHTTP }

    /// The links in `text`: each word that starts `http://` or `https://` after any opening
    /// bracket or quote, without the punctuation that ends the sentence around it. A closing
    /// bracket is part of the link when the link opened it (`https://en.wikipedia.org/wiki/C_(language)`),
    /// not when it closes the text around the link (`(see https://example.org)`).
    static func characterLinks(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            var w = Substring(word)
            while let first = w.first, "(<[{\"'".contains(first) { w = w[w.index(after: w.startIndex)...] }
            guard w.hasPrefix("http://") || w.hasPrefix("https://") else { return nil }
            // How many of each bracket the word opens minus how many it closes, counted once.
            var balance: [Character: Int] = [:]
            for ch in w {
                if let open = Self.opening[ch] { balance[open, default: 0] -= 1 }
                else if Self.opening.values.contains(ch) { balance[ch, default: 0] += 1 }
            }
            // Slicing by index: `dropLast()` on a Substring counts the whole word each time.
            while let last = w.last {
                if ".,;:!?>\"'".contains(last) {
                    w = w[..<w.index(before: w.endIndex)]
                } else if let open = Self.opening[last], balance[open, default: 0] < 0 {
                    // More closed than opened: this one closes the text around the link.
                    balance[open, default: 0] += 1
                    w = w[..<w.index(before: w.endIndex)]
                } else {
                    break
                }
            }
            return w.count > 8 ? String(w) : nil
        }
    }

    // MARK: - The same rules over ASCII bytes (most notes): one character is one byte, so no
    // grapheme breaking is needed. NoteTextTests check both paths give the same answers.

    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    static func asciiMentions(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var i = 0
        var previous: UInt8 = 0x20
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "@"), !isASCIIWordByte(previous) {
                var j = i + 1
                while j < bytes.count, isASCIIWordByte(bytes[j]) || bytes[j] == 0x2D || bytes[j] == 0x5F || bytes[j] == 0x2E { j += 1 }
                var end = j
                while end > i + 1, isNameEnd(bytes[end - 1]) { end -= 1 }
                if end > i + 1 {
                    let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                    if !out.contains(name) { out.append(name) }
                }
                // The byte that ended the name ends it only: it starts nothing, even an `@`.
                if j < bytes.count { previous = bytes[j]; i = j + 1 } else { i = j }
                continue
            }
            previous = b
            i += 1
        }
        return out
    }

    /// `.,;:!?)`: punctuation that ends a sentence, not a name.
    @inline(__always) static func isNameEnd(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
             UInt8(ascii: "?"), UInt8(ascii: ")"): true
        default: false
        }
    }

    static func asciiLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var i = 0
        func isOpener(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            default: false
            }
        }
        func isTrailing(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                 UInt8(ascii: "?"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            default: false
            }
        }
        func hasPrefix(_ p: StaticString, at k: Int, end: Int) -> Bool {
            let n = p.utf8CodeUnitCount
            guard end - k >= n else { return false }
            for j in 0..<n where bytes[k + j] != p.utf8Start[j] { return false }
            return true
        }
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
            var lo = start, hi = i
            guard lo < hi else { continue }
            while lo < hi, isOpener(bytes[lo]) { lo += 1 }
            guard hasPrefix("http://", at: lo, end: hi) || hasPrefix("https://", at: lo, end: hi) else { continue }
            // How many of each bracket the word opens minus how many it closes: ( [ {.
            var balance = (0, 0, 0)
            func slot(_ b: UInt8) -> Int? {
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: ")"): 0
                case UInt8(ascii: "["), UInt8(ascii: "]"): 1
                case UInt8(ascii: "{"), UInt8(ascii: "}"): 2
                default: nil
                }
            }
            func add(_ k: Int, _ d: Int) {
                switch k {
                case 0: balance.0 += d
                case 1: balance.1 += d
                default: balance.2 += d
                }
            }
            func get(_ k: Int) -> Int { k == 0 ? balance.0 : k == 1 ? balance.1 : balance.2 }
            func isClosing(_ b: UInt8) -> Bool { b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") }
            for j in lo..<hi {
                if let k = slot(bytes[j]) { add(k, isClosing(bytes[j]) ? -1 : 1) }
            }
            while hi > lo {
                let last = bytes[hi - 1]
                if isTrailing(last) {
                    hi -= 1
                } else if isClosing(last), let k = slot(last), get(k) < 0 {
                    add(k, 1)
                    hi -= 1
                } else {
                    break
                }
            }
            // Longer than `http://x` in characters: CR LF is one character, as the character rule counts it.
            var characters = hi - lo
            var j = lo
            while j + 1 < hi {
                if bytes[j] == 0x0D, bytes[j + 1] == 0x0A { characters -= 1 }
                j += 1
            }
            if characters > 8 { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)) }
        }
        return out
    }

    /// Closing brackets and the bracket each closes.
    static let opening: [Character: Character] = [")": "(", "]": "[", "}": "{"]
}

/// A note as the session holds it, after every edit, move and delete.
public struct Note: Sendable, Equatable, Identifiable {
    public var id: String
    public var slot: String
    public var topic: String
    public var text: String
    public var by: String
    /// When it was first saved.
    public var at: Date
    /// Seconds into its topic when it was first saved.
    public var offset: Int
    public var deleted: Bool
    /// Earlier texts, oldest first.
    public var history: [String]
    public var editedAt: Date?
    /// Who made the last edit, when one was made.
    public var editedBy: String? = nil
    /// How many edits it has had: an edit names the version it was written against, and one
    /// written against an older version is refused (somebody else changed the note meanwhile).
    public var version: Int { history.count }

    public var parsed: NoteText { NoteText(text) }
}

import Foundation

extension String.UTF8View {
    /// Whether the bytes hold `http` anywhere.
    var containsHTTP: Bool {
        if let found = withContiguousStorageIfAvailable({ $0.containsHTTP }) { return found }
        return Array(self).withUnsafeBufferPointer { $0.containsHTTP }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes hold `http` anywhere.
    var containsHTTP: Bool {
        guard count >= 4 else { return false }
        var i = 0
        while i <= count - 4 {
            if self[i] == 0x68, self[i + 1] == 0x74, self[i + 2] == 0x74, self[i + 3] == 0x70 { return true }
            i += 1
        }
        return false
    }

    /// Whether every byte is below 0x80, eight at a time.
    var isASCII: Bool {
        guard let base = baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < count {
            if self[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Whether the bytes at `start` are `prefix` (lower-case ASCII) in any case.
    func hasCaselessPrefix(_ prefix: [UInt8], at start: Int) -> Bool {
        guard count - start >= prefix.count else { return false }
        for (k, p) in prefix.enumerated() {
            var b = self[start + k]
            if b >= 0x41, b <= 0x5A { b |= 0x20 }
            if b != p { return false }
        }
        return true
    }
}
