import Foundation
import Testing

/// Compares text with a file under `Golden/` beside this source file; `GAVEL_RECORD=1` writes the
/// file instead (and the test still fails, so a recording is never mistaken for a pass).
enum Golden {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GAVEL_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(url.path); run again without GAVEL_RECORD to compare", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("no golden file \(url.path); record it with GAVEL_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard Array(actual.utf8) != Array(expected.utf8) else { return }
        Issue.record("\(name) differs from \(url.path):\n\(firstDifference(expected, actual))", sourceLocation: sourceLocation)
    }

    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end of file>"
            let al = i < a.count ? String(a[i]) : "<end of file>"
            if el != al { return "line \(i + 1):\n  expected: \(el)\n  actual:   \(al)" }
        }
        return "the same lines, different bytes (line endings?)"
    }
}
