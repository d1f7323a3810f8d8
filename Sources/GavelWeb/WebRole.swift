/// What a link lets its holder do. Each role has its own secret token; a token opens only its
/// own role's page and requests.
public enum WebRole: String, Sendable, CaseIterable, Codable {
    /// The big countdown for the lectern or the projector: reads only.
    case speaker
    /// The note line and the running topic's notes: adds, edits and deletes its own notes.
    case notes
    /// The chair remote for a co-chair's phone: start/pause, next, previous, ±1 min.
    case remote
    /// The state as JSON and its live stream, for integrations (Companion, OBS, a room sign).
    case feed

    /// The first path component of the role's page (`/s/TOKEN`); the feed has no page.
    public var pagePrefix: String? {
        switch self {
        case .speaker: "s"
        case .notes: "n"
        case .remote: "r"
        case .feed: nil
        }
    }

    /// The path of the role's link, without the address: its page, or the feed's JSON.
    public func path(token: String) -> String {
        if let prefix = pagePrefix { return "/\(prefix)/\(token)" }
        return "/api/\(token)/state"
    }

    /// Whether the role's snapshot carries the running topic's notes.
    var seesNotes: Bool { self == .notes || self == .remote }
}
