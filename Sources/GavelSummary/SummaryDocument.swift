import GavelCore

/// A summary laid out as blocks, before any markup: the shape Markdown, MediaWiki and plain text
/// share. `SummaryLayout` builds it from the model; each renderer only spells the blocks.
public struct SummaryDocument: Sendable, Equatable {
    public var blocks: [Block]

    /// The blocks spelled by `block`, a blank line between them: every format's outer shape.
    public func spelled(_ block: (Block) -> String) -> String {
        var out = ""
        for (i, b) in blocks.enumerated() {
            if i > 0 { out += "\n" }
            out += block(b)
        }
        return out
    }

    /// `spelled` with each block written into one buffer, as UTF-8 bytes: a summary of 10,000
    /// notes makes no String a note, and none of the whole (making one checks every byte again).
    public func spelled(into block: (Block, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        for (i, b) in blocks.enumerated() {
            if i > 0 { out.append(0x0A) }
            block(b, &out)
        }
        return out
    }

    public enum Block: Sendable, Equatable {
        /// Level 1 is the document's title.
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case list([[Inline]])
        case table(header: [String], rightAligned: [Bool], rows: [[[Inline]]])
    }

    public enum Inline: Sendable, Equatable {
        /// Gavel's own words: printed as they are.
        case plain(String)
        /// Text typed by people (already cleaned), with the links found in it: escaped by each
        /// format, links kept as links.
        case typed(String, links: [String])
        case emphasis([Inline])

        /// Typed text whose links are looked for here (titles, names).
        public static func people(_ text: String) -> Inline {
            .typed(text, links: NoteText.mayHaveLinks(text) ? NoteText(text).links : [])
        }
    }
}
