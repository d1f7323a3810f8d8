import Foundation
import GavelCore
import Testing
@testable import GavelTUI

/// The chair console's `w`: the web links and their QR codes over the screen (issue 14).
@Suite struct WebLinksOverlayTests {
    /// A 21-module code with a recognisable pattern: dark where x + y is even, and a dark first row.
    static func code(_ role: String) -> WebLinkCodes.Code {
        let size = 21
        var dark: [Bool] = []
        for y in 0..<size { for x in 0..<size { dark.append(y == 0 || (x + y) % 2 == 0) } }
        return .init(role: role, url: "http://10.0.0.5:8470/\(role.prefix(1))/TOKEN\(role.uppercased())", size: size, dark: dark)
    }

    static let links = WebLinkCodes(codes: [code("speaker"), code("notes")], serverRunning: true)

    @Test func wShowsEachCodeThenAnyKeyCloses() throws {
        let f = try Fixture(view: .chair)
        f.model.webLinks = { Self.links }
        let events = f.live.session.eventCount
        f.press(.char("w"))
        var frame = f.render()
        #expect(frame.text.contains("speaker link (1/2): http://10.0.0.5:8470/s/TOKENSPEAKER"), "\(frame.text)")
        // The code: 21 modules and 4 quiet on each side, two modules a row: 15 rows of half blocks,
        // the first full row all light (quiet zone).
        let rows = frame.lines.filter { $0.contains("█") || $0.contains("▀") || $0.contains("▄") }
        #expect(rows.count == 15)
        #expect(rows[0].trimmingCharacters(in: .whitespaces) == String(repeating: "█", count: 29))
        // Rows 4 and 5 of the modules (the code's dark first row, then x + y even dark): after 4
        // light quiet columns, no light module above and a light one below at even x (y = 1: dark where x is odd).
        let second = rows[2].trimmingCharacters(in: .whitespaces)
        #expect(second == String(repeating: "█", count: 4) + (0..<21).map { $0 % 2 == 0 ? "▄" : " " }.joined() + String(repeating: "█", count: 4))
        f.press(.char(" "))
        frame = f.render()
        #expect(frame.text.contains("notes link (2/2): http://10.0.0.5:8470/n/TOKENNOTES"))
        f.press(.char("x"))
        frame = f.render()
        #expect(!frame.text.contains("link ("))
        #expect(frame.text.contains("AMD's new interrupt-virtualization hardware"))
        #expect(f.live.session.eventCount == events, "looking at the links records nothing")
    }

    @Test func aSmallTerminalShowsTheLinkAndWhatTheCodeNeeds() throws {
        let f = try Fixture(view: .chair)
        f.model.webLinks = { WebLinkCodes(codes: [Self.code("speaker")], serverRunning: false) }
        f.press(.char("w"))
        let frame = f.render(width: 60, height: 12)
        #expect(frame.text.contains("http://10.0.0.5:8470/s/TOKENSPEAKER"))
        #expect(frame.text.contains("the QR code needs 29x18"), "\(frame.text)")
        #expect(frame.text.contains("no server runs now"))
        #expect(!frame.text.contains("▀"))
    }

    @Test func withoutUTF8TheCodeIsReverseVideoSpaces() throws {
        let f = try Fixture(view: .chair, glyphs: .ascii)
        f.model.webLinks = { Self.links }
        f.press(.char("w"))
        let frame = f.render(width: 100, height: 40)
        #expect(frame.cells.allSatisfy { $0.glyph.isASCII }, "\(frame.text)")
        // 29 modules a side, two columns each: rows with 58 columns of light (reverse) quiet zone.
        let lit = (0..<frame.height).filter { y in (0..<frame.width).filter { frame[$0, y].style.reverse }.count == 58 }
        #expect(lit.count >= 4, "the quiet zone's full rows")
    }

    @Test func noLinksIsAMessageNotAnEmptyOverlay() throws {
        let f = try Fixture(view: .chair)
        f.model.webLinks = { nil }
        f.press(.char("w"))
        #expect(f.model.state.overlay == nil)
        #expect(f.render().text.contains("no web links"))
    }

    @Test func noteTakersTypeW() throws {
        let f = try Fixture(view: .notes, role: .notes)
        f.model.webLinks = { Self.links }
        f.press(.char("w"))
        #expect(f.model.state.overlay == nil)
        #expect(f.model.state.editor.text == "w")
    }
}
