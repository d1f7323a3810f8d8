import GavelCore

/// Performs what the engine asks for after events: writes a slot's summary when it ends, and
/// rewrites it when one of its notes changes afterwards. Owned by the summaries work (issue 5).
enum SummaryHook {
    /// Returns a message to show the user when a summary could not be written, else nil.
    static func perform(_ effects: [Session.Effect], live: LiveSession, agendaPath: String) -> String? {
        nil
    }
}
