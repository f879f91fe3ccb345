import AetCore
import GRDB

/// Reads stored events back as ``RecordedEvent`` values.
enum SQLiteEventReader {
    private static let columns = """
        e.position, s.name, e.version, t.name, e.schema_version, e.recorded_at, e.idempotency_key,
        e.payload, e.metadata, e.hash
        """
    private static let joins =
        "events e JOIN event_streams s ON s.id = e.stream_id JOIN event_types t ON t.id = e.type_id"

    static func event(idempotencyKey key: String, _ db: Database) throws -> RecordedEvent? {
        var statement = try RawStatement(db, sql: "SELECT \(columns) FROM \(joins) WHERE e.idempotency_key = ?")
        statement.bind(key)
        defer { statement.reset() }
        return try statement.step() ? decode(statement) : nil
    }

    static func readAll(
        after position: EventPosition, limit: Int?, _ db: Database, _ body: (RecordedEvent) throws -> Void
    ) throws {
        var statement = try RawStatement(
            db, sql: "SELECT \(columns) FROM \(joins) WHERE e.position > ? ORDER BY e.position LIMIT ?")
        statement.bind(position.rawValue)
        statement.bind(Int64(limit ?? -1))
        defer { statement.reset() }
        while try statement.step() { try body(decode(statement)) }
    }

    static func readStream(_ stream: StreamID, _ db: Database) throws -> [RecordedEvent] {
        var statement = try RawStatement(db, sql: "SELECT \(columns) FROM \(joins) WHERE s.name = ? ORDER BY e.version")
        statement.bind(stream.rawValue)
        defer { statement.reset() }
        var events: [RecordedEvent] = []
        while try statement.step() { events.append(decode(statement)) }
        return events
    }

    private static func decode(_ row: RawStatement) -> RecordedEvent {
        RecordedEvent(
            position: EventPosition(row.int64(0)), stream: StreamID(rawValue: row.string(1)), version: row.int64(2),
            typeName: row.string(3), schemaVersion: row.int(4), recordedAt: Timestamp(microseconds: row.int64(5)),
            idempotencyKey: row.optionalString(6), payload: Array(row.blob(7)), metadata: Array(row.blob(8)),
            hash: Array(row.blob(9)))
    }
}
