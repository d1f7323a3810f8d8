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
