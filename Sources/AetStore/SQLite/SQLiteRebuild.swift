import AetCore
import GRDB

/// `aet rebuild`: empties the projections and replays the whole log into them, in the caller's transaction.
struct SQLiteRebuild: ReplayVisitor {
    private let db: Database
    private(set) var events = 0
    private(set) var streams = 0
    private(set) var tickets = 0
    private var state: TicketState?
    private var counts: [Int64: Int] = [:]

    static func run(_ db: Database) throws -> (events: Int, streams: Int, tickets: Int) {
        for table in SQLiteSchema.projectionTables { try db.execute(sql: "DELETE FROM \(table)") }
        // Building the index once at the end is cheaper than maintaining it row by row.
        try db.execute(sql: "DROP INDEX IF EXISTS tickets_by_status")
        let replay = try SQLiteReplay(db)
        var rebuild = SQLiteRebuild(db: db)
        try replay.walk(&rebuild, withIntegrityColumns: false)
        try db.execute(sql: SQLiteSchema.ticketsByStatusIndex)
        var insert = try RawStatement(db, sql: "INSERT INTO event_counts (type_name, count) VALUES (?, ?)")
        for (type, count) in rebuild.counts {
            insert.bind(replay.typeNames[type] ?? "#\(type)")
            insert.bind(count)
            try insert.execute()
        }
        return (rebuild.events, rebuild.streams, rebuild.tickets)
    }

    private init(db: Database) { self.db = db }

    mutating func event(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ event: DomainEvent?) throws {
        events += 1
        counts[row.typeID, default: 0] += 1
        guard stream.ticket != nil, let event else { return }
        TicketReducer.apply(event, context: row.context, to: &state)
    }

    func undecodable(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ reason: String) throws {
        throw StoreError.corrupted(
            "event at position \(row.position) (\(stream.name) version \(row.version)) cannot be decoded: run aet verify-state.",
            detail: reason)
    }

    mutating func streamEnd(_ stream: SQLiteReplay.Stream) throws {
        streams += 1
        if let finished = state {
            try TicketTable.save(finished, previous: nil, db)
            tickets += 1
        }
        state = nil
    }

    mutating func emptyStream(_ stream: SQLiteReplay.Stream) throws { streams += 1 }

    func orphan(streamID: Int64, position: Int64) throws {
        throw StoreError.corrupted("event at position \(position) belongs to no stream: run aet verify-state.")
    }
}
