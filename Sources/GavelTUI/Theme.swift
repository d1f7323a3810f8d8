import Foundation
import GavelCore

/// A colour as a theme names it: the terminal's own, one of the 16 standard colours, or `#rrggbb`.
public enum ThemeColor: Sendable, Equatable, Hashable {
    case terminalDefault
    /// 0...15: black, red, green, yellow, blue, magenta, cyan, white, then their bright forms.
    case named(Int)
    case rgb(UInt8, UInt8, UInt8)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, `red`, `bright-red` (or `brightred`), `#ff8800`.
    public static func parse(_ text: String) -> ThemeColor? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "default" { return .terminalDefault }
        if let i = names.firstIndex(of: t) { return .named(i) }
        for prefix in ["bright-", "bright_", "bright"] where t.hasPrefix(prefix) {
            if let i = names.firstIndex(of: String(t.dropFirst(prefix.count))) { return .named(i + 8) }
        }
        if t.hasPrefix("#"), t.count == 7, t.dropFirst().allSatisfy(\.isHexDigit), let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }
}

/// How the views are coloured, and whether time's phases also flash and ring the bell.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var colors: [ColorRole: ThemeColor]
    /// Overtime flashes, and the screen flashes at the warn times and at zero.
    public var flash: Bool
    /// The bell rings at the warn times and at zero.
    public var bell: Bool
    /// Text drawn bold (for projectors).
    public var bold: Bool
    /// The speaker view's digits fill all the height they can (for projectors), rather than about
    /// a third of it (which keeps a second's update to a few dozen bytes).
    public var largeDigits: Bool
    /// No colour at all: phases shown by attributes only.
    public var monochrome: Bool { colors.values.allSatisfy { $0 == .terminalDefault } }

    public init(name: String, colors: [ColorRole: ThemeColor], flash: Bool, bell: Bool, bold: Bool = false,
                largeDigits: Bool = false) {
        self.name = name
        self.colors = colors
        self.flash = flash
        self.bell = bell
        self.bold = bold
        self.largeDigits = largeDigits
    }

    public func color(_ role: ColorRole) -> ThemeColor { colors[role] ?? .terminalDefault }

    /// The role that shows a phase.
    public static func role(of phase: Phase) -> ColorRole {
        switch phase {
        case .ready: .accent
        case .running: .ok
        case .warn: .warn
        case .urgent: .urgent
        case .overtime: .over
        }
    }

    /// A colourless theme, for `NO_COLOR` and terminals without colour.
    public static let mono = Theme(name: "mono", colors: [:], flash: true, bell: true)

    static let keys = ColorRole.allCases.map(\.rawValue) + ["flash", "bell", "bold", "large_digits"]

    /// Reads a theme file's text; problems are `FILE:LINE: message`.
    public static func parse(_ text: String, name: String, file: String) throws(FileError) -> Theme {
        let root = try TOML.parse(text, file: file)
        var problems: [Diagnostic] = []
        func problem(_ key: String, _ message: String) {
            problems.append(Diagnostic(file: file, line: root.line(of: key), message: message))
        }
        for key in root.keys where !keys.contains(key) {
            problem(key, "unknown key \"\(key)\"; a theme has: \(keys.joined(separator: ", "))")
        }
        var colors: [ColorRole: ThemeColor] = [:]
        for role in ColorRole.allCases {
            guard let value = root[role.rawValue] else {
                problems.append(Diagnostic(file: file, line: 1, message: "missing \"\(role.rawValue)\"; add e.g. \(role.rawValue) = \"default\" (a colour name or #rrggbb)"))
                continue
            }
            guard let s = value.string else {
                problem(role.rawValue, "\"\(role.rawValue)\" must be a string such as \"red\" or \"#ff8800\"")
                continue
            }
            guard let color = ThemeColor.parse(s) else {
                problem(role.rawValue, "\"\(s)\" is not a colour; use default, one of \(ThemeColor.names.joined(separator: ", ")) (or bright-NAME), or #rrggbb")
                continue
            }
            colors[role] = color
        }
        func flag(_ key: String, _ fallback: Bool) -> Bool {
            guard let value = root[key] else { return fallback }
            guard let b = value.boolean else {
                problem(key, "\"\(key)\" must be true or false")
                return fallback
            }
            return b
        }
        let flash = flag("flash", true)
        let bell = flag("bell", true)
        let bold = flag("bold", false)
        let largeDigits = flag("large_digits", false)
        if !problems.isEmpty { throw FileError(problems) }
        return Theme(name: name, colors: colors, flash: flash, bell: bell, bold: bold, largeDigits: largeDigits)
    }
}
