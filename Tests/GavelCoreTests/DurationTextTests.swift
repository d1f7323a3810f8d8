import Testing
@testable import GavelCore

@Suite struct DurationTextTests {
    @Test(arguments: [("20m", 1200), ("90s", 90), ("1h30m", 5400), ("17m30s", 1050), ("1h", 3600), (" 5m ", 300), ("0s", 0)])
    func parsesDurations(text: String, seconds: Int) throws {
        #expect(try DurationText.seconds(text).get() == seconds)
    }

    @Test(arguments: ["", "20", "m", "5x", "30s1m", "1m1m", "-5m", "1.5m", "99999999h", "25h"])
    func refusesBadDurations(text: String) {
        guard case .failure(let error) = DurationText.seconds(text) else {
            Issue.record("\"\(text)\" was accepted")
            return
        }
        #expect(!error.message.isEmpty)
    }

    @Test func formatsCanonically() throws {
        #expect(DurationText.format(1200) == "20m")
        #expect(DurationText.format(5400) == "1h30m")
        #expect(DurationText.format(1050) == "17m30s")
        #expect(DurationText.format(0) == "0s")
        for s in [1, 59, 60, 61, 3599, 3600, 3661, 86400] {
            #expect(try DurationText.seconds(DurationText.format(s)).get() == s)
        }
    }

    @Test func clockText() {
        #expect(ClockText.mmss(1200) == "20:00")
        #expect(ClockText.mmss(59) == "00:59")
        #expect(ClockText.mmss(3725) == "1:02:05")
    }
}
