import AetCore
import GRDB

/// `aet verify-state`: checks every stream's version sequence and hash chain, the stream headers,
/// global positions, and diffs a replay of the log against the stored projections.
struct SQLiteVerifier: ReplayVisitor {
    private let db: Database
    private let maxProblems: Int
    private(set) var problems: [VerificationProblem] = []
    private(set) var problemCount = 0
    private(set) var events = 0
    private(set) var streams = 0
    private(set) var tickets = 0
    private var typeNames: [Int64: String] = [:]
    private var hasher = EventHasher()
    private var expectedVersion: Int64 = 1
    private var previousHash = EventHasher.genesis
    private var state: TicketState?
    private var counts: [Int64: Int] = [:]

    init(_ db: Database, maxProblems: Int) {
        self.db = db
        self.maxProblems = maxProblems
    }

    mutating func run() throws {
        let replay = try SQLiteReplay(db)
        typeNames = replay.typeNames
        try replay.walk(&self, withIntegrityColumns: true)
        try checkPositions()
        try checkProjectionExtras()
        try compareCounts(Dictionary(uniqueKeysWithValues: counts.map { (typeNames[$0.key] ?? "#\($0.key)", $0.value) }))
    }

    // MARK: The walk

    mutating func event(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ event: DomainEvent?) throws {
        events += 1
        counts[row.typeID, default: 0] += 1
        if row.version != expectedVersion {
            report(.versionGap, stream.name, row.position, row.version,
                "expected version \(expectedVersion) but found \(row.version): an event is missing or out of order")
        }
        expectedVersion = row.version + 1
        let digest = previousHash.withUnsafeBytes { previous in
            hasher.hash(
                previous: previous, position: row.position, stream: stream.name.rawValue, version: row.version,
                typeName: typeNames[row.typeID] ?? "", schemaVersion: row.schemaVersion, recordedAt: row.recordedAt,
                idempotencyKey: row.idempotencyKey, payload: row.payload, metadata: row.metadata)
        }
        if !digest.matches(row.hash) {
            report(.hashMismatch, stream.name, row.position, row.version,
                "the stored hash does not match the event's contents and its predecessor: the event or the one before it was changed")
        }
        previousHash.replaceSubrange(0..<previousHash.count, with: row.hash)
        if stream.ticket != nil, let event { TicketReducer.apply(event, context: row.context, to: &state) }
    }

    mutating func undecodable(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ reason: String) throws {
        report(.undecodable, stream.name, row.position, row.version, reason)
    }

    mutating func streamEnd(_ stream: SQLiteReplay.Stream) throws {
        streams += 1
        if stream.headVersion != expectedVersion - 1 || stream.headHash != previousHash {
            report(.streamHead, stream.name, nil, stream.headVersion,
                "the stream header says version \(stream.headVersion) but the last stored event is version \(expectedVersion - 1) (or its hash differs): events were deleted or added behind aet's back")
        }
        if let ticket = stream.ticket { try compare(ticket, replayed: state, stream: stream.name) }
        expectedVersion = 1
        previousHash = EventHasher.genesis
        state = nil
    }

    mutating func emptyStream(_ stream: SQLiteReplay.Stream) throws {
        streams += 1
        report(.streamHead, stream.name, nil, stream.headVersion, "the stream header says version \(stream.headVersion) but the stream has no events")
        if let ticket = stream.ticket { try compare(ticket, replayed: nil, stream: stream.name) }
    }

    mutating func orphan(streamID: Int64, position: Int64) throws {
        report(.orphanEvent, nil, position, nil, "the event belongs to no stream in event_streams")
    }

    // MARK: Checks

    private mutating func compare(_ ticket: TicketID, replayed: TicketState?, stream: StreamID) throws {
        let stored = try TicketTable.load(ticket, db)
        if replayed != nil { tickets += 1 }
        switch (replayed, stored) {
        case (nil, nil): return
        case (.some, nil):
            report(.projectionMissing, stream, nil, nil, "the tickets projection has no row for \(ticket)")
        case (nil, .some):
            report(.projectionExtra, stream, nil, nil, "the tickets projection has a row for \(ticket) but its stream creates no ticket")
        case (let replayed?, let stored?) where replayed != stored:
            let fields = ProjectionDiff.differences(stored: stored, replayed: replayed)
            report(.projectionMismatch, stream, replayed.lastPosition, replayed.version,
                "the projection of \(ticket) differs from a replay of its events: \(fields.joined(separator: "; "))")
        default: return
        }
    }

    private mutating func checkPositions() throws {
        let totals = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM events")
        let count: Int64 = totals?[0] ?? 0
        let maxPosition: Int64 = totals?[1] ?? 0
        if count != maxPosition {
            report(.positionGap, nil, nil, nil,
                "the log holds \(count) events but its last position is \(maxPosition): \(maxPosition - count) events were deleted")
        }
    }

    private mutating func checkProjectionExtras() throws {
        let storedTickets = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets") ?? 0
        if storedTickets != tickets {
            let extras = try Int.fetchAll(
                db,
                sql: """
                    SELECT id FROM tickets t WHERE NOT EXISTS
                        (SELECT 1 FROM event_streams s WHERE s.name = 'ticket/T-' || t.id) ORDER BY id LIMIT 100
                    """)
            for id in extras where id > 0 {
                report(.projectionExtra, .ticket(TicketID(id)), nil, nil, "the tickets projection has a row for T-\(id) but the log has no such ticket")
            }
        }
    }

    private mutating func compareCounts(_ replayed: [String: Int]) throws {
        var stored: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT type_name, count FROM event_counts") {
            stored[row[0]] = row[1]
        }
        for type in Set(replayed.keys).union(stored.keys).sorted() where replayed[type] != stored[type] {
            report(.counterMismatch, nil, nil, nil,
                "event_counts says \(stored[type] ?? 0) events of type \(type.prefix(60)) but the log holds \(replayed[type] ?? 0)")
        }
    }

    private mutating func report(
        _ kind: VerificationProblem.Kind, _ stream: StreamID?, _ position: Int64, _ version: Int64?, _ message: String
    ) {
        report(kind, stream, EventPosition(position), version, message)
    }

    private mutating func report(
        _ kind: VerificationProblem.Kind, _ stream: StreamID?, _ position: EventPosition?, _ version: Int64?, _ message: String
    ) {
        problemCount += 1
        if problems.count < maxProblems {
            problems.append(VerificationProblem(kind: kind, stream: stream, position: position, version: version, message: message))
        }
    }
}
