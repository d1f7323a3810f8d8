/// Draws a QR code into a `Buffer`: a pure function of the code's modules, so the chair console's
/// overlay and `gavel links` draw the same thing and a test reads it as text.
///
/// With UTF-8, one cell holds two modules, one above the other, as half blocks: the LIGHT modules
/// are drawn (`▀`, `▄`, `█`, in the `light` role's colour) over the `dark` role's background, so
/// on a dark terminal the code reads dark-on-light as scanners expect. Without UTF-8, a light
/// module is two reverse-video spaces and a dark one two plain spaces (square on a terminal whose
/// cells are twice as tall as wide). A quiet zone of `quiet` light modules surrounds the code.
public enum QRCodeView {
    /// Columns and rows a code of `size` modules takes.
    public static func footprint(size: Int, quiet: Int = 4, unicode: Bool) -> (width: Int, height: Int) {
        let modules = size + 2 * quiet
        return unicode ? (modules, (modules + 1) / 2) : (modules * 2, modules)
    }

    /// Draws the code whose module (x, y) is dark when `isDark(x, y)` (x, y in 0..<size), with its
    /// top-left corner at (x, y) of the buffer; what falls outside the buffer is left out.
    public static func draw(size: Int, isDark: (Int, Int) -> Bool, into buffer: inout Buffer, x: Int, y: Int,
                            quiet: Int = 4, unicode: Bool, light: ColorRole = .text, dark: ColorRole = .background) {
        let total = size + 2 * quiet
        func lightAt(_ mx: Int, _ my: Int) -> Bool {
            let cx = mx - quiet, cy = my - quiet
            guard cx >= 0, cy >= 0, cx < size, cy < size else { return true }
            return !isDark(cx, cy)
        }
        if unicode {
            let style = Style(light, on: dark)
            for row in 0..<((total + 1) / 2) {
                for column in 0..<total {
                    let top = lightAt(column, row * 2)
                    // An odd count leaves the last row's lower half outside the code: dark (nothing drawn).
                    let bottom = row * 2 + 1 < total ? lightAt(column, row * 2 + 1) : false
                    let glyph: Character = top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " "
                    buffer.set(glyph, x: x + column, y: y + row, style: style)
                }
            }
        } else {
            let lit = Style(light, on: dark, reverse: true)
            let unlit = Style(light, on: dark)
            for row in 0..<total {
                for column in 0..<total {
                    let style = lightAt(column, row) ? lit : unlit
                    buffer.set(" ", x: x + column * 2, y: y + row, style: style)
                    buffer.set(" ", x: x + column * 2 + 1, y: y + row, style: style)
                }
            }
        }
    }
}
