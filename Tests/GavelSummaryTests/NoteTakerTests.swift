import Foundation
import GavelTestSupport
import Testing
@testable import GavelSummary

/// Note-takers are counted by runs of one author's notes: the counts and the order must be the
/// plain rule's, however the authors interleave.
@Suite struct NoteTakerTests {
    @Test func countsAreThePlainRulesWhateverTheRuns() {
        var random = SeededRandom(seed: 0x7A4E)
        let names = ["ada", "Ada", "bob", "", "Zoë", "zoe", "carol"]
        for round in 0..<2000 {
            let authors = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                // Long runs and single notes alike.
                names[Int.random(in: 0..<(Bool.random(using: &random) ? 2 : names.count), using: &random)]
            }
            let notes = authors.enumerated().map { i, by in
                SummaryNote(id: "n\(i)", kind: .discussion, text: "t", body: "t", owners: [], links: [], by: by, offset: 0,
                            at: Date(timeIntervalSince1970: 0), edited: false)
            }
            var counts: [String: Int] = [:]
            for by in authors where !by.isEmpty { counts[by, default: 0] += 1 }
            let takers = NoteTaker.of(notes)
            #expect(Dictionary(uniqueKeysWithValues: takers.map { ($0.name, $0.notes) }) == counts, "round \(round): \(authors)")
            for (a, b) in zip(takers, takers.dropFirst()) {
                let inOrder = a.notes > b.notes || (a.notes == b.notes && a.name.lowercased() <= b.name.lowercased())
                #expect(inOrder, "round \(round): \(takers)")
            }
        }
    }
}
