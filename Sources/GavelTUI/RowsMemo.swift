import GavelCore

/// Rows of a frame as last drawn, with what they were drawn from: `key` (everything the drawing
/// reads) and the rows as they were before it. The same key over the same rows draws the same
/// cells, so they are put back as they are instead of laid out again: the key legend and the
/// note list change with the session, not with each second the countdown ticks.
struct RowsMemo<Key: Equatable & Sendable>: Sendable, Equatable {
    var key: Key
    var rows: Range<Int>
    var width: Int
    var before: [Cell]
    var after: [Cell]

    /// Draws `rows` of `buffer` with `draw`, or puts back what `memo` kept for the same key and
    /// the same rows beneath; keeps the result in `memo`.
    static func draw(_ key: Key, rows: Range<Int>, in buffer: inout Buffer, memo: inout RowsMemo?,
                     _ draw: (inout Buffer) -> Void) {
        guard rows.lowerBound >= 0, rows.upperBound <= buffer.height, !rows.isEmpty else {
            draw(&buffer)
            return
        }
        if let kept = memo, kept.key == key, kept.rows == rows, kept.width == buffer.width,
           buffer.holds(kept.before, rows: rows) {
            buffer.put(kept.after, rows: rows)
            return
        }
        let before = buffer.cells(rows: rows)
        draw(&buffer)
        memo = RowsMemo(key: key, rows: rows, width: buffer.width, before: before, after: buffer.cells(rows: rows))
    }
}

/// What a key legend is drawn from.
struct LegendKey: Sendable, Equatable {
    var items: [LegendItem]
    var accent: Style
    var text: Style
}

/// One entry of the legend: the keys, the word, and how much it is needed (0: most).
struct LegendItem: Sendable, Equatable {
    var keys: String
    var word: String
    var rank: Int
}

/// What a note list is drawn from.
struct NoteListKey: Sendable, Equatable {
    var count: Int
    /// The notes that can show, back from the newest.
    var newest: [Note]
    var selectedIndex: Int?
    /// The notes that can show, back from the selected one.
    var aroundSelected: [Note]
    var selected: String?
    var writesNotes: Bool
    var x: Int
    var glyphs: Glyphs
    var styles: [Style]
}
