import GavelTestSupport
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

/// Durations as screens and summaries show them: `m:ss` under ten minutes, never a decimal, never
/// more time left than there is.
@Suite struct ReadableDurationTests {
    @Test(arguments: [(0, "0:00"), (20, "0:20"), (30, "0:30"), (78, "1:18"), (599, "9:59"), (600, "10m"),
                      (1050, "17m30s"), (1200, "20m"), (3900, "1h5m"), (-30, "-0:30"), (-1200, "-20m")])
    func readable(seconds: Int, text: String) {
        #expect(DurationText.readable(seconds) == text)
    }

    @Test func signedDifferences() {
        #expect(DurationText.signed(210) == "+3:30")
        #expect(DurationText.signed(-30) == "-0:30")
        #expect(DurationText.signed(0) == "0:00")
        #expect(DurationText.signed(930) == "+15m30s")
    }

    /// The issue's cases: a 20-second topic that took 78 s, and a slot of 1m15s that said "2 min left".
    @Test func theCasesFromTheDayInTheRoom() {
        #expect(DurationText.used(78, of: 30) == "1:18 of 0:30")
        #expect(DurationText.used(20, of: 20) == "0:20 of 0:20")
        #expect(DurationText.remaining(75, of: 75) == "1:15 left of 1:15")
        #expect(DurationText.remaining(45, of: 75) == "0:45 left of 1:15")
        #expect(DurationText.remaining(-30, of: 75) == "0:30 over")
        #expect(DurationText.remaining(2700, of: 2700) == "45 min left of 45m")
        #expect(DurationText.remaining(2699, of: 2700) == "44 min left of 45m")
        #expect(DurationText.remaining(600, of: 2700) == "10 min left of 45m")
        #expect(DurationText.remaining(599, of: 2700) == "9:59 left of 45m")
        #expect(DurationText.remaining(-750, of: 2700) == "12 min over")
    }

    /// Seconds a `left` text stands for: `m:ss`, or whole minutes.
    static func seconds(of text: String) -> Int? {
        if text.hasSuffix(" min") { return Int(text.dropLast(4)).map { $0 * 60 } }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let m = Int(parts[0]), let s = Int(parts[1]), parts[1].count == 2, s < 60 else { return nil }
        return m * 60 + s
    }

    @Test func leftNeverSaysMoreThanThereIsNorADecimal() throws {
        for length in [1, 20, 59, 75, 300, 599, 600, 601, 2700, 5400] {
            for r in 0...length {
                let text = DurationText.left(r)
                let shown = try #require(Self.seconds(of: text), "\(r): \(text) is neither m:ss nor N min")
                #expect(shown <= r && r - shown < 60, "\(r) s left shown as \(text)")
                #expect(shown <= length, "\(r) s left of \(length) shown as \(text)")
                #expect(r >= 600 || shown == r, "\(r) s left shown as \(text): under ten minutes every second counts")
                let line = DurationText.remaining(r, of: length)
                #expect(!line.contains("."), "\(line)")
            }
        }
        for s in -4000...4000 { #expect(!DurationText.readable(s).contains(".")) }
    }

    /// What `leftShown` says is shown is what `left` shows, and never more than the slot's length.
    @Test func leftShownIsWhatLeftShows() throws {
        var random = SeededRandom(seed: 5)
        let samples = (0..<4000).map { _ in Double(Int.random(in: -48_000...48_000, using: &random)) / 8 }
            + [0, 0.125, 59.875, 60, 75, 599, 599.5, 600, 659.875, 660, -0.5, -600, -659]
        for exact in samples {
            let shown = DurationText.leftShown(exact)
            let text = DurationText.left(Int(exact.rounded(.up)))
            #expect(Self.seconds(of: text) == abs(shown), "\(exact): \(text) vs \(shown)")
            // Never more than is left (or, past zero, than is over).
            #expect(Double(abs(shown)) <= abs(exact.rounded(.up)), "\(exact): shows \(shown)")
            #expect((shown < 0) == (exact.rounded(.up) < 0), "\(exact): shows \(shown)")
        }
        for length in [20, 75, 599, 600, 2700] {
            #expect(DurationText.leftShown(Double(length)) == (length < 600 ? length : length / 60 * 60))
        }
        #expect(DurationText.leftShown(.nan) == 0)
        #expect(DurationText.leftShown(-.infinity) == 0)
    }

    /// A loop that sleeps `secondsUntilLeftChanges` wakes exactly when the slot line changes: the
    /// text is the same just before and different then.
    @Test func theNextChangeIsWhenTheTextChanges() {
        var random = SeededRandom(seed: 11)
        func text(_ exact: Double) -> String { DurationText.remaining(Int(exact.rounded(.up)), of: 7200) }
        // Eighths of a second are exact in binary, so the arithmetic below is too.
        let samples = (-80...80).map { Double($0) / 8 } + [599, 600, 600.125, 659, 659.5, 660, -599, -600, -659.875]
            + (0..<3000).map { _ in Double(Int.random(in: -48_000...48_000, using: &random)) / 8 }
        for exact in samples {
            let wait = DurationText.secondsUntilLeftChanges(exact)
            #expect(wait > 0 && wait <= 60, "\(exact): waits \(wait)")
            #expect(text(exact - wait) != text(exact), "\(exact): \(text(exact)) is still shown after \(wait) s")
            #expect(text(exact - wait + 0.125) == text(exact), "\(exact): \(text(exact)) changed before \(wait) s")
        }
    }
}
