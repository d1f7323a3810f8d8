import Foundation

extension LiveSession {
    /// Starts the current topic's clock unless it is already running, has finished, or its slot
    /// has ended (`gavel run --start`: a chair who launches the console as the speaker begins).
    /// A paused topic resumes. Returns the effects, or nil when nothing was recorded.
    @discardableResult
    public func startCurrentTopic() throws -> [Session.Effect]? {
        guard let snapshot = snapshot(), !snapshot.hasEnded, let topic = snapshot.currentTopic,
              !topic.isRunning, !topic.isFinished else { return nil }
        return try perform(.toggle)
    }
}
