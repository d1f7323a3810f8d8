import GavelTUI

/// A terminal in memory: frames are kept, input is scripted.
public final class TestTerminal: Terminal {
    public var width: Int
    public var height: Int
    public var inputDescriptor: Int32 { -1 }
    public private(set) var frames: [Buffer] = []
    public var pending: [InputEvent] = []
    public private(set) var bells = 0
    public private(set) var flashes = 0
    public private(set) var closed = false

    public init(width: Int = 80, height: Int = 24) {
        self.width = width
        self.height = height
    }

    public var lastFrame: Buffer? { frames.last }

    public func present(_ buffer: Buffer, theme: Theme) { frames.append(buffer) }
    public func readInput() -> [InputEvent] {
        defer { pending = [] }
        return pending
    }
    public func refreshSize() {}
    public func bell() { bells += 1 }
    public func flash() { flashes += 1 }
    public func suspend() {}
    public func resume() {}
    public func close() { closed = true }
}
