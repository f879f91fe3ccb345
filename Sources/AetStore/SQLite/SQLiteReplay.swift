import AetCore
import GRDB

/// Walks the whole log stream by stream (the `events` table's clustered order), merging in the
/// stream headers: constant memory whatever the log's size.
///
/// Replaying by stream equals replaying in global order because every projection row is a
/// function of one stream, and the per-type counters are sums (docs/event-store.md).
struct SQLiteReplay {
    /// One event row; its blobs are valid only during the callback.
    struct Row {
        var version: Int64
        var position: Int64
        var typeID: Int64
        var schemaVersion: Int
        var recordedAt: Int64
        var payload: UnsafeRawBufferPointer
        var idempotencyKey: String?
        var metadata: UnsafeRawBufferPointer
        var hash: UnsafeRawBufferPointer

        var context: EventContext {
            EventContext(
                position: EventPosition(position), version: version, recordedAt: Timestamp(microseconds: recordedAt))
        }
    }

    /// One stream as its header row describes it.
    struct Stream {
        var id: Int64
        var name: StreamID
        var ticket: TicketID?
        var headVersion: Int64
        var headHash: [UInt8]
    }

    private static let fullScanSQL = """
        SELECT stream_id, version, position, type_id, schema_version, recorded_at, payload,
               idempotency_key, metadata, hash
        FROM events WHERE stream_id BETWEEN ? AND ? ORDER BY stream_id, version
        """
    private static let projectionScanSQL = """
        SELECT stream_id, version, position, type_id, schema_version, recorded_at, payload
        FROM events WHERE stream_id BETWEEN ? AND ? ORDER BY stream_id, version
        """
    private static let headersSQL =
        "SELECT id, name, version, head_hash FROM event_streams WHERE id BETWEEN ? AND ? ORDER BY id"

    /// The whole range of stream ids.
    static let allStreams: ClosedRange<Int64> = Int64.min...Int64.max

    /// The stored type names by id.
    let typeNames: [Int64: String]
    /// The stored types by id, resolved once.
    let types: TypeTable
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        let statement = try RawStatement(db, sql: "SELECT id, name FROM event_types")
        var names: [Int64: String] = [:]
        while try statement.step() { names[statement.int64(0)] = statement.string(1) }
        typeNames = names
        types = TypeTable(names)
    }

    /// The stored event types, indexed by id without hashing (ids are small and dense).
    struct TypeTable: Sendable {
        private let decoders: [PayloadDecoder?]
        private let sparse: [Int64: PayloadDecoder]

        init(_ names: [Int64: String]) {
            let dense = names.keys.allSatisfy { $0 >= 0 && $0 < 4096 }
            var decoders: [PayloadDecoder?] = []
            var sparse: [Int64: PayloadDecoder] = [:]
            if dense {
                decoders = Array(repeating: nil, count: Int(names.keys.max() ?? -1) + 1)
                for (id, name) in names { decoders[Int(id)] = PayloadDecoder(typeName: name) }
            } else {
                for (id, name) in names { sparse[id] = PayloadDecoder(typeName: name) }
            }
            self.decoders = decoders
            self.sparse = sparse
        }

        /// The decoder of a type id, nil when event_types has no such id.
        @inline(__always)
        subscript(id: Int64) -> PayloadDecoder? {
            if id >= 0 && id < Int64(decoders.count) { return decoders[Int(id)] }
            return sparse.isEmpty ? nil : sparse[id]
        }

        /// The number of slots for per-type counters indexed by ``slot(_:)``.
        var slotCount: Int { decoders.count }

        /// A dense counter slot for `id`, or nil when it has none.
        @inline(__always)
        func slot(_ id: Int64) -> Int? { id >= 0 && id < Int64(decoders.count) ? Int(id) : nil }
    }

    /// Walks every event.
    /// - Parameters:
    ///   - visitor: Receives the events and anomalies.
    ///   - withIntegrityColumns: Whether rows carry the idempotency key, metadata and hash (verify
    ///     needs them; rebuild reads less without them).
    ///   - streams: The stream ids to walk (partitions of the log are independent).
    func walk<Visitor: ReplayVisitor>(
        _ visitor: inout Visitor, withIntegrityColumns: Bool, streams: ClosedRange<Int64> = allStreams
    ) throws {
        var events = try RawStatement(db, sql: withIntegrityColumns ? Self.fullScanSQL : Self.projectionScanSQL)
        var headers = try RawStatement(db, sql: Self.headersSQL)
        events.bind(streams.lowerBound)
        events.bind(streams.upperBound)
        headers.bind(streams.lowerBound)
        headers.bind(streams.upperBound)
        let types = self.types
        defer {
            events.reset()
            headers.reset()
        }
        var header = try headers.step() ? Self.stream(headers) : nil
        var current: Stream?
        var currentID: Int64 = .min
        while try events.step() {
            let streamID = events.int64(0)
            if streamID != currentID {
                if let finished = current { try visitor.streamEnd(finished) }
                currentID = streamID
                while let pending = header, pending.id < streamID {
                    try visitor.emptyStream(pending)
                    header = try headers.step() ? Self.stream(headers) : nil
                }
                if let matching = header, matching.id == streamID {
                    current = matching
                    header = try headers.step() ? Self.stream(headers) : nil
                } else {
                    current = nil
                }
            }
            guard let stream = current else {
                try visitor.orphan(streamID: streamID, position: events.int64(2))
                continue
            }
            let row = Row(
                version: events.int64(1), position: events.int64(2), typeID: events.int64(3),
                schemaVersion: events.int(4), recordedAt: events.int64(5), payload: events.blob(6),
                idempotencyKey: withIntegrityColumns ? events.optionalString(7) : nil,
                metadata: withIntegrityColumns ? events.blob(8) : UnsafeRawBufferPointer(start: nil, count: 0),
                hash: withIntegrityColumns ? events.blob(9) : UnsafeRawBufferPointer(start: nil, count: 0))
            let event: DomainEvent?
            do throws(EventDecodingError) {
                guard let decoder = types[row.typeID] else {
                    throw EventDecodingError(typeName: "#\(row.typeID)", reason: "no such type id in event_types")
                }
                event = try decoder.decode(schemaVersion: row.schemaVersion, payload: row.payload)
            } catch {
                try visitor.undecodable(stream, row, error.description)
                event = nil
            }
            try visitor.event(stream, row, event)
        }
        if let finished = current { try visitor.streamEnd(finished) }
        while let pending = header {
            try visitor.emptyStream(pending)
            header = try headers.step() ? Self.stream(headers) : nil
        }
    }

    private static func stream(_ row: RawStatement) -> Stream {
        let name = StreamID(rawValue: row.string(1))
        return Stream(
            id: row.int64(0), name: name, ticket: name.ticketID, headVersion: row.int64(2), headHash: Array(row.blob(3))
        )
    }
}

/// What a walk over the log reports.
protocol ReplayVisitor {
    /// An event of `stream`, decoded (nil when undecodable, after ``undecodable(_:_:_:)`` was called).
    mutating func event(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ event: DomainEvent?) throws
    /// An event this aet cannot decode.
    mutating func undecodable(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ reason: String) throws
    /// After the last event of a stream that has events.
    mutating func streamEnd(_ stream: SQLiteReplay.Stream) throws
    /// A stream header with no events.
    mutating func emptyStream(_ stream: SQLiteReplay.Stream) throws
    /// An event whose stream header is missing.
    mutating func orphan(streamID: Int64, position: Int64) throws
}
