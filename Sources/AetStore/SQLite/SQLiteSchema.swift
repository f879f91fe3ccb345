import GRDB

/// The SQLite schema, as GRDB migrations. A shipped migration is never edited: add a new one.
///
/// The log (`event_streams`, `event_types`, `events`) is the source of truth; everything else is a
/// projection that `rebuild` recreates from it (docs/event-store.md).
enum SQLiteSchema {
    /// Projection tables, emptied and refilled by `rebuild`.
    static let projectionTables = ["tickets", "event_counts"]

    /// The index `aet status` and the DLQ commands query; `rebuild` drops and recreates it.
    static let ticketsByStatusIndex = "CREATE INDEX tickets_by_status ON tickets(status, priority DESC, id)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE event_streams (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        version INTEGER NOT NULL,
                        head_hash BLOB NOT NULL
                    );
                    CREATE TABLE event_types (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE events (
                        stream_id INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        type_id INTEGER NOT NULL,
                        schema_version INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        idempotency_key TEXT,
                        payload BLOB NOT NULL,
                        metadata BLOB NOT NULL,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (stream_id, version)
                    ) WITHOUT ROWID;
                    CREATE UNIQUE INDEX events_by_position ON events(position);
                    CREATE UNIQUE INDEX events_by_idempotency_key ON events(idempotency_key)
                        WHERE idempotency_key IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v1-projections") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tickets (
                        id INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        mode TEXT NOT NULL,
                        priority INTEGER NOT NULL,
                        dependencies TEXT NOT NULL,
                        base_branch TEXT NOT NULL,
                        status TEXT NOT NULL,
                        current_stage TEXT,
                        reworks INTEGER NOT NULL,
                        attempt INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        last_position INTEGER NOT NULL,
                        tokens_in INTEGER NOT NULL,
                        tokens_out INTEGER NOT NULL,
                        cost_micros INTEGER NOT NULL,
                        runs_unknown_cost INTEGER NOT NULL,
                        last_error TEXT,
                        security_violations INTEGER NOT NULL,
                        dlq_stage TEXT,
                        dlq_reason TEXT,
                        dlq_attempts INTEGER,
                        dlq_at INTEGER,
                        dlq_position INTEGER,
                        stages BLOB NOT NULL,
                        runs BLOB NOT NULL
                    );
                    \(ticketsByStatusIndex);
                    CREATE TABLE event_counts (
                        type_name TEXT PRIMARY KEY,
                        count INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
