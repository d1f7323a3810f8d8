import Foundation
import GavelCore
import GavelTUI

/// Conveniences for tests that drive a live session by hand: each reads the session's own
/// (manual) clock once and passes that instant on, as one loop turn would.
extension LiveSession {
    public var now: Date { clock.now() }

    public func snapshot() -> Snapshot? { session.snapshot(at: clock.now()) }

    /// One loop turn's bookkeeping with the log read.
    @discardableResult
    public func tick() throws -> [Session.Effect] { try step(at: clock.now(), readLog: true) }

    @discardableResult
    public func perform(_ command: Session.Command, confirmed: Bool = false) throws -> Outcome {
        try perform(command, at: clock.now(), confirmed: confirmed)
    }

    @discardableResult
    public func record(_ action: SessionEvent.Action) throws -> [Session.Effect] {
        try record(action, at: clock.now()).effects
    }

    @discardableResult
    public func addNote(_ text: String, slot: String, topic: String) throws -> (id: String, effects: [Session.Effect]) {
        let (id, outcome) = try addNote(text, slot: slot, topic: topic, at: clock.now())
        return (id, outcome.effects)
    }

    public func startCurrentTopic() throws -> Outcome? { try startCurrentTopic(at: clock.now()) }
}

extension AppModel {
    /// Handles input at the session clock's now.
    @discardableResult
    public func handle(_ event: InputEvent) -> Outcome { handle(event, at: live.clock.now(), uptime: live.clock.uptime()) }

    /// Types `text` key by key, as a person does.
    public func type(_ text: String) {
        for ch in text { handle(.key(.char(ch))) }
    }

    /// One loop turn at the session clock's now, with the log read; returns its frame.
    @discardableResult
    public func tick(width: Int = 80, height: Int = 24) -> Buffer {
        step(at: live.clock.now(), uptime: live.clock.uptime(), width: width, height: height, readLog: true).buffer
    }

    /// What the frame at the session clock's now is drawn from.
    public func frame(width: Int = 80, height: Int = 24) -> Frame { frame(at: live.clock.now(), width: width, height: height) }

    /// The frame at the session clock's now.
    public func render(width: Int = 80, height: Int = 24) -> Buffer {
        render(at: live.clock.now(), width: width, height: height)
    }
}

extension Screen {
    /// Draws a frame with fresh view state (a first frame).
    public static func render(_ frame: Frame) -> Buffer {
        var state = ViewState()
        return render(frame, state: &state)
    }
}
