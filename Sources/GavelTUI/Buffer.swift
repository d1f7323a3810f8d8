import GavelCore

/// A frame: a grid of cells that views draw into, with no terminal involved.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (the note line's caret), if visible.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { Position(x: $0.x, y: $0.y) } }
    }
    private var cursorPosition: Position?

    struct Position: Sendable, Equatable { var x: Int; var y: Int }

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(glyph: .space, width: 1, style: style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The cells of rows `rows`, row by row, copied out.
    func cells(rows: Range<Int>) -> [Cell] { Array(cells[(rows.lowerBound * width)..<(rows.upperBound * width)]) }

    /// Whether rows `rows` hold exactly `saved` (as `cells(rows:)` gave them).
    func holds(_ saved: [Cell], rows: Range<Int>) -> Bool {
        guard rows.lowerBound >= 0, rows.upperBound <= height, saved.count == rows.count * width else { return false }
        let start = rows.lowerBound * width
        for i in 0..<saved.count where cells[start + i] != saved[i] { return false }
        return true
    }

    /// Puts `saved` (as `cells(rows:)` gave them) back in rows `rows`.
    mutating func put(_ saved: [Cell], rows: Range<Int>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= height && saved.count == rows.count * width)
        let start = rows.lowerBound * width
        cells.withUnsafeMutableBufferPointer { all in
            for i in 0..<saved.count { all[start + i] = saved[i] }
        }
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        // Overwriting half of a wide character blanks its other half.
        let old = cells[y * width + x]
        if old.isContinuation, x > 0 { cells[y * width + x - 1] = Cell(glyph: .space, width: 1, style: cells[y * width + x - 1].style) }
        if old.width == 2, x + 1 < width { cells[y * width + x + 1] = Cell(glyph: .space, width: 1, style: old.style) }
        cells[y * width + x] = cell
    }

    /// Writes `text` at (x, y), escaping control characters, clipped to `limit` columns (default:
    /// to the right edge). A wide character that would not fit is left out. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        // Printable ASCII (most of every frame, each second), or plain scalars such as a "·": one
        // cell of width one each, with nothing to escape, join or measure.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return writeOneColumnEach(text.utf8, x: x, y: y, style: style, limit: limit) { Glyph(ascii: $0) }
        }
        if text.unicodeScalars.allSatisfy(TextWidth.isPlain) {
            return writeOneColumnEach(text.unicodeScalars, x: x, y: y, style: style, limit: limit) { Glyph(scalar: $0) }
        }
        return writeCharacters(text, x: x, y: y, style: style, limit: limit)
    }

    /// `write` for any text: escaped, then character by character with their widths.
    @discardableResult
    mutating func writeCharacters(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var col = x
        for ch in TerminalText.escaped(text) {
            let w = TextWidth.of(ch)
            if w == 0 {
                // A lone zero-width character (a combining mark after nothing): attach it to the cell before.
                if col > x, col - 1 < width, col - 1 >= 0 {
                    var prev = col - 1
                    if prev > 0, cells[y * width + prev].isContinuation { prev -= 1 }
                    var cell = cells[y * width + prev]
                    // Only when the two stay one grapheme (a combining mark); a lone zero-width
                    // space or joiner is simply not drawn.
                    let joined = String(cell.character) + String(ch)
                    if joined.count == 1, let only = joined.first {
                        cell.character = only
                        cells[y * width + prev] = cell
                    }
                }
                continue
            }
            if col + w > end { break }
            if col >= 0 {
                put(Cell(ch, width: w, style: style), x: col, y: y)
                if w == 2 { put(.continuation(style), x: col + 1, y: y) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Sets one single-column cell (for drawings such as the big digits); outside the frame, nothing.
    public mutating func set(_ character: Character, x: Int, y: Int, style: Style) {
        put(Cell(character, width: 1, style: style), x: x, y: y)
    }

    /// `set` for a glyph made once (a drawing's block), without turning a character into one per cell.
    mutating func set(_ glyph: Glyph, x: Int, y: Int, style: Style) {
        put(Cell(glyph: glyph, width: 1, style: style), x: x, y: y)
    }

    /// Writes `character` `count` times from (x, y), as `write` would write it repeated (a rule,
    /// a bar), making its glyph once; returns the columns used.
    @discardableResult
    mutating func repeating(_ character: Character, count: Int, x: Int, y: Int, style: Style) -> Int {
        guard count > 0 else { return 0 }
        guard y >= 0, y < height, character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              TextWidth.isPlain(scalar) else {
            return write(String(repeating: character, count: count), x: x, y: y, style: style)
        }
        let glyph = Glyph(scalar: scalar)
        return writeOneColumnEach(0..<count, x: x, y: y, style: style, limit: nil) { _ in glyph }
    }

    /// Puts the glyph of each of `items` one a column from (x, y) on a row inside the frame,
    /// clipped to `limit` columns (default: to the right edge); returns the columns used.
    @inline(__always)
    private mutating func writeOneColumnEach<Items: Sequence>(_ items: Items, x: Int, y: Int, style: Style, limit: Int?,
                                                              glyph: (Items.Element) -> Glyph) -> Int {
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var col = x
        for item in items {
            if col + 1 > end { break }
            if col >= 0 { put(Cell(glyph: glyph(item), width: 1, style: style), x: col, y: y) }
            col += 1
        }
        return max(0, col - x)
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        for row in Self.span(y, y + h, limit: height) {
            for col in Self.span(x, x + w, limit: width) {
                put(Cell(glyph: .space, width: 1, style: style), x: col, y: row)
            }
        }
    }

    /// Sets the style of existing cells in a rectangle, keeping their characters.
    public mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        for row in Self.span(y, y + h, limit: height) {
            for col in Self.span(x, x + w, limit: width) {
                cells[row * width + col].style = style
            }
        }
    }

    /// `from..<to` clipped to `0..<limit`, empty when nothing is left.
    static func span(_ from: Int, _ to: Int, limit: Int) -> Range<Int> {
        let a = max(0, from), b = min(limit, to)
        return a < b ? a..<b : 0..<0
    }

    /// The frame as plain text, one line a row, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width {
                let cell = cells[row * width + col]
                if !cell.isContinuation { line.append(cell.character) }
            }
            return line
        }
    }

    /// The frame as text with trailing spaces trimmed, for snapshots.
    public var text: String {
        lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n") + "\n"
    }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cursorPosition == b.cursorPosition && a.cells == b.cells
    }
}
