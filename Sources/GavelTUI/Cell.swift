/// What a view means by a colour: the theme decides the actual one.
public enum ColorRole: String, Sendable, Equatable, Hashable, CaseIterable {
    case text, background, accent, ok, warn, urgent, over
}

/// How a cell is drawn: foreground and background roles and attributes.
public struct Style: Sendable, Equatable, Hashable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ foreground: ColorRole = .text, on background: ColorRole = .background, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let accent = Style(.accent, bold: true)
    public static let muted = Style(dim: true)
    /// A solid block of `role`: spaces drawn in the role as background.
    public static func block(_ role: ColorRole) -> Style { Style(role, reverse: true) }
}

/// One terminal cell: a character (one grapheme cluster) and how many columns it takes. The column
/// after a two-column character holds a continuation cell of width 0.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var width: Int
    public var style: Style

    public init(_ character: Character = " ", width: Int = 1, style: Style = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }
    public var isContinuation: Bool { width == 0 }
}
