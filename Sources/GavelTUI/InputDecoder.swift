/// Turns what the terminal sends, byte by byte (and the keys curses recognised), into input
/// events, keeping every character: UTF-8 is decoded here rather than by curses, so a byte that
/// is not UTF-8 (a Latin-1 `é` typed over an old ssh client) becomes its Latin-1 character instead
/// of swallowing the text after it, and an Enter is never lost. Printable text that arrives in
/// one read becomes one `.text` event, and a bracketed paste becomes one `.text` event whatever
/// it holds (its line breaks are not Enter), so pasting 100,000 characters costs one insertion.
public struct InputDecoder: Sendable {
    /// What the backend read.
    public enum Raw: Sendable, Equatable {
        case byte(UInt8)
        /// A key curses decoded from an escape sequence (arrows, function keys), or a resize.
        case event(InputEvent)
        case pasteStart
        case pasteEnd
    }

    /// Bytes of a UTF-8 sequence not yet complete.
    private var pending: [UInt8] = []
    private var expected = 0
    private var pasting = false
    private var pasted = ""

    public init() {}

    /// The events `raw` completes. A sequence cut at the end of `raw` waits for the next call.
    public mutating func decode(_ raw: [Raw]) -> [InputEvent] {
        var out: [InputEvent] = []
        var text = ""
        func emitText() {
            guard !text.isEmpty else { return }
            out.append(text.count == 1 ? .key(.char(text.first!)) : .text(text))
            text = ""
        }
        func deliver(_ scalar: Unicode.Scalar) {
            if pasting {
                pasted.unicodeScalars.append(scalar)
                return
            }
            let code = scalar.value
            if code >= 32, code != 127 {
                // A combining mark stays with its character: a string keeps graphemes whole.
                text.unicodeScalars.append(scalar)
                return
            }
            emitText()
            if let key = Key.fromCode(code) { out.append(.key(key)) }
        }
        func flushInvalid() {
            // Bytes that began a sequence but did not finish it: each is its Latin-1 character.
            let bytes = pending
            pending = []
            expected = 0
            for b in bytes { deliver(Unicode.Scalar(b)) }
        }
        for item in raw {
            switch item {
            case .pasteStart:
                flushInvalid()
                emitText()
                pasting = true
                pasted = ""
            case .pasteEnd:
                flushInvalid()
                if pasting, !pasted.isEmpty { out.append(.text(pasted)) }
                pasting = false
                pasted = ""
            case .event(let event):
                flushInvalid()
                if pasting { continue }
                emitText()
                out.append(event)
            case .byte(let b):
                if !pending.isEmpty {
                    if b & 0xC0 == 0x80 {
                        pending.append(b)
                        if pending.count == expected {
                            let bytes = pending
                            pending = []
                            expected = 0
                            if let s = String(validating: bytes, as: UTF8.self), let scalar = s.unicodeScalars.first,
                               s.unicodeScalars.count == 1 {
                                deliver(scalar)
                            } else {
                                for b in bytes { deliver(Unicode.Scalar(b)) }
                            }
                        }
                        continue
                    }
                    flushInvalid()
                }
                switch b {
                case 0x00...0x7F: deliver(Unicode.Scalar(b))
                case 0xC2...0xDF: pending = [b]; expected = 2
                case 0xE0...0xEF: pending = [b]; expected = 3
                case 0xF0...0xF4: pending = [b]; expected = 4
                default: deliver(Unicode.Scalar(b))
                }
            }
        }
        emitText()
        return out
    }
}
