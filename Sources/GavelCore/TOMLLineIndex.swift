/// Finds the line of a key in TOML source text, for readers still on TOMLKit (themes, until they move to `TOML`).
///
/// Keys are addressed by path: `title`, `defaults.warn`, `slot[2].length`, `slot[2].topic[0].id`
/// (array-of-tables instances counted from zero). Headers name the table; `key = value` lines
/// name the key. Lines inside multi-line strings are skipped.
public struct TOMLLineIndex: Sendable {
    private var lines: [String: Int] = [:]
    private var headers: [String: Int] = [:]

    public init(source: String) {
        var arrayCounts: [String: Int] = [:]   // "slot" -> count, "slot[0].topic" -> count
        var current = ""                         // the current table's path
        var inMultiline: String? = nil
        var lineNumber = 0
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(raw)
            if let fence = inMultiline {
                if line.contains(fence) { inMultiline = nil }
                continue
            }
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2))
                let prefix = Self.resolve(name, arrayCounts: arrayCounts)
                let n = arrayCounts[prefix, default: 0]
                arrayCounts[prefix] = n + 1
                current = "\(prefix)[\(n)]"
                headers[current] = lineNumber
            } else if line.hasPrefix("[") {
                let name = Self.headerName(line.dropFirst())
                current = Self.resolve(name, arrayCounts: arrayCounts)
                headers[current] = lineNumber
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                var key = line[..<eq].trimmingCharacters(in: .whitespaces)
                if key.count >= 2, key.first == "\"" || key.first == "'", key.last == key.first {
                    key = String(key.dropFirst().dropLast())
                }
                let path = current.isEmpty ? key : "\(current).\(key)"
                if lines[path] == nil { lines[path] = lineNumber }
                let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                for fence in ["\"\"\"", "'''"] where value.hasPrefix(fence) {
                    let rest = value.dropFirst(3)
                    if !rest.contains(fence) { inMultiline = fence }
                }
            }
        }
    }

    /// The line of `key` in the table at `table` (a path as above, `""` for the root), or of the
    /// table's header when the key is absent, or nil.
    public func line(_ table: String, _ key: String? = nil) -> Int? {
        if let key {
            let path = table.isEmpty ? key : "\(table).\(key)"
            if let l = lines[path] { return l }
        }
        return headers[table]
    }

    private static func headerName(_ s: Substring) -> String {
        let body = s.split(separator: "]", maxSplits: 1).first ?? ""
        return body.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ".")
    }

    /// `slot.topic` inside the third slot becomes `slot[2].topic`.
    private static func resolve(_ dotted: String, arrayCounts: [String: Int]) -> String {
        let parts = dotted.split(separator: ".")
        var path = ""
        for (i, part) in parts.enumerated() {
            path = path.isEmpty ? String(part) : "\(path).\(part)"
            if i < parts.count - 1, let n = arrayCounts[path], n > 0 {
                path = "\(path)[\(n - 1)]"
            }
        }
        return path
    }
}

import Foundation
