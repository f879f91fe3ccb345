import AetCore
import GRDB

/// Reads and writes the ticket projection rows (`tickets`, `ticket_stages`, `runs`) of one ticket.
enum TicketTable {
    private static let ticketColumns = """
        id, description, mode, priority, dependencies, base_branch, status, current_stage, reworks, attempt,
        created_at, updated_at, version, last_position, tokens_in, tokens_out, cost_micros, runs_unknown_cost,
        last_error, security_violations, dlq_stage, dlq_reason, dlq_attempts, dlq_at, dlq_position
        """
    private static let stageColumns = "name, status, attempts, note, updated_at"
    private static let runColumns = """
        id, stage, attempt, runtime, status, started_at, finished_at, exit_code, duration_ms, tokens_in,
        tokens_out, cost_micros, reason
        """

    private static let selectTicketSQL = "SELECT \(ticketColumns) FROM tickets WHERE id = ?"
    private static let selectStagesSQL = "SELECT \(stageColumns) FROM ticket_stages WHERE ticket_id = ? ORDER BY seq"
    private static let selectRunsSQL = "SELECT \(runColumns) FROM runs WHERE ticket_id = ? ORDER BY seq"
    private static let insertTicketSQL = "INSERT OR REPLACE INTO tickets (\(ticketColumns)) VALUES (\(placeholders(25)))"
    private static let insertStageSQL = "INSERT OR REPLACE INTO ticket_stages (ticket_id, seq, \(stageColumns)) VALUES (\(placeholders(7)))"
    private static let insertRunSQL = "INSERT OR REPLACE INTO runs (ticket_id, seq, \(runColumns)) VALUES (\(placeholders(15)))"

    // MARK: Loading

    /// The full state of one ticket, or nil when it has no row.
    static func load(_ id: TicketID, _ db: Database) throws -> TicketState? {
        var ticket = try RawStatement(db, sql: selectTicketSQL)
        ticket.bind(id.number)
        guard try ticket.step() else { return nil }
        var state = try decodeTicket(ticket)
        state.stages = try loadStages(id, db)
        state.runs = try loadRuns(id, db)
        return state
    }

    /// Summaries (no stages or runs) matching an SQL condition over `tickets`.
    static func summaries(where condition: String, arguments: [Int64] = [], limit: Int, _ db: Database) throws -> [TicketSummary] {
        var statement = try RawStatement(
            db, sql: "SELECT \(ticketColumns) FROM tickets WHERE \(condition) ORDER BY priority DESC, id LIMIT ?")
        for argument in arguments { statement.bind(argument) }
        statement.bind(limit)
        var result: [TicketSummary] = []
        while try statement.step() { result.append(TicketSummary(try decodeTicket(statement))) }
        return result
    }

    private static func decodeTicket(_ row: RawStatement) throws -> TicketState {
        let id = TicketID(row.int(0))
        func value<E: RawRepresentable<String>>(_ column: Int32, _: E.Type) throws -> E {
            guard let value = E(rawValue: row.string(column)) else {
                throw StoreError.corrupted("the projection row of \(id) has an unknown \(E.self) value: run aet rebuild.")
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
            context: EventContext(position: EventPosition(row.int64(13)), version: row.int64(12), recordedAt: Timestamp(microseconds: row.int64(10))))
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
        return state
    }

    private static func decodeDependencies(_ text: String, of id: TicketID) throws -> [TicketID] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            guard let number = Int(part), number > 0 else {
                throw StoreError.corrupted("the dependencies of \(id) in the projection are malformed: run aet rebuild.")
            }
            return TicketID(number)
        }
    }

    private static func loadStages(_ id: TicketID, _ db: Database) throws -> [StageState] {
        var statement = try RawStatement(db, sql: selectStagesSQL)
        statement.bind(id.number)
        var stages: [StageState] = []
        while try statement.step() {
            guard let status = StageStatus(rawValue: statement.string(1)) else {
                throw StoreError.corrupted("a stage row of \(id) has an unknown status: run aet rebuild.")
            }
            stages.append(
                StageState(
                    name: StageName(rawValue: statement.string(0)), status: status, attempts: statement.int(2),
                    note: statement.optionalString(3), updatedAt: Timestamp(microseconds: statement.int64(4))))
        }
        return stages
    }

    private static func loadRuns(_ id: TicketID, _ db: Database) throws -> [RunState] {
        var statement = try RawStatement(db, sql: selectRunsSQL)
        statement.bind(id.number)
        var runs: [RunState] = []
        while try statement.step() {
            guard let status = RunStatus(rawValue: statement.string(4)) else {
                throw StoreError.corrupted("a run row of \(id) has an unknown status: run aet rebuild.")
            }
            runs.append(
                RunState(
                    id: RunID(rawValue: statement.string(0)), stage: StageName(rawValue: statement.string(1)),
                    attempt: statement.int(2), runtime: statement.string(3), status: status,
                    startedAt: Timestamp(microseconds: statement.int64(5)),
                    finishedAt: statement.optionalInt64(6).map(Timestamp.init(microseconds:)),
                    exitCode: statement.optionalInt(7), durationMilliseconds: statement.optionalInt64(8),
                    tokensIn: statement.int64(9), tokensOut: statement.int64(10),
                    costMicros: statement.optionalInt64(11), reason: statement.optionalString(12)))
        }
        return runs
    }

    // MARK: Saving

    /// Writes `state`, touching only the stage and run rows that differ from `previous`.
    static func save(_ state: TicketState, previous: TicketState?, _ db: Database) throws {
        if previous.map({ !sameTicketRow($0, state) }) ?? true {
            try saveTicketRow(state, db)
        }
        for (index, stage) in state.stages.enumerated() {
            if let previous, index < previous.stages.count, previous.stages[index] == stage { continue }
            try saveStage(stage, ticket: state.id, seq: index, db)
        }
        for (index, run) in state.runs.enumerated() {
            if let previous, index < previous.runs.count, previous.runs[index] == run { continue }
            try saveRun(run, ticket: state.id, seq: index, db)
        }
    }

    private static func sameTicketRow(_ lhs: TicketState, _ rhs: TicketState) -> Bool {
        var lhs = lhs
        lhs.stages = rhs.stages
        lhs.runs = rhs.runs
        return lhs == rhs
    }

    private static func saveTicketRow(_ state: TicketState, _ db: Database) throws {
        var statement = try RawStatement(db, sql: insertTicketSQL)
        statement.bind(state.id.number)
        statement.bind(state.description)
        statement.bind(state.mode.rawValue)
        statement.bind(state.priority)
        statement.bind(state.dependencies.map { String($0.number) }.joined(separator: ","))
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
        try statement.execute()
    }

    private static func saveStage(_ stage: StageState, ticket: TicketID, seq: Int, _ db: Database) throws {
        var statement = try RawStatement(db, sql: insertStageSQL)
        statement.bind(ticket.number)
        statement.bind(seq)
        statement.bind(stage.name.rawValue)
        statement.bind(stage.status.rawValue)
        statement.bind(stage.attempts)
        statement.bind(stage.note)
        statement.bind(stage.updatedAt.microseconds)
        try statement.execute()
    }

    private static func saveRun(_ run: RunState, ticket: TicketID, seq: Int, _ db: Database) throws {
        var statement = try RawStatement(db, sql: insertRunSQL)
        statement.bind(ticket.number)
        statement.bind(seq)
        statement.bind(run.id.rawValue)
        statement.bind(run.stage.rawValue)
        statement.bind(run.attempt)
        statement.bind(run.runtime)
        statement.bind(run.status.rawValue)
        statement.bind(run.startedAt.microseconds)
        statement.bind(run.finishedAt?.microseconds)
        statement.bind(run.exitCode)
        statement.bind(run.durationMilliseconds)
        statement.bind(run.tokensIn)
        statement.bind(run.tokensOut)
        statement.bind(run.costMicros)
        statement.bind(run.reason)
        try statement.execute()
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
