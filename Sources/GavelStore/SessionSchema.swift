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
    static let version = 5

    /// The kinds of the note events (`SessionEvent.Action.isNoteAction`), and those besides additions.
    static let noteKinds = ["noteAdded", "noteEdited", "noteDeleted", "noteRestored", "noteMoved"]
    static let noteChangeKinds = noteKinds.filter { $0 != "noteAdded" }
    /// The events that are not about notes, spelled the same in the index and in the query that
    /// uses it (SQLite uses a partial index only for a condition it can match to the index's).
    static let steeringCondition = "kind NOT IN (" + noteKinds.map { "'\($0)'" }.joined(separator: ", ") + ")"

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
        // Events name who recorded them and in which role; drafts belong to a running view (two
        // views under one author no longer share a line) and keep a note being edited; the
        // session keeps facts of its own, such as the time zone it was made in.
        migrator.registerMigration("v3-authors-and-view-drafts") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,       -- timezone: the zone times without one are read in
                    value TEXT NOT NULL
                );
                ALTER TABLE event ADD COLUMN role TEXT;  -- chair, notes, remote, shell: who could do what
                CREATE TABLE view_draft (
                    instance TEXT PRIMARY KEY,  -- a random id of the running view
                    author TEXT NOT NULL,
                    role TEXT NOT NULL,         -- '' for drafts kept before views had roles
                    terminal TEXT NOT NULL,     -- the view's terminal device, '' when unknown
                    process TEXT NOT NULL,      -- pid:start:boot of the view's process
                    json TEXT NOT NULL,         -- the line, and the note being edited in it
                    saved_at REAL NOT NULL      -- Unix seconds
                );
                INSERT INTO view_draft (instance, author, role, terminal, process, json, saved_at)
                SELECT 'legacy-' || author, author, '', '', '', json_object('line', COALESCE(json_extract(json, '$'), text)), saved_at
                FROM draft;
                DROP TABLE draft;
                PRAGMA user_version = 3;
                """)
        }
        // The web companion (GavelWeb): one secret token per link role, the servers running on the
        // session (so `gavel links` prints their addresses), and which page may edit a web note.
        migrator.registerMigration("v3-web-links") { db in
            try db.execute(sql: """
                CREATE TABLE web_link (
                    role TEXT PRIMARY KEY,    -- speaker, notes, remote or feed
                    token TEXT NOT NULL,      -- 128 random bits in base32: the link's secret
                    created_at REAL NOT NULL  -- Unix seconds; `gavel links --renew` replaces them all
                );
                CREATE TABLE web_server (
                    pid INTEGER PRIMARY KEY,  -- the gavel process serving the pages
                    urls TEXT NOT NULL,       -- JSON list of the base URLs it listens on
                    started_at REAL NOT NULL  -- Unix seconds
                );
                CREATE TABLE web_note_writer (
                    note TEXT PRIMARY KEY,    -- a note added from a notes page
                    writer TEXT NOT NULL      -- that page's own secret: only it edits or deletes the note
                );
                PRAGMA user_version = 4;
                """)
        }
        // A view's first frame on a long day: the events that steer the timers and every note
        // change besides additions are found through `event_steering` and `event_kind_topic`,
        // and the notes of the topic shown through the latter, without the day's other notes
        // (see `SessionStore.firstFrameEvents`).
        migrator.registerMigration("v5-first-frame") { db in
            try db.execute(sql: """
                CREATE INDEX event_steering ON event(id) WHERE \(steeringCondition);
                CREATE INDEX event_kind_topic ON event(kind, topic);
                PRAGMA user_version = 5;
                """)
        }
        return migrator
    }
}
