import Foundation
import GavelCore

/// Reads a schedule file of either format, telling them apart by content, then by extension.
public enum ScheduleReading {
    public static func read(path: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        guard let data = contents(atPath: path) else {
            throw FileError(file: path, line: nil, FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        return try read(data, file: path, fallbackZone: fallbackZone)
    }

    public static func read(_ data: Data, file: String, fallbackZone: TimeZone? = nil) throws(FileError) -> ScheduleFile {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let head = bytes.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let lower = file.lowercased()
        if head.first == UInt8(ascii: "<") || lower.hasSuffix(".xml") {
            // Foundation's XMLParser on Linux traps on some names that are not UTF-8, so only
            // UTF-8 reaches it.
            if let bad = firstInvalidUTF8Line(bytes) {
                throw FileError(file: file, line: bad, "not UTF-8 text; schedule XML must be UTF-8")
            }
            if let declared = declaredEncoding(bytes), !["utf-8", "utf8", "us-ascii", "ascii"].contains(declared.lowercased()) {
                throw FileError(file: file, line: 1, "the XML declares encoding \"\(declared)\"; gavel reads UTF-8 schedules only")
            }
            return try FrabReader.parse(Data(bytes), file: file)
        }
        if head.starts(with: Array("BEGIN".utf8)) || lower.hasSuffix(".ics") || lower.hasSuffix(".ical") {
            if let bad = firstInvalidUTF8Line(bytes) {
                throw FileError(file: file, line: bad, "not UTF-8 text; iCalendar files are UTF-8")
            }
            return try ICalendarReader.parse(String(decoding: bytes, as: UTF8.self), file: file, fallbackZone: fallbackZone)
        }
        throw FileError(file: file, line: 1, "not a schedule gavel knows: expected frab XML (<schedule>) or iCalendar (BEGIN:VCALENDAR)")
    }

    /// The bytes of a file, or of a pipe such as /dev/stdin.
    static func contents(atPath path: String) -> Data? {
        if let data = FileManager.default.contents(atPath: path) { return data }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd() ?? Data()
    }

    /// The `encoding="..."` of an XML declaration at the start, if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let close = head.range(of: "?>") else { return nil }
        let declaration = head[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// The line of the first byte sequence that is not UTF-8, if any.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
            let need: Int
            switch b {
            case 0x00...0x7F: need = 0
            case 0xC2...0xDF: need = 1
            case 0xE0...0xEF: need = 2
            case 0xF0...0xF4: need = 3
            default: return line
            }
            guard i + need < bytes.count else { return line }
            for k in 0..<need where bytes[i + 1 + k] & 0xC0 != 0x80 { return line }
            if need > 0, String(bytes: bytes[i...(i + need)], encoding: .utf8) == nil { return line }
            i += need + 1
        }
        return nil
    }
}
