import AetCore
import GRDB

/// One write transaction's appends: checks, hashes and inserts events, and keeps the projections
/// in step through a write-back cache flushed by ``finish()`` before the transaction commits.
struct SQLiteAppendSession {
    private struct StreamHead {
        var id: Int64
        var version: Int64
        var hash: [UInt8]
        var isNew: Bool
        var isDirty: Bool
    }

    private let db: Database
    private let now: Timestamp
    private var hasher = EventHasher()
    private var heads: [String: StreamHead] = [:]
    private var typeIDs: [String: Int64] = [:]
    private var nextPosition: Int64
    private var tickets: [TicketID: (previous: TicketState?, current: TicketState?)] = [:]
    private var counts: [String: Int] = [:]
    private var insertEvent: RawStatement
    private var loadTicket: RawStatement?
    private var selectStream: RawStatement?
    /// The id the next new stream gets, once looked up.
    private var nextStreamID: Int64?

    /// The largest idempotency key accepted, in UTF-8 bytes.
    static let maxIdempotencyKeyBytes = 200

    init(_ db: Database, now: Timestamp) throws {
        self.db = db
        self.now = now
        var last = try RawStatement(db, sql: "SELECT COALESCE(MAX(position), 0) FROM events")
        _ = try last.step()
        nextPosition = last.int64(0) + 1
        last.reset()
        insertEvent = try RawStatement(
            db,
            sql: """
                INSERT INTO events (stream_id, version, position, type_id, schema_version, recorded_at,
                    idempotency_key, payload, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    mutating func append(_ request: AppendRequest) throws -> AppendResult {
        try validate(request)
        if let duplicate = try existingEvents(for: request) {
            return AppendResult(events: duplicate, wasDuplicate: true)
        }
        var head = try streamHead(request.stream)
        switch request.expectedVersion {
        case .any: break
        case .noStream where head.version == 0: break
        case .exact(let version) where version == head.version: break
        default:
            throw StoreError.versionConflict(
                stream: request.stream, expected: request.expectedVersion, actual: head.version)
        }
        var recorded: [RecordedEvent] = []
        recorded.reserveCapacity(request.events.count)
        let ticket = request.stream.ticketID
        for item in request.events {
            let event = try insert(item, stream: request.stream, head: &head)
            try project(item.event, event, ticket: ticket)
            recorded.append(event)
        }
        head.isDirty = true
        if head.isNew, let next = nextStreamID, head.id >= next { nextStreamID = head.id + 1 }
        heads[request.stream.rawValue] = head
        return AppendResult(events: recorded, wasDuplicate: false)
    }

    /// Writes the cached projections and stream heads. Call once, before commit.
    mutating func finish() throws {
        var insertTicket: RawStatement?
        for (_, entry) in tickets {
            guard let current = entry.current else { continue }
            if let previous = entry.previous, previous == current { continue }
            if insertTicket == nil { insertTicket = try TicketTable.insertStatement(db) }
            try TicketTable.insert(TicketTable.Row(current), using: &insertTicket!)
        }
        var count = try RawStatement(
            db,
            sql:
                "INSERT INTO event_counts (type_name, count) VALUES (?, ?) ON CONFLICT(type_name) DO UPDATE SET count = count + excluded.count"
        )
        for (type, value) in counts {
            count.bind(type)
            count.bind(value)
            try count.execute()
        }
        var insertStream = try RawStatement(
            db, sql: "INSERT INTO event_streams (id, name, version, head_hash) VALUES (?, ?, ?, ?)")
        var updateStream = try RawStatement(db, sql: "UPDATE event_streams SET version = ?, head_hash = ? WHERE id = ?")
        for (name, head) in heads where head.isDirty {
            if head.isNew {
                insertStream.bind(head.id)
                insertStream.bind(name)
                insertStream.bind(head.version)
                insertStream.bind(blob: head.hash)
                try insertStream.execute()
            } else {
                updateStream.bind(head.version)
                updateStream.bind(blob: head.hash)
                updateStream.bind(head.id)
                try updateStream.execute()
            }
        }
    }

    // MARK: Steps

    private func validate(_ request: AppendRequest) throws {
        guard !request.events.isEmpty else {
            throw StoreError.invalidAppend("an append to \(request.stream) has no events.")
        }
        let name = request.stream.rawValue
        guard !name.isEmpty, name.utf8.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw StoreError.invalidAppend("stream names must be 1 to 200 bytes without control characters.")
        }
        var keys = Set<String>()
        for item in request.events {
            if case .ticketCreated(let created) = item.event, StreamID.ticket(created.ticket) != request.stream {
                throw StoreError.invalidAppend(
                    "ticket.created for \(created.ticket) can only be appended to \(StreamID.ticket(created.ticket)).")
            }
            guard let key = item.idempotencyKey else { continue }
            guard !key.isEmpty, key.utf8.count <= Self.maxIdempotencyKeyBytes else {
                throw StoreError.invalidAppend("idempotency keys must be 1 to \(Self.maxIdempotencyKeyBytes) bytes.")
            }
            guard keys.insert(key).inserted else {
                throw StoreError.invalidAppend("an append to \(request.stream) uses the same idempotency key twice.")
            }
        }
    }

    /// The stored events when every event's key is already in the log; nil when none is.
    private func existingEvents(for request: AppendRequest) throws -> [RecordedEvent]? {
        let keys = request.events.compactMap(\.idempotencyKey)
        guard !keys.isEmpty else { return nil }
        var found: [RecordedEvent] = []
        for key in keys {
            if let event = try SQLiteEventReader.event(idempotencyKey: key, db) { found.append(event) }
        }
        if found.isEmpty { return nil }
        guard found.count == request.events.count else { throw StoreError.idempotencyMismatch(stream: request.stream) }
        return found
    }

    private mutating func streamHead(_ stream: StreamID) throws -> StreamHead {
        if let head = heads[stream.rawValue] { return head }
        if selectStream == nil {
            selectStream = try RawStatement(db, sql: "SELECT id, version, head_hash FROM event_streams WHERE name = ?")
        }
        selectStream!.bind(stream.rawValue)
        defer { selectStream!.reset() }
        if try selectStream!.step() {
            let select = selectStream!
            return StreamHead(
                id: select.int64(0), version: select.int64(1), hash: Array(select.blob(2)), isNew: false, isDirty: false
            )
        }
        // New streams take ids after the largest stored one; heads of new streams are only cached
        // once their append succeeded, so a failed append's id is reused, as before.
        if nextStreamID == nil {
            var next = try RawStatement(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event_streams")
            _ = try next.step()
            nextStreamID = next.int64(0) + 1
            next.reset()
        }
        let id = nextStreamID!
        return StreamHead(id: id, version: 0, hash: EventHasher.genesis, isNew: true, isDirty: false)
    }

    private mutating func typeID(_ name: String) throws -> Int64 {
        if let id = typeIDs[name] { return id }
        var select = try RawStatement(db, sql: "SELECT id FROM event_types WHERE name = ?")
        select.bind(name)
        let id: Int64
        if try select.step() {
            id = select.int64(0)
            select.reset()
        } else {
            select.reset()
            var insert = try RawStatement(db, sql: "INSERT INTO event_types (name) VALUES (?)")
            insert.bind(name)
            try insert.execute()
            id = db.lastInsertedRowID
        }
        typeIDs[name] = id
        return id
    }

    private mutating func insert(_ item: EventToAppend, stream: StreamID, head: inout StreamHead) throws
        -> RecordedEvent
    {
        let typeName = item.event.typeName
        let payload = item.event.encodedPayload()
        let metadata = item.metadata.encoded()
        let position = nextPosition
        let version = head.version + 1
        let digest = head.hash.withUnsafeBytes { previous in
            payload.withUnsafeBytes { payloadBytes in
                metadata.withUnsafeBytes { metadataBytes in
                    hasher.hash(
                        previous: previous, position: position, stream: stream.rawValue, version: version,
                        typeName: typeName, schemaVersion: item.event.schemaVersion, recordedAt: now.microseconds,
                        idempotencyKey: item.idempotencyKey, payload: payloadBytes, metadata: metadataBytes)
                }
            }
        }
        let hash = digest.bytes
        let typeID = try typeID(typeName)
        var insert = insertEvent
        insert.bind(head.id)
        insert.bind(version)
        insert.bind(position)
        insert.bind(typeID)
        insert.bind(item.event.schemaVersion)
        insert.bind(now.microseconds)
        insert.bind(item.idempotencyKey)
        insert.bind(blob: payload)
        insert.bind(blob: metadata)
        insert.bind(blob: hash)
        try insert.execute()
        nextPosition += 1
        head.version = version
        head.hash = hash
        return RecordedEvent(
            position: EventPosition(position), stream: stream, version: version, typeName: typeName,
            schemaVersion: item.event.schemaVersion, recordedAt: now, idempotencyKey: item.idempotencyKey,
            payload: payload, metadata: metadata, hash: hash)
    }

    private mutating func project(_ event: DomainEvent, _ recorded: RecordedEvent, ticket: TicketID?) throws {
        counts[recorded.typeName, default: 0] += 1
        guard let ticket else { return }
        if tickets[ticket] == nil {
            if loadTicket == nil { loadTicket = try TicketTable.loadStatement(db) }
            let stored = try TicketTable.load(ticket, using: &loadTicket!)
            tickets[ticket] = (stored, stored)
        }
        TicketReducer.apply(event, context: recorded.context, to: &tickets[ticket, default: (nil, nil)].current)
    }
}
