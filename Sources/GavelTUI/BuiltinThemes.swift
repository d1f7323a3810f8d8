/// The themes in `themes/`, carried inside the binary so they work from any folder. A test keeps
/// each identical to its file.
public enum BuiltinThemes {
    /// Names in the order `t` cycles through them.
    public static let names = ["default", "light", "projector", "mono", "colorblind"]

    public static func source(_ name: String) -> String? {
        switch name {
        case "default": `default`
        case "light": light
        case "projector": projector
        case "mono": mono
        case "colorblind": colorblind
        default: nil
        }
    }

    static let `default` = #"""
# Gavel theme "default": light text on the terminal's own (dark) background.
# Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, or "#rrggbb".
text = "default"
background = "default"
accent = "bright-cyan"
ok = "green"
warn = "yellow"
urgent = "red"
over = "bright-red"
flash = true
bell = true
bold = false

"""#

    static let light = #"""
# Gavel theme "light": dark text on a white background.
text = "black"
background = "bright-white"
accent = "blue"
ok = "#008700"
warn = "#af5f00"
urgent = "#d70000"
over = "#870000"
flash = true
bell = true
bold = false

"""#

    static let projector = #"""
# Gavel theme "projector": high contrast and bold, for a washed-out projector at the back of a room.
text = "bright-white"
background = "black"
accent = "bright-yellow"
ok = "bright-green"
warn = "bright-yellow"
urgent = "bright-red"
over = "bright-magenta"
flash = true
bell = false
bold = true
# The speaker view's digits as large as the screen allows.
large_digits = true

"""#

    static let mono = #"""
# Gavel theme "mono": no colour at all; phases show in words and reverse video.
# Used when NO_COLOR is set or the terminal has no colours.
text = "default"
background = "default"
accent = "default"
ok = "default"
warn = "default"
urgent = "default"
over = "default"
flash = true
bell = true
bold = false

"""#

    static let colorblind = #"""
# Gavel theme "colorblind": blue for time left, orange for wrap-up, and the phase always in words.
text = "default"
background = "default"
accent = "#56b4e9"
ok = "#0072b2"
warn = "#e69f00"
urgent = "#d55e00"
over = "#cc79a7"
flash = true
bell = true
bold = false

"""#
}
