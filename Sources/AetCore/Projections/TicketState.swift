/// Everything aet knows about one ticket: the projection of its stream.
public struct TicketState: Sendable, Hashable, Codable {
    public var id: TicketID
    public var description: String
    public var mode: TicketMode
    public var priority: Int
    public var dependencies: [TicketID]
    public var baseBranch: String
    public var status: TicketStatus
    /// The stage being worked on, or the one where the ticket stopped.
    public var currentStage: StageName?
    /// How many times gates sent the ticket back.
    public var reworks: Int
    /// 1 + how many times the ticket was retried.
    public var attempt: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// The stream version of the last event applied.
    public var version: Int64
    /// The global position of the last event applied.
    public var lastPosition: EventPosition
    public var tokensIn: Int64
    public var tokensOut: Int64
    /// Sum of known run costs, in millionths of a US dollar.
    public var costMicros: Int64
    /// Finished runs whose cost is unknown (so the sum above is a lower bound when > 0).
    public var runsWithUnknownCost: Int
    /// The last failure's reason, or the cancellation reason.
    public var lastError: String?
    /// Stages in the order they first started.
    public var stages: [StageState]
    /// Runs in the order they started.
    public var runs: [RunState]
    /// Set while the ticket is in the dead-letter queue.
    public var deadLetter: DeadLetterEntry?
    public var securityViolations: Int

    /// The state right after `ticket.created`.
    /// - Parameters:
    ///   - created: The creation payload.
    ///   - context: Where and when it was recorded.
    public init(created: TicketCreated, context: EventContext) {
        id = created.ticket
        description = created.description
        mode = created.mode
        priority = created.priority
        dependencies = created.dependencies
        baseBranch = created.baseBranch
        status = .queued
        currentStage = nil
        reworks = 0
        attempt = 1
        createdAt = context.recordedAt
        updatedAt = context.recordedAt
        version = context.version
        lastPosition = context.position
        tokensIn = 0
        tokensOut = 0
        costMicros = 0
        runsWithUnknownCost = 0
        lastError = nil
        stages = []
        runs = []
        deadLetter = nil
        securityViolations = 0
    }
}

/// How far a stage got.
public enum StageStatus: String, Sendable, Codable, CaseIterable {
    case running
    case completed
    case failed
    case sentBack = "sent_back"
    case skipped
    /// A gate sent the ticket back here: the stage runs again next, with the gate's feedback.
    case pending
    /// The work is ready to merge but waits for the user's checkout (`integration.waiting`); the note says why.
    case waiting
}

/// One stage of one ticket.
public struct StageState: Sendable, Hashable, Codable {
    public var name: StageName
    public var status: StageStatus
    /// How many times the stage started.
    public var attempts: Int
    /// The summary, failure reason, gate feedback or skip reason of its last outcome.
    public var note: String?
    public var updatedAt: Timestamp

    public init(name: StageName, status: StageStatus, attempts: Int, note: String?, updatedAt: Timestamp) {
        self.name = name
        self.status = status
        self.attempts = attempts
        self.note = note
        self.updatedAt = updatedAt
    }
}

/// One run of one stage.
public struct RunState: Sendable, Hashable, Codable {
    public var id: RunID
    public var stage: StageName
    public var attempt: Int
    public var runtime: String
    public var status: RunStatus
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var exitCode: Int?
    public var durationMilliseconds: Int64?
    public var tokensIn: Int64
    public var tokensOut: Int64
    /// nil while running or when the cost is unknown.
    public var costMicros: Int64?
    public var reason: String?

    public init(
        id: RunID, stage: StageName, attempt: Int, runtime: String, status: RunStatus, startedAt: Timestamp,
        finishedAt: Timestamp? = nil, exitCode: Int? = nil, durationMilliseconds: Int64? = nil,
        tokensIn: Int64 = 0, tokensOut: Int64 = 0, costMicros: Int64? = nil, reason: String? = nil
    ) {
        self.id = id
        self.stage = stage
        self.attempt = attempt
        self.runtime = runtime
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.durationMilliseconds = durationMilliseconds
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costMicros = costMicros
        self.reason = reason
    }
}

/// A ticket waiting in the dead-letter queue.
public struct DeadLetterEntry: Sendable, Hashable, Codable {
    public var stage: StageName?
    public var reason: String
    public var attempts: Int
    public var deadLetteredAt: Timestamp
    public var position: EventPosition

    public init(stage: StageName?, reason: String, attempts: Int, deadLetteredAt: Timestamp, position: EventPosition) {
        self.stage = stage
        self.reason = reason
        self.attempts = attempts
        self.deadLetteredAt = deadLetteredAt
        self.position = position
    }
}

/// Where and when an event was recorded, as reducers need it.
public struct EventContext: Sendable, Hashable {
    public var position: EventPosition
    public var version: Int64
    public var recordedAt: Timestamp

    public init(position: EventPosition, version: Int64, recordedAt: Timestamp) {
        self.position = position
        self.version = version
        self.recordedAt = recordedAt
    }
}
