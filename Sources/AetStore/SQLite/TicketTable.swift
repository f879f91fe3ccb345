import AetCore
import GRDB

/// Reads and writes a ticket's projection row: scalar columns for queries, and its stages and runs
/// as binary arrays (``ProjectionCoding``).
enum TicketTable {
    private static let ticketColumns = """
        id, description, mode, priority, dependencies, base_branch, status, current_stage, reworks, attempt,
        created_at, updated_at, version, last_position, tokens_in, tokens_out, cost_micros, runs_unknown_cost,
        last_error, security_violations, dlq_stage, dlq_reason, dlq_attempts, dlq_at, dlq_position, stages, runs
        """

    private static let selectTicketSQL = "SELECT \(ticketColumns) FROM tickets WHERE id = ?"
    private static let insertTicketSQL =
        "INSERT OR REPLACE INTO tickets (\(ticketColumns)) VALUES (\(placeholders(27)))"

    // MARK: Loading

    /// The full state of one ticket, or nil when it has no row.
    static func load(_ id: TicketID, _ db: Database) throws -> TicketState? {
        var ticket = try loadStatement(db)
        return try load(id, using: &ticket)
    }

    /// The statement ``load(_:using:)`` runs, prepared once for many loads.
    static func loadStatement(_ db: Database) throws -> RawStatement { try RawStatement(db, sql: selectTicketSQL) }

    /// ``load(_:_:)`` with a statement from ``loadStatement(_:)``.
    static func load(_ id: TicketID, using ticket: inout RawStatement) throws -> TicketState? {
        ticket.bind(id.number)
        defer { ticket.reset() }
        guard try ticket.step() else { return nil }
        return try decodeTicket(ticket, withHistory: true)
    }

    /// Summaries (no stages or runs) matching an SQL condition over `tickets`.
    static func summaries(where condition: String, arguments: [Int64] = [], limit: Int, _ db: Database) throws
        -> [TicketSummary]
    {
        var statement = try RawStatement(
            db, sql: "SELECT \(ticketColumns) FROM tickets WHERE \(condition) ORDER BY priority DESC, id LIMIT ?")
        for argument in arguments { statement.bind(argument) }
        statement.bind(limit)
        var result: [TicketSummary] = []
        while try statement.step() { result.append(TicketSummary(try decodeTicket(statement, withHistory: false))) }
        return result
    }

    private static func decodeTicket(_ row: RawStatement, withHistory: Bool) throws -> TicketState {
        let id = TicketID(row.int(0))
        func value<E: RawRepresentable<String>>(_ column: Int32, _: E.Type) throws -> E {
            guard let value = E(rawValue: row.string(column)) else {
                throw StoreError.corrupted(
                    "the projection row of \(id) has an unknown \(E.self) value: run aet rebuild.")
            }
            return value
        }
        let created = TicketCreated(
            ticket: id,
            draft: TicketDraft(
                description: row.string(1), mode: try value(2, TicketMode.self), priority: row.int(3),
                dependencies: try decodeDependencies(row.string(4), of: id), baseBranch: row.string(5)))
        var state = TicketState(
            created: created,
            context: EventContext(
                position: EventPosition(row.int64(13)), version: row.int64(12),
                recordedAt: Timestamp(microseconds: row.int64(10))))
        state.status = try value(6, TicketStatus.self)
        state.currentStage = row.optionalString(7).map(StageName.init(rawValue:))
        state.reworks = row.int(8)
        state.attempt = row.int(9)
        state.updatedAt = Timestamp(microseconds: row.int64(11))
        state.tokensIn = row.int64(14)
        state.tokensOut = row.int64(15)
        state.costMicros = row.int64(16)
        state.runsWithUnknownCost = row.int(17)
        state.lastError = row.optionalString(18)
        state.securityViolations = row.int(19)
        if let reason = row.optionalString(21) {
            state.deadLetter = DeadLetterEntry(
                stage: row.optionalString(20).map(StageName.init(rawValue:)), reason: reason, attempts: row.int(22),
                deadLetteredAt: Timestamp(microseconds: row.int64(23)), position: EventPosition(row.int64(24)))
        }
        if withHistory {
            do {
                state.stages = try ProjectionCoding.decodeStages(row.blob(25))
                state.runs = try ProjectionCoding.decodeRuns(row.blob(26))
            } catch {
                throw StoreError.corrupted(
                    "the stages or runs of \(id) in the projection are malformed: run aet rebuild.",
                    detail: error.description)
            }
        }
        return state
    }

    private static func decodeDependencies(_ text: String, of id: TicketID) throws -> [TicketID] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            guard let number = Int(part), number > 0 else {
                throw StoreError.corrupted(
                    "the dependencies of \(id) in the projection are malformed: run aet rebuild.")
            }
            return TicketID(number)
        }
    }

    // MARK: Saving

    /// Writes `state` unless it equals `previous` (what was loaded at the start of the transaction).
    static func save(_ state: TicketState, previous: TicketState?, _ db: Database) throws {
        if let previous, previous == state { return }
        var statement = try insertStatement(db)
        try insert(Row(state), using: &statement)
    }

    /// A ticket ready to be written: its state and its encoded columns (encoding can happen on
    /// another thread than the one that writes).
    struct Row: Sendable {
        var state: TicketState
        var dependencies: String
        var stages: [UInt8]
        var runs: [UInt8]

        init(_ state: TicketState) {
            self.state = state
            dependencies =
                state.dependencies.isEmpty ? "" : state.dependencies.map { String($0.number) }.joined(separator: ",")
            stages = ProjectionCoding.encode(stages: state.stages)
            runs = ProjectionCoding.encode(runs: state.runs)
        }
    }

    /// The statement ``insert(_:using:)`` runs, prepared once for many rows.
    static func insertStatement(_ db: Database) throws -> RawStatement { try RawStatement(db, sql: insertTicketSQL) }

    /// Writes (inserts or replaces) one ticket's row.
    static func insert(_ row: Row, using statement: inout RawStatement) throws {
        let state = row.state
        statement.bind(state.id.number)
        statement.bind(state.description)
        statement.bind(state.mode.rawValue)
        statement.bind(state.priority)
        statement.bind(row.dependencies)
        statement.bind(state.baseBranch)
        statement.bind(state.status.rawValue)
        statement.bind(state.currentStage?.rawValue)
        statement.bind(state.reworks)
        statement.bind(state.attempt)
        statement.bind(state.createdAt.microseconds)
        statement.bind(state.updatedAt.microseconds)
        statement.bind(state.version)
        statement.bind(state.lastPosition.rawValue)
        statement.bind(state.tokensIn)
        statement.bind(state.tokensOut)
        statement.bind(state.costMicros)
        statement.bind(state.runsWithUnknownCost)
        statement.bind(state.lastError)
        statement.bind(state.securityViolations)
        statement.bind(state.deadLetter?.stage?.rawValue)
        statement.bind(state.deadLetter?.reason)
        statement.bind(state.deadLetter?.attempts)
        statement.bind(state.deadLetter?.deadLetteredAt.microseconds)
        statement.bind(state.deadLetter?.position.rawValue)
        statement.bind(blob: row.stages)
        statement.bind(blob: row.runs)
        try statement.execute()
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
