/// Text made fit for a file other programs read (iCalendar, frab XML, CSV, JSON): C0 controls
/// (ESC, BEL…), DEL and C1 controls are dropped, since iCalendar and XML cannot hold them and
/// they act on a terminal the file is printed to; tabs become spaces; line breaks stay only where
/// the caller's field can hold them; bidi overrides and embeddings (U+202A–U+202E, U+2066–U+2069)
/// are dropped so a title cannot reorder the text after it.
public enum ExportText {
    public static func clean(_ text: String, keepLineBreaks: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var lastWasCR = false
        for s in text.unicodeScalars {
            let v = s.value
            defer { lastWasCR = v == 0x0D }
            if v == 0x0A || v == 0x0D {
                if v == 0x0A, lastWasCR { continue }
                out.append(keepLineBreaks ? "\n" : " ")
            } else if v == 0x09 {
                out.append(" ")
            } else if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                        || v == 0xFFFE || v == 0xFFFF {
                continue
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
