import CQREncode

/// A QR code's modules, made by libqrencode: `modules[y][x]` is true for a dark module. Without
/// the quiet zone (the 4 light modules around it), which the drawing adds.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    public let modules: [[Bool]]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooLong(Int)
        case encoder(Int32)

        public var description: String {
            switch self {
            case .tooLong(let n): "a QR code cannot hold \(n) bytes"
            case .encoder(let errno): "libqrencode failed (errno \(errno))"
            }
        }
    }

    /// Encodes `text` at error correction level M (15% of the code may be lost), the smallest
    /// version that holds it. A link whose address and path are in capitals is stored in
    /// alphanumeric mode, about a third smaller than bytes, so it stays scannable from a terminal.
    public static func encode(_ text: String) throws(Failure) -> QRCode {
        let bytes = text.utf8.count
        guard bytes <= 2000 else { throw .tooLong(bytes) }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw .encoder(errno)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules: [[Bool]] = []
        modules.reserveCapacity(width)
        for y in 0..<width {
            var row: [Bool] = []
            row.reserveCapacity(width)
            for x in 0..<width {
                // Bit 0 of each byte: dark module.
                row.append(code.pointee.data[y * width + x] & 1 == 1)
            }
            modules.append(row)
        }
        return QRCode(size: width, modules: modules)
    }

    /// The module at (x, y), light outside the code (the quiet zone).
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y][x]
    }
}
#if canImport(Glibc)
import Glibc
#endif
