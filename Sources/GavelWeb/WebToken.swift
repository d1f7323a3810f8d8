/// The secret in a link: 128 random bits from the system's generator (getrandom on Linux),
/// written as 26 characters of RFC 4648 base32 without padding (capitals and digits, which a QR
/// code stores compactly and nobody misreads as a different letter case).
public enum WebToken {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    /// Characters in a token: ceil(128 / 5).
    public static let length = 26

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return base32(bytes)
    }

    static func base32(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `candidate` equals `secret`, in time that depends only on their lengths: every
    /// byte is compared whatever the first difference, so timing tells an attacker nothing about
    /// how much of a guess was right.
    public static func matches(_ candidate: String, _ secret: String) -> Bool {
        let a = Array(candidate.utf8), b = Array(secret.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}

/// The tokens of every role, as the session file holds them.
public struct WebTokens: Sendable, Equatable {
    public var byRole: [WebRole: String]

    public init(byRole: [WebRole: String]) { self.byRole = byRole }

    /// The role `candidate` opens, comparing it with every role's token in constant time (no early
    /// exit, so the time taken does not tell which role came close).
    public func role(of candidate: String) -> WebRole? {
        var found: WebRole?
        for role in WebRole.allCases {
            guard let secret = byRole[role] else { continue }
            if WebToken.matches(candidate, secret), found == nil { found = role }
        }
        return found
    }

    public subscript(role: WebRole) -> String? { byRole[role] }
}
