import Foundation
import Testing
import GavelTUI

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

    /// A frame as a snapshot records it: its text, then under a rule the colour role of every
    /// cell that shows colour (`t` text, `a` accent, `o` ok/green, `w` warn/amber, `u` urgent/red,
    /// `v` overtime, `b` background; upper case when drawn in reverse video, as the big digits of
    /// a terminal without UTF-8 and a flashing phase are). Amber, red and overtime are the
    /// product: a text-only snapshot cannot see them.
    static func colored(_ buffer: Buffer) -> String {
        var roles: [String] = []
        for y in 0..<buffer.height {
            var line = ""
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.character == " " && !cell.style.reverse {
                    line.append(" ")
                    continue
                }
                let letter: Character = switch cell.style.foreground {
                case .text: "t"
                case .accent: "a"
                case .ok: "o"
                case .warn: "w"
                case .urgent: "u"
                case .over: "v"
                case .background: "b"
                }
                line.append(cell.style.reverse ? Character(letter.uppercased()) : letter)
            }
            roles.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
        return buffer.text + "--- colour roles ---\n" + roles.joined(separator: "\n") + "\n"
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
