/// Spaces and tabs at the ends of what people type in an agenda, read without Foundation's
/// `NSString` bridge: a conference's agenda asks it of every title and duration, and
/// `trimmingCharacters(in: .whitespaces)` spent a third of `gavel check`'s time on a
/// 1,000-topic agenda. The set is Foundation's `.whitespaces` as this platform's Foundation has
/// it: the tab, Unicode's space separators (Zs) and the zero-width space U+200B.
/// `WhitespaceTests` holds the two to each other over every scalar and random text.
extension String {
    /// What `trimmingCharacters(in: .whitespaces)` gives.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Whitespace.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Whitespace.isSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Whether nothing but spaces and tabs is in it (`trimmingSpaces.isEmpty`).
    public var isBlank: Bool { unicodeScalars.allSatisfy(Whitespace.isSpace) }
}

public enum Whitespace {
    /// A tab, a space separator (general category Zs) or U+200B.
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
