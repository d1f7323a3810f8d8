/// The colours of the pages, by the roles the terminal themes name (`text`, `background`,
/// `accent`, and the phases `ok`, `warn`, `urgent`, `over`), as CSS colours. The executable fills
/// it from the chair's terminal theme, so the phone shows the colours the projector shows.
public struct WebTheme: Sendable, Equatable {
    public static let roles = ["text", "background", "accent", "ok", "warn", "urgent", "over"]
    public var name: String
    public var colors: [String: String]

    public init(name: String, colors: [String: String]) {
        self.name = name
        self.colors = colors
    }

    /// White on black, green, amber, red and magenta: readable on a lectern in daylight.
    public static let standard = WebTheme(name: "default", colors: [
        "text": "#f2f2f2", "background": "#000000", "accent": "#5fafff",
        "ok": "#3ccf4e", "warn": "#ffb300", "urgent": "#ff3b30", "over": "#ff4fd8",
    ])

    /// `:root` custom properties for the pages' style sheet. Only `#rrggbb` values are written
    /// (anything else falls back to the standard colour), so a theme cannot inject CSS.
    public var css: String {
        var out = ":root {\n"
        for role in Self.roles {
            let value = colors[role].flatMap(Self.checked) ?? Self.standard.colors[role] ?? "#808080"
            out += "  --\(role): \(value);\n"
        }
        return out + "}\n"
    }

    static func checked(_ value: String) -> String? {
        let u = Array(value.utf8)
        guard u.count == 7, u[0] == UInt8(ascii: "#"), u.dropFirst().allSatisfy({ c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
        }) else { return nil }
        return value.lowercased()
    }
}
