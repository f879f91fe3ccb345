public import AetCore

/// What `rebuild` did.
public struct RebuildReport: Sendable, Hashable, Codable {
    public var events: Int
    public var streams: Int
    public var tickets: Int
    /// Wall-clock seconds the rebuild took.
    public var seconds: Double

    public init(events: Int, streams: Int, tickets: Int, seconds: Double) {
        self.events = events
        self.streams = streams
        self.tickets = tickets
        self.seconds = seconds
    }

    /// Events replayed per second.
    public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
}

/// One problem `verify-state` found.
public struct VerificationProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of problem, a bounded set of names.
    public enum Kind: String, Sendable, Codable {
        case hashMismatch = "hash_mismatch"
        case versionGap = "version_gap"
        case streamHead = "stream_head"
        case undecodable
        case orphanEvent = "orphan_event"
        case positionGap = "position_gap"
        case projectionMismatch = "projection_mismatch"
        case projectionMissing = "projection_missing"
        case projectionExtra = "projection_extra"
        case counterMismatch = "counter_mismatch"
        case unreadable
    }

    public var kind: Kind
    public var stream: StreamID?
    public var position: EventPosition?
    public var version: Int64?
    /// One sentence, without payload contents.
    public var message: String

    public init(kind: Kind, stream: StreamID?, position: EventPosition?, version: Int64?, message: String) {
        self.kind = kind
        self.stream = stream
        self.position = position
        self.version = version
        self.message = message
    }

    public var description: String {
        var location: [String] = []
        if let position { location.append("position \(position)") }
        if let stream { location.append("stream \(stream)") }
        if let version { location.append("version \(version)") }
        let prefix = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        return "[\(kind.rawValue)] \(prefix)\(message)"
    }
}

/// What `verify-state` checked and found.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var events: Int
    public var streams: Int
    public var tickets: Int
    public var problems: [VerificationProblem]
    /// How many problems were found in all, when more than `problems` holds.
    public var problemCount: Int
    public var seconds: Double

    public init(
        events: Int, streams: Int, tickets: Int, problems: [VerificationProblem], problemCount: Int, seconds: Double
    ) {
        self.events = events
        self.streams = streams
        self.tickets = tickets
        self.problems = problems
        self.problemCount = problemCount
        self.seconds = seconds
    }

    /// Whether nothing is wrong.
    public var isClean: Bool { problemCount == 0 }

    /// Events checked per second.
    public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
}

/// A ticket without its stages and runs, for lists.
public struct TicketSummary: Sendable, Hashable, Codable {
    public var id: TicketID
    public var description: String
    public var mode: TicketMode
    public var priority: Int
    public var dependencies: [TicketID]
    public var baseBranch: String
    public var status: TicketStatus
    public var currentStage: StageName?
    public var reworks: Int
    public var attempt: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var tokensIn: Int64
    public var tokensOut: Int64
    public var costMicros: Int64
    public var runsWithUnknownCost: Int
    public var lastError: String?
    public var deadLetter: DeadLetterEntry?

    /// The summary of a full state.
    /// - Parameter state: The ticket's state.
    public init(_ state: TicketState) {
        id = state.id
        description = state.description
        mode = state.mode
        priority = state.priority
        dependencies = state.dependencies
        baseBranch = state.baseBranch
        status = state.status
        currentStage = state.currentStage
        reworks = state.reworks
        attempt = state.attempt
        createdAt = state.createdAt
        updatedAt = state.updatedAt
        tokensIn = state.tokensIn
        tokensOut = state.tokensOut
        costMicros = state.costMicros
        runsWithUnknownCost = state.runsWithUnknownCost
        lastError = state.lastError
        deadLetter = state.deadLetter
    }
}
