import GavelTestSupport
/// Text a person might type, or a hostile one: markup of every format, control characters, kind
/// prefixes, mentions, links, and Unicode from many planes.
enum TypedTextGenerator {
    static let pieces = [
        "#", "# ", "## ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "| ", " | ", "---", "===", "```", "~~~", "    ",
        "[", "]", "(", ")", "<", ">", "&", "&amp;", "&lt;", "\\", "`", "_", "*", "~", "$", "!", "![x](y)",
        "[[Page]]", "{{tpl}}", "''", "'''", "~~~~", "{|", "|}", "||", "!!", "__NOTOC__", "<nowiki>", "</nowiki>",
        "<script>", "\"", "\\u0000", ":", ";", "=", "a: ", "A: ", "d: ", "q: ", "action: ", "decision:",
        "question: ", "@ana", "@bob_2", " @x-y.", "https://example.org/a_(b)*c", "http://x.y/<z>", "https://e.x/~~~~",
        "\n", "\r\n", "\t", "\u{0}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}", "\u{2029}",
        "\u{200B}", "\u{202E}", "\u{FEFF}", "e\u{301}", "🎉", "👩‍💻", "日本語", "Grüße", "עברית", " ", "  ", "word",
    ]

    static func text(_ random: inout SeededRandom) -> String {
        var out = ""
        let count = Int.random(in: 0...12, using: &random)
        for _ in 0..<count {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                out += scalarRun(&random)
            default:
                out += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
        }
        return out
    }

    /// A few random scalars from anywhere in Unicode (never a surrogate).
    static func scalarRun(_ random: inout SeededRandom) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x2FF, 0x300...0x36F, 0x370...0xD7FF,
                                                 0xE000...0xFFFD, 0x1_0000...0x10_FFFF]
            let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { s.append(scalar) }
        }
        return String(s)
    }
}
