import Foundation
import Testing

/// Compares rendered text with `__Snapshots__/NAME.txt` beside this file. `GAVEL_RECORD=1`
/// (re)writes the files instead; a missing file fails, so a snapshot is never taken silently.
enum SnapshotFile {
    static func directory(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory().appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["GAVEL_RECORD"] == "1" {
            try? FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
            do { try Data(text.utf8).write(to: url) } catch { Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation) }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("no snapshot \(url.lastPathComponent); run the tests with GAVEL_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            Issue.record("\(name) differs from its snapshot (GAVEL_RECORD=1 re-records):\n\(diff(expected, text))", sourceLocation: sourceLocation)
        }
    }

    /// The differing lines, expected then actual, with their numbers.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : "<none>", y = i < b.count ? b[i] : "<none>"
            if x != y { out.append(String(format: "%3d - %@\n    + %@", i + 1, x, y)) }
        }
        return out.joined(separator: "\n")
    }
}
