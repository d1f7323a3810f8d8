import GavelCore
import GavelStore

/// Opens the session an agenda's views share: the SQLite session file `STEM.gavel` beside the
/// agenda `STEM.toml`, or `--session PATH`. Every gavel process on the same file (the chair, the
/// speaker view, note-takers, over ssh too) sees the same session.
enum SessionOpening {
    /// The session file for an agenda: `sessionPath` when given, else `STEM.gavel` beside it.
    static func path(agendaPath: String, sessionPath: String?) -> String {
        sessionPath ?? SessionStore.defaultPath(forAgenda: agendaPath)
    }

    /// - Parameters:
    ///   - agendaPath: the agenda file.
    ///   - sessionPath: `--session PATH`, when given.
    ///   - readOnly: a view that never records (the speaker view).
    /// - Throws: `SessionStoreError`, whose description names the file and what to do; the file is
    ///   never changed when it is refused.
    static func open(agendaPath: String, sessionPath: String?, readOnly: Bool) throws -> SessionLog {
        try SessionStore(path: path(agendaPath: agendaPath, sessionPath: sessionPath), readOnly: readOnly)
    }
}
