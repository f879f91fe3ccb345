import AetCore
import GRDB

/// Walks the whole log stream by stream (the `events` table's clustered order), reducing each
/// ticket stream's events into its state: constant memory whatever the log's size.
///
/// Replaying by stream equals replaying in global order because every projection row is a
/// function of one stream, and the per-type counters are sums (docs/event-store.md).
struct SQLiteReplay {
    /// One event row, its blobs valid only during the callback.
    struct Row {
        var streamID: Int64
        var version: Int64
        var position: Int64
        var typeName: String
        var schemaVersion: Int
        var recordedAt: Int64
        var idempotencyKey: String?
        var payload: UnsafeRawBufferPointer
        var metadata: UnsafeRawBufferPointer
        var hash: UnsafeRawBufferPointer
    }

    /// One stream as the log's header table describes it.
    struct Stream {
        var id: Int64
        var name: StreamID
        var ticket: TicketID?
        var headVersion: Int64
        var headHash: [UInt8]
    }

    private static let scanSQL = """
        SELECT e.stream_id, s.name, s.version, s.head_hash, e.version, e.position, e.type_id, e.schema_version,
               e.recorded_at, e.idempotency_key, e.payload, e.metadata, e.hash
        FROM events e JOIN event_streams s ON s.id = e.stream_id
        ORDER BY e.stream_id, e.version
        """

    /// The stored type names by id.
    static func typeNames(_ db: Database) throws -> [Int64: String] {
        let statement = try RawStatement(db, sql: "SELECT id, name FROM event_types")
        var names: [Int64: String] = [:]
        while try statement.step() { names[statement.int64(0)] = statement.string(1) }
        return names
    }

    /// Calls `onEvent` for each event in stream order, with the decoded event (nil when undecodable,
    /// then `onUndecodable` is told why), and `onStreamEnd` after each stream's last event.
    static func scan(
        _ db: Database,
        onEvent: (Stream, Row, DomainEvent?) throws -> Void,
        onUndecodable: (Stream, Row, String) throws -> Void,
        onStreamEnd: (Stream) throws -> Void
    ) throws {
        let types = try typeNames(db)
        var statement = try RawStatement(db, sql: scanSQL)
        defer { statement.reset() }
        var current: Stream?
        while try statement.step() {
            let streamID = statement.int64(0)
            if current?.id != streamID {
                if let finished = current { try onStreamEnd(finished) }
                let name = StreamID(rawValue: statement.string(1))
                current = Stream(
                    id: streamID, name: name, ticket: name.ticketID, headVersion: statement.int64(2),
                    headHash: Array(statement.blob(3)))
            }
            guard let stream = current else { continue }
            let typeID = statement.int64(6)
            let row = Row(
                streamID: streamID, version: statement.int64(4), position: statement.int64(5),
                typeName: types[typeID] ?? "#\(typeID)", schemaVersion: statement.int(7),
                recordedAt: statement.int64(8), idempotencyKey: statement.optionalString(9),
                payload: statement.blob(10), metadata: statement.blob(11), hash: statement.blob(12))
            do {
                guard types[typeID] != nil else { throw EventDecodingError(typeName: row.typeName, reason: "no such type id in event_types") }
                let event = try DomainEvent.decode(typeName: row.typeName, schemaVersion: row.schemaVersion, payload: row.payload)
                try onEvent(stream, row, event)
            } catch let error as EventDecodingError {
                try onUndecodable(stream, row, error.description)
                try onEvent(stream, row, nil)
            }
        }
        if let finished = current { try onStreamEnd(finished) }
    }
}

extension SQLiteReplay.Row {
    var context: EventContext {
        EventContext(position: EventPosition(position), version: version, recordedAt: Timestamp(microseconds: recordedAt))
    }
}
