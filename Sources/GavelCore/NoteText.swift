/// What a note is, read from how it starts: `action:`/`a:`, `decision:`/`d:`, `question:`/`q:`,
/// or else a discussion note. Case does not matter.
public enum NoteKind: String, Sendable, Equatable, Codable, CaseIterable {
    case discussion
    case action
    case decision
    case question
}

public struct NoteText: Sendable, Equatable {
    public var kind: NoteKind
    /// The text without its kind prefix.
    public var body: String
    /// `@name` mentions in an action: its owners, without the `@`, in order, once each.
    public var owners: [String]
    /// `http://` and `https://` links, in order.
    public var links: [String]

    public init(_ text: String) {
        let trimmed = text.drop(while: { $0 == " " })
        var kind = NoteKind.discussion
        var body = Substring(trimmed)
        let prefixes: [(String, NoteKind)] = [
            ("action:", .action), ("a:", .action), ("decision:", .decision), ("d:", .decision),
            ("question:", .question), ("q:", .question),
        ]
        let lower = trimmed.lowercased()
        for (prefix, k) in prefixes where lower.hasPrefix(prefix) {
            kind = k
            body = trimmed.dropFirst(prefix.count).drop(while: { $0 == " " })
            break
        }
        self.kind = kind
        self.body = String(body)
        self.owners = kind == .action ? Self.mentions(in: self.body) : []
        self.links = Self.links(in: self.body)
    }

    static func mentions(in text: String) -> [String] {
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

    static func links(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            var w = Substring(word)
            while let first = w.first, "(<[\"'".contains(first) { w = w.dropFirst() }
            guard w.hasPrefix("http://") || w.hasPrefix("https://") else { return nil }
            while let last = w.last, ".,;:!?)>]\"'".contains(last) { w = w.dropLast() }
            return w.count > 8 ? String(w) : nil
        }
    }
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
