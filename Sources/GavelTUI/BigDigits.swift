/// Countdown text drawn as large seven-segment characters, scalable to any height from 5 rows.
///
/// Segments are runs of full blocks in the phase colour over blanks of the same style, so when a
/// digit changes only the cells of the segments that changed differ, with no attribute changes
/// between them: ncurses then sends a handful of bytes a second.
public struct BigDigits: Sendable, Equatable {
    /// Rows of a digit.
    public let height: Int
    /// Columns of a digit.
    public let width: Int
    /// Columns of a vertical stroke.
    public let stroke: Int
    /// Columns between characters.
    public let gap: Int

    public init(height: Int) {
        self.height = max(5, height)
        self.width = max(3, self.height)
        self.stroke = self.width >= 5 ? 2 : 1
        self.gap = self.width >= 8 ? 2 : 1
    }

    static let glyphs: Set<Character> = Set("0123456789:+-")

    /// Columns `text` takes at this size.
    public func width(of text: String) -> Int {
        var total = 0
        for (i, ch) in text.enumerated() {
            if i > 0 { total += gap }
            total += ch == ":" ? stroke : width
        }
        return total
    }

    /// The largest size whose `text` fits in `columns` x `rows`, no taller than `maxHeight`; nil
    /// when even the smallest does not fit.
    public static func fitting(_ text: String, columns: Int, rows: Int, maxHeight: Int = .max) -> BigDigits? {
        var h = min(rows, maxHeight)
        while h >= 5 {
            let font = BigDigits(height: h)
            if font.width(of: text) <= columns { return font }
            h -= 1
        }
        return nil
    }

    /// Segments lit for each digit: a top, b upper right, c lower right, d bottom, e lower left,
    /// f upper left, g middle.
    /// The seven segments, one bit each: a top, b upper right, c lower right, d bottom, e lower
    /// left, f upper left, g middle.
    struct Segments: OptionSet {
        let rawValue: UInt8
        static let a = Segments(rawValue: 1), b = Segments(rawValue: 2), c = Segments(rawValue: 4), d = Segments(rawValue: 8)
        static let e = Segments(rawValue: 16), f = Segments(rawValue: 32), g = Segments(rawValue: 64)
    }

    static func segments(_ ch: Character) -> Segments {
        switch ch {
        case "0": [.a, .b, .c, .d, .e, .f]
        case "1": [.b, .c]
        case "2": [.a, .b, .d, .e, .g]
        case "3": [.a, .b, .c, .d, .g]
        case "4": [.b, .c, .f, .g]
        case "5": [.a, .c, .d, .f, .g]
        case "6": [.a, .c, .d, .e, .f, .g]
        case "7": [.a, .b, .c]
        case "8": [.a, .b, .c, .d, .e, .f, .g]
        case "9": [.a, .b, .c, .d, .f, .g]
        case "-": [.g]
        default: []
        }
    }

    /// What a character is drawn as: the two dots of a colon, a plus, or segments.
    enum Shape {
        case colon, plus
        case segments(Segments)

        init(_ ch: Character) {
            switch ch {
            case ":": self = .colon
            case "+": self = .plus
            default: self = .segments(BigDigits.segments(ch))
            }
        }
    }

    func lit(_ ch: Character, x: Int, y: Int) -> Bool { lit(Shape(ch), x: x, y: y) }

    func lit(_ shape: Shape, x: Int, y: Int) -> Bool {
        let mid = (height - 1) / 2
        let s: Segments
        switch shape {
        case .colon:
            let dot = height >= 9 ? 2 : 1
            let upper = max(0, mid - max(1, height / 4))
            let lower = min(height - dot, mid + max(1, height / 4))
            return (y >= upper && y < upper + dot) || (y >= lower && y < lower + dot)
        case .plus:
            let center = (width - stroke) / 2
            let reach = max(1, height / 4)
            return y == mid || (x >= center && x < center + stroke && y >= mid - reach && y <= mid + reach)
        case .segments(let segments):
            s = segments
        }
        let left = x < stroke, right = x >= width - stroke
        if y == 0, s.contains(.a) { return true }
        if y == mid, s.contains(.g) { return true }
        if y == height - 1, s.contains(.d) { return true }
        if y <= mid {
            if left, s.contains(.f) { return true }
            if right, s.contains(.b) { return true }
        }
        if y >= mid {
            if left, s.contains(.e) { return true }
            if right, s.contains(.c) { return true }
        }
        return false
    }

    private static let block = Glyph("█")

    public func draw(_ text: String, into buffer: inout Buffer, x: Int, y: Int, style: Style, glyphs: Glyphs = .unicode) {
        var litStyle = style
        if !glyphs.isUnicode { litStyle.reverse.toggle() }
        let mark = glyphs.isUnicode ? Self.block : Glyph.space
        // Gaps between characters take the same style, so no attribute changes break the rows.
        buffer.fill(x: x, y: y, width: width(of: text), height: height, style: style)
        var col = x
        for (i, ch) in text.enumerated() {
            if i > 0 { col += gap }
            let shape = Shape(ch)
            let w: Int
            if case .colon = shape { w = stroke } else { w = width }
            for row in 0..<height {
                for c in 0..<w where lit(shape, x: c, y: row) {
                    buffer.set(mark, x: col + c, y: y + row, style: litStyle)
                }
            }
            col += w
        }
    }
}
