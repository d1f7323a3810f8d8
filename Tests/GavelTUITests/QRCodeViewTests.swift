import Testing
@testable import GavelTUI

/// The QR drawing reads as text: light modules drawn as half blocks with UTF-8, as reverse-video
/// spaces two columns wide without, inside a light quiet zone.
@Suite struct QRCodeViewTests {
    // A 3x3 "code": dark corners and centre.
    let modules = [[true, false, true], [false, true, false], [true, false, true]]
    func isDark(_ x: Int, _ y: Int) -> Bool { modules[y][x] }

    @Test func halfBlocksHoldTwoModulesPerCell() {
        let size = QRCodeView.footprint(size: 3, quiet: 1, unicode: true)
        #expect(size.width == 5 && size.height == 3)
        var buffer = Buffer(width: 5, height: 3)
        QRCodeView.draw(size: 3, isDark: isDark, into: &buffer, x: 0, y: 0, quiet: 1, unicode: true)
        // Module rows 0..4 (quiet, code x3, quiet) in pairs: (q, r0), (r1, r2), (q, outside).
        #expect(buffer.lines == ["█▀█▀█", "█▀▄▀█", "▀▀▀▀▀"])
        #expect(buffer[0, 0].style == Style(.text, on: .background))
    }

    @Test func withoutUTF8LightModulesAreReverseVideoSpaces() {
        let size = QRCodeView.footprint(size: 3, quiet: 1, unicode: false)
        #expect(size.width == 10 && size.height == 5)
        var buffer = Buffer(width: 10, height: 5)
        QRCodeView.draw(size: 3, isDark: isDark, into: &buffer, x: 0, y: 0, quiet: 1, unicode: false)
        let rows = (0..<5).map { y in String((0..<10).map { x in buffer[x, y].style.reverse ? "#" : "." }) }
        #expect(rows == ["##########", "##..##..##", "####..####", "##..##..##", "##########"])
        #expect(buffer.lines.allSatisfy { $0.allSatisfy { $0 == " " } }, "only spaces: nothing needs UTF-8")
    }

    @Test func aCodeLargerThanTheBufferIsClipped() {
        var buffer = Buffer(width: 3, height: 1)
        QRCodeView.draw(size: 3, isDark: isDark, into: &buffer, x: 1, y: 0, quiet: 1, unicode: true)
        #expect(buffer.lines == [" █▀"])
    }
}
