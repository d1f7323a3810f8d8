import Foundation

/// What a view means by a colour: the theme decides the actual one.
public enum ColorRole: String, Sendable, Equatable, Hashable, CaseIterable {
    case text, background, accent, ok, warn, urgent, over
}

/// How a cell is drawn: foreground and background roles and attributes.
public struct Style: Sendable, Equatable, Hashable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ foreground: ColorRole = .text, on background: ColorRole = .background, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let accent = Style(.accent, bold: true)
    public static let muted = Style(dim: true)
    /// A solid block of `role`: spaces drawn in the role as background.
    public static func block(_ role: ColorRole) -> Style { Style(role, reverse: true) }
}

/// One grapheme cluster held inline: up to 7 UTF-8 bytes in a word, with the length in the top
/// byte, so a cell is plain bits (copied and compared without reference counting or Unicode
/// rules). A longer cluster (a family emoji, a flag with modifiers) is interned once in a table
/// shared by the process and held by its number.
public struct Glyph: Sendable, Hashable {
    let bits: UInt64

    private static let interned = InternTable()
    private static let longFlag: UInt64 = 0xFF << 56

    public init(_ character: Character) {
        let utf8 = character.utf8
        if utf8.count <= 7 {
            var bits = UInt64(utf8.count) << 56
            var shift: UInt64 = 0
            for byte in utf8 { bits |= UInt64(byte) << shift; shift += 8 }
            self.bits = bits
        } else {
            bits = Self.longFlag | UInt64(Self.interned.number(of: character))
        }
    }

    /// A printable ASCII byte (0x20–0x7E).
    init(ascii byte: UInt8) { bits = 1 << 56 | UInt64(byte) }

    /// A grapheme of one scalar (at most 4 UTF-8 bytes, so always inline).
    init(scalar: Unicode.Scalar) {
        var bits: UInt64 = 0
        var count: UInt64 = 0
        UTF8.encode(scalar) { byte in
            bits |= UInt64(byte) << (count * 8)
            count += 1
        }
        self.bits = bits | count << 56
    }

    public static let space = Glyph(" ")

    public var character: Character {
        if bits & Self.longFlag == Self.longFlag { return Self.interned.character(Int(bits & 0xFFFF_FFFF)) }
        let count = Int(bits >> 56)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
        return String(decoding: bytes, as: UTF8.self).first ?? " "
    }

    /// Calls `body` with each scalar's value, decoding the inline bytes without making a string.
    func forEachScalar(_ body: (UInt32) -> Void) {
        if bits & Self.longFlag == Self.longFlag {
            for scalar in character.unicodeScalars { body(scalar.value) }
            return
        }
        let count = Int(bits >> 56)
        var i = 0
        while i < count {
            let lead = UInt32(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8)))
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = length == 1 ? lead : lead & (0x7F >> UInt32(length))
            for k in 1..<max(1, length) where i + k < count {
                value = value << 6 | UInt32(UInt8(truncatingIfNeeded: bits >> (UInt64(i + k) * 8))) & 0x3F
            }
            body(value)
            i += length
        }
    }

    public var isASCII: Bool { bits >> 56 == 1 && bits & 0x80 == 0 }
    /// The byte of a one-byte (ASCII) glyph, without making a Character.
    public var asciiByte: UInt8? { isASCII ? UInt8(truncatingIfNeeded: bits) : nil }
}

/// Long clusters by number. Views draw from any thread (the web companion's QR page too), so the
/// table is locked; it only grows, by the distinct long clusters a session's text holds.
private final class InternTable: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [Character: Int] = [:]
    private var characters: [Character] = []

    func number(of character: Character) -> Int {
        lock.withLock {
            if let n = numbers[character] { return n }
            characters.append(character)
            numbers[character] = characters.count - 1
            return characters.count - 1
        }
    }

    func character(_ number: Int) -> Character { lock.withLock { characters[number] } }
}

/// One terminal cell: a character (one grapheme cluster) and how many columns it takes. The column
/// after a two-column character holds a continuation cell of width 0.
public struct Cell: Sendable, Equatable {
    public var glyph: Glyph
    /// The width (bits 0-1) and the style (bits 2-13) in one word, so that a cell is two plain
    /// words: comparing the cells of a frame is comparing words.
    private(set) var look: UInt32

    public init(_ character: Character = " ", width: Int = 1, style: Style = .plain) {
        self.init(glyph: Glyph(character), width: width, style: style)
    }

    init(glyph: Glyph, width: Int, style: Style) {
        self.glyph = glyph
        look = UInt32(truncatingIfNeeded: width) & 3 | style.bits << 2
    }

    public var width: Int {
        get { Int(look & 3) }
        set { look = look & ~3 | UInt32(truncatingIfNeeded: newValue) & 3 }
    }

    public var style: Style {
        get { Style(bits: look >> 2) }
        set { look = look & 3 | newValue.bits << 2 }
    }

    /// The style's bits, compared without making the style.
    var styleBits: UInt32 { look >> 2 }

    public var character: Character {
        get { glyph.character }
        set { glyph = Glyph(newValue) }
    }

    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell(glyph: .space, width: 0, style: style) }
    public var isContinuation: Bool { look & 3 == 0 }
}

extension Style {
    /// Foreground (3 bits), background (3 bits), then bold, reverse, underline and dim.
    var bits: UInt32 {
        UInt32(foreground.number) | UInt32(background.number) << 3 | (bold ? 1 << 6 : 0) | (reverse ? 1 << 7 : 0)
            | (underline ? 1 << 8 : 0) | (dim ? 1 << 9 : 0)
    }

    init(bits: UInt32) {
        self.init(ColorRole.numbered[Int(bits & 7)], on: ColorRole.numbered[Int(bits >> 3 & 7)], bold: bits & 1 << 6 != 0,
                  reverse: bits & 1 << 7 != 0, underline: bits & 1 << 8 != 0, dim: bits & 1 << 9 != 0)
    }
}

extension ColorRole {
    static let numbered: [ColorRole] = allCases + Array(repeating: .text, count: 8 - allCases.count)

    var number: Int {
        switch self {
        case .text: 0
        case .background: 1
        case .accent: 2
        case .ok: 3
        case .warn: 4
        case .urgent: 5
        case .over: 6
        }
    }
}
