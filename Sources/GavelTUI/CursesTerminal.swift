import CNCurses
import Foundation
import GavelCore

/// The terminal through ncurses (wide-character API). The only file that touches curses: it copies
/// each frame into curses' screen, and ncurses sends only the cells that changed.
public final class CursesTerminal: Terminal {
    public enum OpenError: Error, CustomStringConvertible {
        case noTerm
        case unknownTerm(String)
        case notATerminal
        case cannotAddress(String)

        /// The message, with the `TERM` it quotes escaped: the variable can hold anything (an escape
        /// sequence that retitles the window), and this message is printed to the terminal.
        public var description: String {
            switch self {
            case .noTerm: "TERM is not set, so gavel cannot drive this terminal; run it in a terminal, or set TERM (e.g. TERM=xterm-256color)"
            case .unknownTerm(let t): "cannot use terminal type \"\(TerminalText.escaped(t))\"; set TERM to one this system knows (e.g. TERM=xterm-256color)"
            case .notATerminal: "standard input and output must be a terminal"
            case .cannotAddress(let t): "terminal type \"\(TerminalText.escaped(t))\" cannot move the cursor, so it cannot show a screen; set TERM to your terminal's type (e.g. TERM=xterm-256color)"
            }
        }
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    public private(set) var width: Int
    public private(set) var height: Int
    public var inputDescriptor: Int32 { STDIN_FILENO }
    private let colorCount: Int
    private var pairs: [PairKey: Int16] = [:]
    private var lastTheme: String?
    private var isOpen = true
    private var cursorShown = false
    /// Decodes the bytes read (UTF-8, Latin-1 where that fails, pastes).
    private var decoder = InputDecoder()
    /// The locale is UTF-8: block characters can be drawn.
    public let unicode: Bool
    /// The frame last copied to curses, to copy only what changed.
    private var presented: Buffer?
    private var needsFullCopy = true
    /// One row's cells for curses, reused from frame to frame.
    private var run: [cchar_t] = []

    struct PairKey: Hashable { var fg: Int; var bg: Int }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(OpenError) {
        guard let term = environment["TERM"], !term.isEmpty else { throw .noTerm }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        unicode = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        guard let screen = newterm(nil, cn_stdout(), cn_stdin()) else { throw .unknownTerm(term) }
        self.screen = screen
        set_term(screen)
        guard cn_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw .cannotAddress(term)
        }
        guard let window = cn_stdscr() else { throw .unknownTerm(term) }
        self.window = window
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        // No look for typeahead in the middle of an update: a frame is a few cells, and the look
        // (a poll of the terminal, and a flush of what was drawn so far before each) split each
        // second's few bytes into four or five writes.
        typeahead(-1)
        var colors = 0
        if has_colors(), start_color() == cn_ok() {
            use_default_colors()
            colors = Int(cn_colors())
        }
        colorCount = colors
        width = Int(cn_cols())
        height = Int(cn_lines())
        curs_set(0)
        // Bracketed paste: a paste arrives marked, so its line breaks are text, not Enter.
        define_key("\u{1b}[200~", Self.pasteStartCode)
        define_key("\u{1b}[201~", Self.pasteEndCode)
        cn_write_stdout("\u{1b}[?2004h")
    }

    /// Colours the terminal offers (0 when none).
    public var colors: Int { colorCount }

    public func refreshSize() {
        var rows: Int32 = 0, cols: Int32 = 0
        if cn_window_size(STDOUT_FILENO, &rows, &cols) == 0 {
            resizeterm(rows, cols)
        }
        width = Int(cn_cols())
        height = Int(cn_lines())
        clearok(window, true)
        needsFullCopy = true
    }

    private func attributes(_ style: Style, theme: Theme) -> (attr_t, Int16) {
        var attrs = cn_a_normal()
        if style.bold { attrs |= cn_a_bold() }
        if style.reverse { attrs |= cn_a_reverse() }
        if style.underline { attrs |= cn_a_underline() }
        if style.dim { attrs |= cn_a_dim() }
        guard colorCount > 0, !theme.monochrome else { return (attrs, 0) }
        let fg = ColorMapping.index(theme.color(style.foreground), colors: colorCount)
        let bg = ColorMapping.index(theme.color(style.background), colors: colorCount)
        return (attrs, pair(fg: fg, bg: bg))
    }

    private func pair(fg: Int, bg: Int) -> Int16 {
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = Int16(pairs.count + 1)
        guard Int(next) < Int(cn_color_pairs()), init_pair(next, Int16(fg), Int16(bg)) == cn_ok() else { return 0 }
        pairs[key] = next
        return next
    }

    public func present(_ buffer: Buffer, theme: Theme) {
        // Cells already on curses' screen are skipped; after a resize or a new theme, all are copied.
        let previous = lastTheme == theme.name && !needsFullCopy ? presented : nil
        needsFullCopy = false
        presented = buffer
        if lastTheme != theme.name {
            // New colours: start the pairs afresh.
            pairs = [:]
            lastTheme = theme.name
            let (attrs, pair) = attributes(theme.baseStyle, theme: theme)
            wbkgdset(window, attrs | attr_t(COLOR_PAIR(Int32(pair))))
        }
        let rows = min(buffer.height, height), cols = min(buffer.width, width), stride = buffer.width
        // The previous frame's cells, when it had this frame's size: only cells that differ go on.
        let old = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0.cells : nil }
        var wide: [wchar_t] = [0, 0, 0, 0, 0, 0, 0, 0, 0]
        if run.count < cols { run = [cchar_t](repeating: cchar_t(), count: cols) }
        // Neighbouring cells mostly share a style: its attributes are looked up once per run.
        var lastStyle = UInt32.max
        var lastAttributes: (attr_t, Int16) = (0, 0)
        buffer.cells.withUnsafeBufferPointer { cells in
            (old ?? []).withUnsafeBufferPointer { before in
                run.withUnsafeMutableBufferPointer { run in
                    for y in 0..<rows {
                        let row = y * stride
                        var first = 0, last = cols - 1
                        if old != nil {
                            // Most rows are as they were; of the others, the span that changed goes on.
                            guard let f = (0..<cols).first(where: { cells[row + $0] != before[row + $0] }) else { continue }
                            first = f > 0 && cells[row + f].isContinuation ? f - 1 : f
                            last = (f..<cols).last(where: { cells[row + $0] != before[row + $0] }) ?? f
                        }
                        // The span is copied in runs (wadd_wchnstr); a cell whose width the C
                        // library sees otherwise, or a wide one cut by the edge, is put alone at its
                        // column so that nothing after it shifts.
                        var n = 0, runStart = first, x = first
                        func flush() {
                            if n > 0 { _ = cn_put_cells(window, Int32(y), Int32(runStart), run.baseAddress, Int32(n)) }
                            n = 0
                        }
                        while x <= last {
                            let cell = cells[row + x]
                            if cell.isContinuation { x += 1; continue }
                            if cell.styleBits != lastStyle {
                                lastAttributes = attributes(cell.style, theme: theme)
                                lastStyle = cell.styleBits
                            }
                            let (attrs, pair) = lastAttributes
                            var agreed = true
                            if let ascii = cell.glyph.asciiByte {
                                wide[0] = wchar_t(ascii)
                                wide[1] = 0
                            } else {
                                var count = 0
                                cell.glyph.forEachScalar { value in
                                    if count < 8 { wide[count] = wchar_t(bitPattern: value); count += 1 }
                                }
                                wide[count] = 0
                                agreed = Int(cn_wcwidth(wide[0])) == cell.width
                            }
                            if agreed, cell.width == 1 || x + 1 < cols {
                                if n == 0 { runStart = x }
                                _ = wide.withUnsafeBufferPointer { cn_set_cell(run.baseAddress! + n, $0.baseAddress, attrs, pair) }
                                n += 1
                            } else {
                                flush()
                                if cell.width == 2 && x + 1 >= cols { wide[0] = 0x20; wide[1] = 0 }
                                let corner = y == height - 1 && x + cell.width >= width
                                _ = wide.withUnsafeBufferPointer { p in
                                    corner ? cn_put_corner(window, Int32(y), Int32(x), p.baseAddress, attrs, pair)
                                           : cn_put_cell(window, Int32(y), Int32(x), p.baseAddress, attrs, pair)
                                }
                            }
                            x += max(1, cell.width)
                        }
                        flush()
                    }
                }
            }
        }
        if let cursor = buffer.cursor, cursor.y < height, cursor.x < width {
            if !cursorShown { curs_set(1); cursorShown = true }
            leaveok(window, false)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            if cursorShown { curs_set(0); cursorShown = false }
            // No caret: ncurses need not move the cursor after each update.
            leaveok(window, true)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func readInput() -> [InputEvent] {
        var raw: [InputDecoder.Raw] = []
        // Bounded, so signals are handled between batches of a long paste.
        while raw.count < 65_536 {
            let code = wgetch(window)
            if code == cn_err() { break }
            switch code {
            case 0...255: raw.append(.byte(UInt8(code)))
            case Self.pasteStartCode: raw.append(.pasteStart)
            case Self.pasteEndCode: raw.append(.pasteEnd)
            default: if let event = Self.functionKey(code) { raw.append(.event(event)) }
            }
        }
        return Self.joiningMarks(decoder.decode(raw))
    }

    /// Key codes for the start and end of a bracketed paste (`ESC [200~`, `ESC [201~`).
    static let pasteStartCode: Int32 = 0x1F00
    static let pasteEndCode: Int32 = 0x1F01

    /// Combining marks typed after a character join it, as one grapheme.
    static func joiningMarks(_ events: [InputEvent]) -> [InputEvent] {
        var out: [InputEvent] = []
        for event in events {
            if case .key(.char(let c)) = event, TextWidth.of(c) == 0, case .key(.char(let prev))? = out.last,
               case let joined = String(prev) + String(c), joined.count == 1, let only = joined.first {
                out[out.count - 1] = .key(.char(only))
            } else {
                out.append(event)
            }
        }
        return out
    }

    static func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case cn_key_resize(): .resize
        case cn_key_up(): .key(.up)
        case cn_key_down(): .key(.down)
        case cn_key_left(): .key(.left)
        case cn_key_right(): .key(.right)
        case cn_key_home(): .key(.home)
        case cn_key_end(): .key(.end)
        case cn_key_backspace(): .key(.backspace)
        case cn_key_dc(): .key(.delete)
        case cn_key_enter(): .key(.enter)
        case cn_key_btab(): .key(.backTab)
        case cn_key_ppage(): .key(.pageUp)
        case cn_key_npage(): .key(.pageDown)
        case cn_key_f0() + 1 ... cn_key_f0() + 24: .key(.function(Int(code - cn_key_f0())))
        default: nil
        }
    }

    public func bell() { beep() }
    public func flash() { CNCurses.flash() }

    public func suspend() {
        cn_write_stdout("\u{1b}[?2004l")
        endwin()
    }

    public func resume() {
        cn_write_stdout("\u{1b}[?2004h")
        needsFullCopy = true
        refreshSize()
        wrefresh(window)
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        cn_write_stdout("\u{1b}[?2004l")
        endwin()
        delscreen(screen)
    }
}
