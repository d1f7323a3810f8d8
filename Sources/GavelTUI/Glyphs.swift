/// The characters the views draw their own marks with: Unicode where the terminal's locale is
/// UTF-8, plain ASCII otherwise (over ssh with `LANG` unset, a console in the C locale). Big
/// digits then are reverse-video spaces, as tty-clock draws them in any locale.
public enum Glyphs: Sendable, Equatable {
    case unicode
    case ascii

    public var isUnicode: Bool { self == .unicode }

    var rule: String { isUnicode ? "─" : "-" }
    var done: String { isUnicode ? "✓" : "v" }
    var running: String { isUnicode ? "▶" : ">" }
    var paused: String { isUnicode ? "‖" : "|" }
    var next: String { isUnicode ? "›" : ">" }
    var barFull: String { isUnicode ? "█" : "#" }
    var barEmpty: String { isUnicode ? "░" : "." }
    var ellipsis: String { isUnicode ? "…" : "~" }
    var dot: String { isUnicode ? "·" : "-" }
    var arrow: String { isUnicode ? "›" : ">" }
    var boxTop: (String, String, String) { isUnicode ? ("┌", "─", "┐") : ("+", "-", "+") }
    var boxBottom: (String, String, String) { isUnicode ? ("└", "─", "┘") : ("+", "-", "+") }
    var boxSide: String { isUnicode ? "│" : "|" }
}

/// What persists between frames in the views themselves, as ratatui's stateful widgets keep it:
/// the note line's first shown column, and how many pages the help had when last drawn.
public struct ViewState: Sendable, Equatable {
    public var noteLineScroll = 0
    public var helpPages = 1
    /// The key legend's row and the note list's rows as last drawn, to draw them again
    /// without laying them out.
    var legend: RowsMemo<LegendKey>?
    var noteList: RowsMemo<NoteListKey>?
    public init() {}
}

extension Buffer {
    /// Replaces what a terminal outside UTF-8 cannot show (every character beyond ASCII, from the
    /// agenda's titles and the notes) with `?`, keeping each cell's colour.
    mutating func keepASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if !cell.isContinuation, !cell.glyph.isASCII { set("?", x: x, y: y, style: cell.style) }
            }
        }
    }
}
