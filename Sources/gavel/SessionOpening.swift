import GavelCore

/// Opens the session an agenda's views share. Owned by the store work (issue 4): it will open the
/// SQLite session file (`STEM.gavel` beside the agenda, or `--session PATH`). Until then the session
/// lives in memory and ends with the process.
enum SessionOpening {
    /// - Parameters:
    ///   - agendaPath: the agenda file.
    ///   - sessionPath: `--session PATH`, when given.
    ///   - readOnly: a view that never records (the speaker view).
    static func open(agendaPath: String, sessionPath: String?, readOnly: Bool) throws -> SessionLog {
        MemoryLog()
    }
}
