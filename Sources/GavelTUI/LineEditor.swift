import GavelCore

/// The note line: a single line of text with a caret, edited by grapheme clusters (so an emoji or
/// a letter with its combining marks moves and deletes as one), shown through a window that
/// scrolls horizontally to keep the caret visible.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    /// Index of the character the caret stands before (0...count).
    public private(set) var caret = 0

    /// The longest note, in characters: a paste of a whole file is cut here, with a message.
    public static let maximumLength = 4000

    public init(_ text: String = "") {
        characters = Array(text)
        caret = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func set(_ text: String) {
        characters = Array(text.prefix(Self.maximumLength))
        caret = characters.count
    }

    public mutating func clear() { set("") }

    /// Inserts `text` at the caret in one go (a paste costs one pass, not one per character).
    /// Returns false when the line was full and some of it was left out.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        // Line breaks and tabs become spaces: a note is one line.
        var clean = text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 }
        let room = max(0, Self.maximumLength - characters.count)
        let fits = clean.count <= room
        if !fits { clean = Array(clean.prefix(room)) }
        characters.insert(contentsOf: clean, at: caret)
        caret += clean.count
        resegment()
        return fits
    }

    /// Keeps `characters` the grapheme clusters of the text: a combining mark typed after a
    /// letter joins it, and a deletion can bring together what belongs together (a mark and the
    /// character before the deleted one, two regional indicators).
    mutating func resegment() {
        let rebuilt = Array(String(characters))
        guard rebuilt.count != characters.count || rebuilt != characters else { return }
        let prefix = String(characters[..<caret])
        characters = rebuilt
        caret = min(rebuilt.count, Array(prefix).count)
    }

    public mutating func left() { caret = max(0, caret - 1) }
    public mutating func right() { caret = min(characters.count, caret + 1) }
    public mutating func home() { caret = 0 }
    public mutating func end() { caret = characters.count }

    public mutating func backspace() {
        guard caret > 0 else { return }
        characters.remove(at: caret - 1)
        caret -= 1
        resegment()
    }

    public mutating func deleteForward() {
        guard caret < characters.count else { return }
        characters.remove(at: caret)
        resegment()
    }

    /// Ctrl-W: deletes the word before the caret and the spaces after it.
    public mutating func deleteWord() {
        var i = caret
        while i > 0, characters[i - 1] == " " { i -= 1 }
        while i > 0, characters[i - 1] != " " { i -= 1 }
        characters.removeSubrange(i..<caret)
        caret = i
        resegment()
    }

    /// Ctrl-U: deletes everything before the caret.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<caret)
        caret = 0
        resegment()
    }

    /// Columns from the start of the text to the caret.
    public var caretColumn: Int { characters[..<caret].reduce(0) { $0 + TextWidth.of(Self.shown($1)) } }

    /// What is visible in a window `width` columns wide, and where the caret is in it. `scroll`,
    /// the first column shown, is the view's own state (kept between frames so the text does not
    /// jump); it moves only as far as keeps the caret inside the window.
    public func view(width: Int, scroll: inout Int) -> (text: String, caret: Int) {
        guard width > 1 else { return ("", 0) }
        let col = caretColumn
        if col < scroll { scroll = max(0, col - width / 3) }
        if col >= scroll + width { scroll = col - width + 1 + width / 3 }
        scroll = max(0, min(scroll, col))
        var out = ""
        var x = 0
        for ch in characters {
            let shown = Self.shown(ch)
            let w = TextWidth.of(shown)
            if x >= scroll, x + w <= scroll + width { out += shown }
            else if x < scroll, x + w > scroll { out += String(repeating: " ", count: x + w - scroll) }
            x += w
            if x >= scroll + width { break }
        }
        return (out, col - scroll)
    }

    /// How a character is shown on the line: control characters escaped.
    static func shown(_ ch: Character) -> String { TerminalText.escaped(String(ch)) }
}
