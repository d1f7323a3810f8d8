import Testing
@testable import GavelWeb

/// libqrencode through CQREncode: a link becomes a code of the expected size with the three
/// finder patterns where a scanner looks for them.
@Suite struct QRCodeTests {
    func finder(_ code: QRCode, x: Int, y: Int) -> Bool {
        // 7x7: dark ring, light ring, dark 3x3 centre.
        for dy in 0..<7 {
            for dx in 0..<7 {
                let ring = max(abs(dx - 3), abs(dy - 3))
                let dark = ring == 3 || ring <= 1
                if code.isDark(x: x + dx, y: y + dy) != dark { return false }
            }
        }
        return true
    }

    @Test func aLinkBecomesASmallCodeWithItsFinderPatterns() throws {
        let link = WebLinks.qrText(base: "http://192.168.100.200:8470", role: .speaker, token: WebToken.make())
        #expect(link.hasPrefix("HTTP://192.168.100.200:8470/S/"))
        let code = try QRCode.encode(link)
        // 60 alphanumeric characters at level M fit version 3 (29 modules): small enough for two
        // codes side by side in 80 columns with their quiet zones.
        #expect(code.size == 29)
        #expect(finder(code, x: 0, y: 0) && finder(code, x: code.size - 7, y: 0) && finder(code, x: 0, y: code.size - 7))
        #expect(!finder(code, x: code.size - 7, y: code.size - 7), "no finder in the fourth corner")
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: code.size, y: 3), "outside is the light quiet zone")
        let lower = try QRCode.encode(WebLinks.url(base: "http://192.168.100.200:8470", role: .speaker, token: WebToken.make()))
        #expect(lower.size > code.size, "the link in capitals is the smaller code")
    }

    @Test func tooLongIsAnError() {
        #expect(throws: QRCode.Failure.tooLong(3000)) { try QRCode.encode(String(repeating: "a", count: 3000)) }
    }
}
