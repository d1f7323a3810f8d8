import Testing
@testable import GavelCore

@Suite struct TOMLParserTests {
    func parse(_ text: String) throws(FileError) -> TOML.Table { try TOML.parse(text, file: "t.toml") }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func scalars() throws {
        let t = try parse("""
        a = "basic \\"q\\" \\u00e9 \\U0001F600 \\t"
        b = 'literal \\n'
        c = 42
        d = -1_000
        e = 0xff
        f = 3.5e2
        g = true
        h = inf
        i = 2012-08-29T13:30:00
        j = 2012-08-29T13:30:00-07:00
        k = 2012-08-29
        l = 13:30
        m = 1979-05-27 07:32:00Z
        """)
        #expect(t["a"]?.string == "basic \"q\" é 😀 \t")
        #expect(t["b"]?.string == "literal \\n")
        #expect(t["c"]?.integer == 42)
        #expect(t["d"]?.integer == -1000)
        #expect(t["e"]?.integer == 255)
        #expect(t["f"]?.number == 350)
        #expect(t["g"]?.boolean == true)
        #expect(t["h"]?.number == .infinity)
        #expect(t["i"]?.dateTime == TOML.DateTime(date: .init(year: 2012, month: 8, day: 29), time: .init(hour: 13, minute: 30, second: 0, nanosecond: 0), offsetMinutes: nil))
        #expect(t["j"]?.dateTime?.offsetMinutes == -420)
        #expect(t["k"]?.dateTime?.time == nil)
        #expect(t["l"]?.dateTime?.time?.minute == 30)
        #expect(t["m"]?.dateTime?.offsetMinutes == 0)
        #expect(t.keys == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"])
        #expect(t.line(of: "m") == 13)
    }

    @Test func multilineStrings() throws {
        let t = try parse("a = \"\"\"\none\\\n   two\n\"\"\"\nb = '''\nx ''y'''\nc = 1\n")
        #expect(t["a"]?.string == "onetwo\n")
        #expect(t["b"]?.string == "x ''y")
        #expect(t.line(of: "c") == 7)
    }

    @Test func tablesArraysOfTablesAndDottedKeys() throws {
        let t = try parse("""
        title = "T"
        [defaults]
        warn = [ "5m",
          "2m", ]   # trailing comma
        [[slot]]
        id = "a"
          [[slot.topic]]
          title = "x"
          [[slot.topic]]
          title = "y"
          point = { x = 1, y.z = 2 }
        [[slot]]
        id = "b"
        meta.room = "B"
        """)
        #expect(t["defaults"]?.table?["warn"]?.array?.compactMap(\.string) == ["5m", "2m"])
        let slots = t["slot"]?.array?.compactMap(\.table) ?? []
        #expect(slots.count == 2)
        #expect(slots[0]["topic"]?.array?.count == 2)
        #expect(slots[0].line == 5)
        let topics = slots[0]["topic"]?.array?.compactMap(\.table) ?? []
        #expect(topics[1].line(of: "title") == 10)
        #expect(topics[1]["point"]?.table?["y"]?.table?["z"]?.integer == 2)
        #expect(slots[1]["meta"]?.table?["room"]?.string == "B")
    }

    @Test func errorsNameTheirLine() {
        #expect(error("a = 1\na = 2") == "t.toml:2: TOML syntax: duplicate key \"a\" (first on line 1)")
        #expect(error("[x]\n[x]") == "t.toml:2: TOML syntax: table [x] is defined twice (first on line 1)")
        #expect(error("a = \"open\nb = 1") == "t.toml:1: TOML syntax: a string is not closed before the end of the line")
        #expect(error("\n\n[[\nx]]").hasPrefix("t.toml:3: TOML syntax: a table header needs a name"))
        #expect(error("a = 2012-08-29T`3:30:00").hasPrefix("t.toml:1: TOML syntax: bad date"))
        #expect(error("a = 2012-02-30").hasPrefix("t.toml:1: TOML syntax: bad date"))
        #expect(error("a = 99999999999999999999") == "t.toml:1: TOML syntax: number \"99999999999999999999\" is too large")
        #expect(error("a = bare") == "t.toml:1: TOML syntax: expected a value, saw 'b'; strings need quotes: \"...\"")
        #expect(error("a = 1 b = 2").hasPrefix("t.toml:1: TOML syntax: expected the end of the line"))
        #expect(error("a = [1, 2\nb = 3").hasPrefix("t.toml:2: TOML syntax: expected ',' or ']'"))
        #expect(error("a = \"\\q\"").hasPrefix("t.toml:1: TOML syntax: unknown escape"))
        #expect(error("a = 1\na.b = 2").hasPrefix("t.toml:2: TOML syntax: \"a\" is already an integer"))
        #expect(error("a = {x = 1}\n[a]").hasPrefix("t.toml:2: TOML syntax: table [a] is defined twice"))
        #expect(error("a = 01") == "t.toml:1: TOML syntax: bad number \"01\"")
        #expect(error("x = \"\u{1}\"").hasPrefix("t.toml:1: TOML syntax: control character"))
        #expect(error(String(repeating: "a = [", count: 1) + String(repeating: "[", count: 200)).contains("nested too deeply"))
    }

    /// Key/value lines go into a table held apart from the tree until the next header: these are
    /// TOML 1.0's rules on coming back to a table, each of which crosses that boundary.
    @Test func tablesReopenedAcrossHeaders() throws {
        let t = try parse("""
        top = 1
        [a.b]
        x = 1
        [a]
        y = 2
        c.d = 3
        [[list]]
        n = 1
        [list.sub]
        m = 1
        [[list]]
        n = 2
        [[list.items]]
        k = "\\\\t\\u00e9"
        [[list.items]]
        k = "tab\\there"
        """)
        #expect(t["top"]?.integer == 1)
        #expect(t["a"]?.table?["b"]?.table?["x"]?.integer == 1)
        #expect(t["a"]?.table?["y"]?.integer == 2)
        #expect(t["a"]?.table?["c"]?.table?["d"]?.integer == 3)
        #expect(t["a"]?.table?.keys == ["b", "y", "c"])
        #expect(t["a"]?.table?.line == 4)
        let list = t["list"]?.array?.compactMap { (v: TOML.Value) in v.table } ?? []
        #expect(list.map { $0["n"]?.integer } == [1, 2])
        #expect(list[0]["sub"]?.table?["m"]?.integer == 1)
        #expect(list[1]["sub"] == nil)
        #expect(list[1]["items"]?.array?.compactMap { (v: TOML.Value) in v.table?["k"]?.string } == ["\\t\u{e9}", "tab\there"])
        #expect(list[1]["items"]?.array?.first?.table?.line(of: "k") == 14)
        #expect(t.keys == ["top", "a", "list"])

        // Siblings: the table going back and the one coming out share their parent's walk.
        let u = try parse("[p.q]\nk = 1\n[p.r]\nk = 2\ns.t = 3\n[[p.l]]\nk = 4\n[[p.l]]\nk = 5\n[[p.l]]\n[p.z]\n")
        let p = u["p"]?.table
        #expect(p?.keys == ["q", "r", "l", "z"])
        #expect(p?["q"]?.table?["k"]?.integer == 1)
        #expect(p?["r"]?.table?["k"]?.integer == 2)
        #expect(p?["r"]?.table?["s"]?.table?["t"]?.integer == 3)
        #expect(p?["l"]?.array?.map { $0.table?["k"]?.integer } == [4, 5, nil])
        #expect(p?["z"]?.table?.isEmpty == true)
        #expect(error("[p.q]\nk = 1\n[p.r]\n[p.q]") == "t.toml:4: TOML syntax: table [p.q] is defined twice (first on line 1)")
        #expect(error("[[p.l]]\nk = 1\n[p.l]").hasPrefix("t.toml:3: TOML syntax: table [p.l] is defined twice"))
        #expect(error("[p.q]\n[[p.q]]").hasPrefix("t.toml:2: TOML syntax: [[p.q]] names a key that is already defined"))

        #expect(error("[a]\nb.c = 1\n[a.b]") == "t.toml:3: TOML syntax: table [a.b] is defined twice (first on line 2)")
        #expect(error("[a]\nb = 1\n[a.b]").hasPrefix("t.toml:3: TOML syntax: table [a.b] is defined twice"))
        #expect(error("[a]\n[a.b]\n[a]") == "t.toml:3: TOML syntax: table [a] is defined twice (first on line 1)")
        #expect(error("a.b = 1\n[a]").hasPrefix("t.toml:2: TOML syntax: table [a] is defined twice"))
        #expect(error("[a]\nx = 1\n[b]\n[a]\nx = 2").hasPrefix("t.toml:4: TOML syntax: table [a] is defined twice"))
        #expect(error("[[a]]\nx = 1\nx = 2") == "t.toml:3: TOML syntax: duplicate key \"x\" (first on line 2)")
        #expect(error("[a.b]\n[a]\nb.c = 1").hasPrefix("t.toml:3: TOML syntax: \"b\" is a table defined elsewhere"))
        #expect(error("[a]\nx = 1\n[[a]]").hasPrefix("t.toml:3: TOML syntax: [[a]] names a key that is already defined"))
    }
    /// Tables of a few keys are searched, larger ones indexed: across that line (12 keys) every
    /// key reads back in order with its line, a repeated key is refused at either size, and a
    /// table grown past it by a later header and dotted keys still finds its first keys.
    @Test(arguments: [3, 12, 13, 40])
    func tablesOfManyKeys(count: Int) throws {
        let lines = (0..<count).map { "k\($0) = \($0)" }
        let t = try parse("[big]\n" + lines.joined(separator: "\n") + "\n[other]\nx = 1\n[big.more]\ny = 2\n")
        let big = try #require(t["big"]?.table)
        #expect(big.keys == (0..<count).map { "k\($0)" } + ["more"])
        for k in 0..<count {
            #expect(big["k\(k)"]?.integer == k)
            #expect(big.line(of: "k\(k)") == k + 2)
        }
        #expect(big["more"]?.table?["y"]?.integer == 2)
        #expect(big["k\(count)"] == nil)
        for repeated in [0, count / 2, count - 1] {
            #expect(error("[big]\n" + lines.joined(separator: "\n") + "\nk\(repeated) = 0\n")
                    == "t.toml:\(count + 2): TOML syntax: duplicate key \"k\(repeated)\" (first on line \(repeated + 2))")
        }
        // Equal tables compare equal; the same keys in another order do not.
        #expect(try parse(lines.joined(separator: "\n")) == parse(lines.joined(separator: "\n")))
        #expect(try parse(lines.joined(separator: "\n")) != parse(lines.reversed().joined(separator: "\n")))
    }
}
