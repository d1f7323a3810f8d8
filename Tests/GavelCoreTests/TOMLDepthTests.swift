import Testing
@testable import GavelCore

/// Tables nest at most `TOML.Parser.maxDepth` levels, however the nesting is written: a 5000-part
/// dotted key or table header crashed the reader (SIGSEGV in `gavel check`, `gavel themes`, and a
/// live console switching to such a theme). Each is now a `FILE:LINE:` error.
@Suite struct TOMLDepthTests {
    static let limit = TOML.Parser.maxDepth

    func error(_ text: String) -> FileError? {
        do {
            _ = try TOML.parse(text, file: "deep.toml")
            return nil
        } catch {
            return error
        }
    }

    static func parts(_ n: Int) -> String { "x" + String(repeating: ".a", count: n - 1) }

    /// Each way of nesting, 5000 levels deep (named, so the test's name stays short in logs).
    static let deep: [String: String] = [
        "dotted key": "title = 1\n" + parts(5000) + " = 1\n",
        "table header": "title = 1\n[" + parts(5000) + "]\n",
        "array-of-tables header": "title = 1\n[[" + parts(5000) + "]]\n",
        "dotted key in an inline table": "title = 1\nv = { " + parts(5000) + " = 1 }\n",
        "inline tables": "title = 1\nv = {" + String(repeating: "a = {", count: 5000) + "\n",
    ]

    @Test(arguments: deep.keys.sorted())
    func fiveThousandLevelsAreRefusedWithTheirLine(nesting: String) throws {
        let e = try #require(error(Self.deep[nesting] ?? ""), "accepted")
        #expect(e.diagnostics.map(\.line) == [2])
        #expect(e.description.contains("nested too deeply") || e.description.contains("dotted parts"), "\(e.description.prefix(200))")
    }

    @Test func depthCountsTheHeaderTheKeyAndTheValueTogether() throws {
        // 40 levels of header and 30 of dotted key: 70 levels, refused although each is short.
        let deep = "[" + Self.parts(40) + "]\n" + "y" + String(repeating: ".b", count: 29) + " = 1\n"
        #expect(error(deep)?.diagnostics.first?.line == 2)
        // A header and a key that share the limit and a value inside it: read, and the value is there.
        let header = Self.parts(30)
        let key = "y" + String(repeating: ".b", count: 19)
        let table = try TOML.parse("[" + header + "]\n" + key + " = [[1]]\n", file: "ok.toml")
        var t: TOML.Table? = table["x"]?.table
        for _ in 1..<30 { t = t?["a"]?.table }
        t = t?["y"]?.table
        for _ in 1..<19 { t = t?["b"]?.table }
        #expect(t?["b"]?.array?.first?.array?.first?.integer == 1)
    }

    @Test func theLimitItselfIsAccepted() throws {
        let key = Self.parts(Self.limit)
        let table = try TOML.parse(key + " = 1\n", file: "edge.toml")
        #expect(table["x"] != nil)
        #expect(error(Self.parts(Self.limit + 1) + " = 1\n") != nil)
    }

    /// Tables built by many headers keep every element and key, in order (the reader now moves
    /// each table out, changes it and puts it back instead of changing a copy).
    @Test func manyHeadersBuildEveryElement() throws {
        var text = "title = \"T\"\n"
        for s in 0..<50 {
            text += "[[slot]]\nid = \"s\(s)\"\n"
            for t in 0..<20 { text += "[[slot.topic]]\ntitle = \"\(s)-\(t)\"\n[slot.topic.extra]\nn = \(t)\n" }
        }
        let table = try TOML.parse(text, file: "many.toml")
        let slots = table["slot"]?.array?.compactMap(\.table) ?? []
        #expect(slots.count == 50)
        #expect(slots.map { $0["id"]?.string } == (0..<50).map { "s\($0)" })
        for (s, slot) in slots.enumerated() {
            let topics = slot["topic"]?.array?.compactMap(\.table) ?? []
            #expect(topics.map { $0["title"]?.string } == (0..<20).map { "\(s)-\($0)" })
            #expect(topics.map { $0["extra"]?.table?["n"]?.integer } == (0..<20).map { $0 })
        }
    }
}
