import AetCore
import Dispatch
import GRDB

/// `aet rebuild`: empties the projections and replays the whole log into them, in the caller's transaction.
///
/// On a file store the replay runs on two threads: the log is cut into ranges of streams
/// (``LogPartition``), and a helper thread replays ranges on a read connection of the pool (its
/// snapshot is the one the writer sees: the writer holds the write lock and changes no event),
/// handing finished, encoded ticket rows to the writer's thread, which replays ranges too and
/// writes every row.
enum SQLiteRebuild {
    struct Totals: Sendable {
        var events = 0
        var streams = 0
        var tickets = 0
        var counts = TypeCounts()

        mutating func add(_ other: Totals) {
            events += other.events
            streams += other.streams
            tickets += other.tickets
            counts.add(other.counts)
        }
    }

    /// Rebuilds on `db` alone.
    static func run(_ db: Database) throws -> (events: Int, streams: Int, tickets: Int) {
        try prepare(db)
        return try run(db, prepared: try SQLiteReplay(db))
    }

    /// Rebuilds on `db` (the pool's writer, inside its transaction) with a helper thread reading from `pool`.
    static func run(_ db: Database, pool: DatabasePool) throws -> (events: Int, streams: Int, tickets: Int) {
        try prepare(db)
        let replay = try SQLiteReplay(db)
        let ranges = try LogPartition.ranges(db, count: LogPartition.rangeCount)
        guard ranges.count > 1 else { return try run(db, prepared: replay) }
        let work = WorkQueue(count: ranges.count)
        let channel = BoundedChannel<Message>(capacity: 16)
        let helpers = LogPartition.helperCount
        for _ in 0..<helpers {
            DispatchQueue.global(qos: .userInitiated).async {
                let result = Result<Totals, any Error> {
                    try pool.read { reader in
                        let replay = try SQLiteReplay(reader)
                        var totals = Totals()
                        while let index = work.claim() {
                            var partition = Partition(flushAt: 256) { rows in
                                guard !work.isCancelled else { return }
                                channel.send(.rows(rows))
                            }
                            try replay.walk(&partition, withIntegrityColumns: false, streams: ranges[index])
                            try partition.flush()
                            totals.add(partition.totals)
                        }
                        return totals
                    }
                }
                channel.send(.finished(result))
            }
        }
        var finished = 0
        var failure: (any Error)?
        var totals = Totals()
        var insert = try TicketTable.insertStatement(db)
        func handle(_ message: Message) throws {
            switch message {
            case .rows(let rows):
                if failure == nil { for row in rows { try TicketTable.insert(row, using: &insert) } }
            case .finished(let result):
                finished += 1
                switch result {
                case .success(let helperTotals): totals.add(helperTotals)
                case .failure(let error):
                    failure = failure ?? error
                    work.cancel()
                }
            }
        }
        do {
            // Replay ranges here too, writing this thread's rows and whatever the helper sent.
            while failure == nil, let index = work.claim() {
                var partition = Partition(flushAt: 64) { rows in
                    for row in rows { try TicketTable.insert(row, using: &insert) }
                    while let message = channel.tryReceive() { try handle(message) }
                }
                try replay.walk(&partition, withIntegrityColumns: false, streams: ranges[index])
                try partition.flush()
                totals.add(partition.totals)
            }
        } catch {
            failure = failure ?? error
            work.cancel()
        }
        // Wait for every helper, even after a failure: they use this transaction's snapshot.
        while finished < helpers {
            do { try handle(channel.receive()) } catch {
                failure = failure ?? error
                work.cancel()
            }
        }
        if let failure { throw failure }
        return try finish(db, replay: replay, totals: totals)
    }

    private enum Message: Sendable {
        case rows([TicketTable.Row])
        case finished(Result<Totals, any Error>)
    }

    private static func run(_ db: Database, prepared replay: SQLiteReplay) throws -> (
        events: Int, streams: Int, tickets: Int
    ) {
        var insert = try TicketTable.insertStatement(db)
        var partition = Partition(flushAt: 64) { rows in
            for row in rows { try TicketTable.insert(row, using: &insert) }
        }
        try replay.walk(&partition, withIntegrityColumns: false)
        try partition.flush()
        return try finish(db, replay: replay, totals: partition.totals)
    }

    private static func prepare(_ db: Database) throws {
        for table in SQLiteSchema.projectionTables { try db.execute(sql: "DELETE FROM \(table)") }
        // Building the index once at the end is cheaper than maintaining it row by row.
        try db.execute(sql: "DROP INDEX IF EXISTS tickets_by_status")
    }

    private static func finish(_ db: Database, replay: SQLiteReplay, totals: Totals) throws -> (
        events: Int, streams: Int, tickets: Int
    ) {
        try db.execute(sql: SQLiteSchema.ticketsByStatusIndex)
        var insert = try RawStatement(db, sql: "INSERT INTO event_counts (type_name, count) VALUES (?, ?)")
        for (type, count) in totals.counts.all {
            insert.bind(replay.typeNames[type] ?? "#\(type)")
            insert.bind(count)
            try insert.execute()
        }
        return (totals.events, totals.streams, totals.tickets)
    }

    /// Replays a range of streams into finished, encoded ticket rows, handed on in batches.
    private struct Partition: ReplayVisitor {
        private(set) var totals = Totals()
        private var state: TicketState?
        private var rows: [TicketTable.Row] = []
        private let flushAt: Int
        private let sink: ([TicketTable.Row]) throws -> Void

        init(flushAt: Int, sink: @escaping ([TicketTable.Row]) throws -> Void) {
            self.flushAt = flushAt
            self.sink = sink
            rows.reserveCapacity(flushAt)
        }

        mutating func flush() throws {
            guard !rows.isEmpty else { return }
            try sink(rows)
            rows.removeAll(keepingCapacity: true)
        }

        mutating func event(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ event: DomainEvent?) throws {
            totals.events += 1
            totals.counts.increment(row.typeID)
            guard stream.ticket != nil, let event else { return }
            TicketReducer.apply(event, context: row.context, to: &state)
        }

        func undecodable(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ reason: String) throws {
            throw StoreError.corrupted(
                "event at position \(row.position) (\(stream.name) version \(row.version)) cannot be decoded: run aet verify-state.",
                detail: reason)
        }

        mutating func streamEnd(_ stream: SQLiteReplay.Stream) throws {
            totals.streams += 1
            if let finished = state {
                rows.append(TicketTable.Row(finished))
                totals.tickets += 1
                state = nil
                if rows.count >= flushAt { try flush() }
            }
        }

        mutating func emptyStream(_ stream: SQLiteReplay.Stream) throws { totals.streams += 1 }

        func orphan(streamID: Int64, position: Int64) throws {
            throw StoreError.corrupted("event at position \(position) belongs to no stream: run aet verify-state.")
        }
    }
}

/// Events per stored type id: an array for the small, dense ids event_types assigns, a dictionary
/// for any other.
struct TypeCounts: Sendable {
    private var dense: [Int] = Array(repeating: 0, count: 64)
    private var sparse: [Int64: Int] = [:]

    @inline(__always)
    mutating func increment(_ id: Int64) {
        if id >= 0 && id < 64 { dense[Int(id)] += 1 } else { sparse[id, default: 0] += 1 }
    }

    mutating func add(_ other: TypeCounts) {
        for index in 0..<64 { dense[index] += other.dense[index] }
        for (id, count) in other.sparse { sparse[id, default: 0] += count }
    }

    /// Every type id with a non-zero count.
    var all: [(Int64, Int)] {
        var result: [(Int64, Int)] = []
        for (index, count) in dense.enumerated() where count > 0 { result.append((Int64(index), count)) }
        for (id, count) in sparse where count > 0 { result.append((id, count)) }
        return result
    }
}
