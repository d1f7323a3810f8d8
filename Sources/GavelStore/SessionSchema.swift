import GRDB

/// The session file's layout, built by GRDB migrations.
///
/// The `event` table is the session: one row per event, in the order recorded (its INTEGER
/// PRIMARY KEY). `json` holds the `SessionEvent` exactly as the engine reads it back; the other
/// columns repeat its parts so a person can query the file with `sqlite3` (cut at a NUL, if a
/// text has one: only the JSON is exact). `current_note` shows
/// every note as it stands now (last edit, last move, deleted or not).
enum SessionSchema {
    /// `PRAGMA application_id` of every Gavel session file: "GAVL" in ASCII.
    static let applicationID: Int32 = 0x4741_564C
    /// Kept in `PRAGMA user_version`; raised with every migration that older gavels cannot read.
    static let version = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-and-drafts") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,   -- the order events were recorded in
                    at REAL NOT NULL,         -- when it happened, Unix seconds
                    kind TEXT NOT NULL,       -- SessionEvent.Action.name
                    slot TEXT,
                    topic TEXT,
                    note TEXT,                -- the note id, for note events
                    text TEXT,                -- the note text, for added and edited notes
                    author TEXT,              -- who added the note
                    seconds INTEGER,          -- adjust: seconds given (+) or taken (-)
                    cause TEXT,               -- endSlot: chair, lastTopic or timeUp
                    undo INTEGER,             -- 1 when an edit or move takes back an earlier one
                    json TEXT NOT NULL        -- the event itself, as the engine reads it
                );
                CREATE INDEX event_note ON event(note) WHERE note IS NOT NULL;

                CREATE TABLE draft (
                    author TEXT PRIMARY KEY,  -- whose note line this is
                    text TEXT NOT NULL,       -- the unfinished line
                    saved_at REAL NOT NULL    -- Unix seconds
                );

                CREATE VIEW current_note AS
                SELECT a.note AS id,
                       datetime(a.at, 'unixepoch', 'localtime') AS added,
                       COALESCE((SELECT m.slot FROM event m WHERE m.note = a.note AND m.kind = 'noteMoved'
                                 ORDER BY m.id DESC LIMIT 1), a.slot) AS slot,
                       COALESCE((SELECT m.topic FROM event m WHERE m.note = a.note AND m.kind = 'noteMoved'
                                 ORDER BY m.id DESC LIMIT 1), a.topic) AS topic,
                       a.author AS author,
                       COALESCE((SELECT e.text FROM event e WHERE e.note = a.note AND e.kind = 'noteEdited'
                                 ORDER BY e.id DESC LIMIT 1), a.text) AS text,
                       COALESCE((SELECT d.kind = 'noteDeleted' FROM event d
                                 WHERE d.note = a.note AND d.kind IN ('noteDeleted', 'noteRestored')
                                 ORDER BY d.id DESC LIMIT 1), 0) AS deleted
                FROM event a
                WHERE a.kind = 'noteAdded'
                  AND a.id = (SELECT MIN(f.id) FROM event f WHERE f.note = a.note AND f.kind = 'noteAdded');

                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = 1;
                """)
        }
        // GRDB binds and reads text as C strings, so a NUL cut the draft short. The exact line is
        // now kept as JSON (NUL becomes \u0000), as events always were; `text` stays for readers.
        migrator.registerMigration("v2-draft-json") { db in
            try db.execute(sql: """
                ALTER TABLE draft ADD COLUMN json TEXT;  -- the line exactly, a JSON string
                PRAGMA user_version = 2;
                """)
        }
        return migrator
    }
}
