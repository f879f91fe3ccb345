import AetCore
import GRDB

/// `aet rebuild`: empties the projections and replays the whole log into them, in the caller's transaction.
enum SQLiteRebuild {
    static func run(_ db: Database) throws -> (events: Int, streams: Int, tickets: Int) {
        for table in SQLiteSchema.projectionTables { try db.execute(sql: "DELETE FROM \(table)") }
        var events = 0
        var streams = 0
        var tickets = 0
        var state: TicketState?
        var counts: [String: Int] = [:]
        try SQLiteReplay.scan(
            db,
            onEvent: { stream, row, event in
                events += 1
                counts[row.typeName, default: 0] += 1
                guard stream.ticket != nil, let event else { return }
                state = TicketReducer.reduce(state, event, context: row.context)
            },
            onUndecodable: { stream, row, reason in
                throw StoreError.corrupted(
                    "event at position \(row.position) (\(stream.name) version \(row.version)) cannot be decoded: run aet verify-state.",
                    detail: reason)
            },
            onStreamEnd: { _ in
                streams += 1
                if let finished = state {
                    try TicketTable.save(finished, previous: nil, db)
                    tickets += 1
                }
                state = nil
            })
        var insert = try RawStatement(db, sql: "INSERT INTO event_counts (type_name, count) VALUES (?, ?)")
        for (type, count) in counts {
            insert.bind(type)
            insert.bind(count)
            try insert.execute()
        }
        return (events, streams, tickets)
    }
}
