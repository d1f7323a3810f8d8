import Foundation
import GavelCore

/// Where the front hands what the engine asks for after events (`Session.Effect`: a slot's
/// summary to write, or to write again). A sink never blocks the loop: it works in the
/// background and leaves notices (a summary written, a write that failed) for the next turn,
/// ringing `noticeDescriptor` so the loop wakes for them.
public protocol EffectSink: AnyObject {
    /// `session` is the state the effects came from; the sink keeps this copy.
    func perform(_ effects: [Session.Effect], session: Session, at now: Date)
    /// What the sink has to say since it was last asked, oldest first.
    func takeNotices() -> [UIState.Message]
    /// Readable while notices wait; nil when the sink never has any.
    var noticeDescriptor: Int32? { get }
    /// Returns once everything handed over is done (before the process exits).
    func finish()
    /// What the events recorded before this process started ask for: the sink may leave out what
    /// is already done (a summary written after its slot's last change).
    func performAtStartup(_ effects: [Session.Effect], session: Session, at now: Date)
}

extension EffectSink {
    public func performAtStartup(_ effects: [Session.Effect], session: Session, at now: Date) {
        perform(effects, session: session, at: now)
    }
}

/// A sink that keeps what it was handed, for tests and views that perform nothing.
public final class CollectingSink: EffectSink, @unchecked Sendable {
    public private(set) var effects: [Session.Effect] = []
    public var notices: [UIState.Message] = []
    public init() {}
    public func perform(_ effects: [Session.Effect], session: Session, at now: Date) { self.effects += effects }
    public func takeNotices() -> [UIState.Message] {
        defer { notices = [] }
        return notices
    }
    public var noticeDescriptor: Int32? { nil }
    public func finish() {}
}

/// Where a running view reads its agenda again when the file changes. A change that does not
/// parse keeps the last good agenda; the error (FILE:LINE: what is wrong) is shown instead.
public protocol AgendaSource: AnyObject {
    /// Readable when the file may have changed.
    var descriptor: Int32 { get }
    /// Consumes the readiness; true when the file itself changed.
    func acknowledge() -> Bool
    /// The agenda as the file now has it, or what is wrong with it.
    func load() -> Result<Agenda, AgendaSourceError>
}

public struct AgendaSourceError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
