/// The name of the file a slot's summary is written to, `SLOT-ID.md` in `STEM-summary/`: decided
/// here, beside the agenda, so the agenda reader can refuse two slots whose summaries would land in
/// one file (`day1.am` and `day1-am`, `index` and `slot-index`, `Day1` and `day1` on a file system
/// that ignores case).
public enum SummaryFileName {
    /// `SLOT-ID.md` with every character but ASCII letters, digits, `-` and `_` made `-` (no `.`,
    /// `/` or `\` survives), at most 64 of them; a slot whose name would be `index` (or nothing)
    /// gets a `slot-` prefix so it cannot replace the index.
    public static func of(slot slotID: String) -> String {
        var name = ""
        for scalar in slotID.unicodeScalars.prefix(64) {
            let c = Character(scalar)
            name.append(scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : "-")
        }
        if name.isEmpty || name.lowercased() == "index" { name = "slot-" + name }
        return name + ".md"
    }

    /// The index of the whole microconference, beside the slots' files.
    public static let index = "index.md"

    /// What two names are compared by: file systems that ignore case (macOS, Windows shares) hold
    /// `Day1.md` and `day1.md` as one file.
    public static func collisionKey(_ fileName: String) -> String { fileName.lowercased() }
}
