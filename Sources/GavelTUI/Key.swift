/// A key press as the views understand it, decoded from the terminal by the backend.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (grapheme).
    case char(Character)
    /// Ctrl and a letter, lowercase: `.ctrl("w")`.
    case ctrl(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)

    /// The key from a character code as raw mode delivers it.
    public static func fromCode(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code + 96))))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// How the legend and help name the key.
    public var description: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }
}

/// What arrives from the terminal.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// Printable text that arrived in one go (a paste, fast typing): inserted whole into the
    /// note line, or read key by key where keys are commands.
    case text(String)
    case resize
}
