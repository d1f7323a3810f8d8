/// Where frames go and keys come from. The ncurses backend is the real one; tests use
/// `TestTerminal`.
public protocol Terminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// The descriptor to wait on for input.
    var inputDescriptor: Int32 { get }
    /// Shows `buffer` in `theme`'s colours, sending only what changed.
    func present(_ buffer: Buffer, theme: Theme)
    /// Input that arrived, without waiting.
    func readInput() -> [InputEvent]
    /// Takes the terminal's new size after a resize.
    func refreshSize()
    func bell()
    func flash()
    /// Gives the terminal back to the shell (suspend); `resume` takes it again and redraws all.
    func suspend()
    func resume()
    /// Restores the terminal for good.
    func close()
}

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
