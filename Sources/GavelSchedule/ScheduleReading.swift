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
        let utf16 = bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
            || (bytes.count >= 2 && (bytes[0] == 0) != (bytes[1] == 0))
        if head.first == UInt8(ascii: "<") || utf16 || lower.hasSuffix(".xml") {
            return try FrabReader.parse(Data(bytes), file: file, fallbackZone: fallbackZone)
        }
        if head.starts(with: Array("BEGIN".utf8)) || lower.hasSuffix(".ics") || lower.hasSuffix(".ical") {
            return try ICalendarReader.parse(bytes, file: file, fallbackZone: fallbackZone)
        }
        throw FileError(file: file, line: 1, "not a schedule gavel knows: expected frab XML (<schedule>) or iCalendar (BEGIN:VCALENDAR)")
    }

    /// A zone named on the command line: an IANA name or a Windows one (`W. Europe Standard Time`).
    public static func zone(named name: String) -> TimeZone? { ZoneNames.named(name) }

    /// The bytes of a file, or of a pipe such as /dev/stdin.
    static func contents(atPath path: String) -> Data? {
        if let data = FileManager.default.contents(atPath: path) { return data }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd() ?? Data()
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
