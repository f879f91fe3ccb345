public import AetCore

/// How one agent run ended, with what it produced and consumed.
public struct AgentOutcome: Sendable, Hashable {
    /// Why the run ended.
    public var status: AgentRunStatus
    /// The agent's final message (for the `command` runtime: the last part of its stdout).
    public var finalText: String
    /// Structured output (JSON text) when the runtime produced it, e.g. a reviewer's verdict.
    public var structuredOutput: String?
    /// The agent's session identifier, to resume it later.
    public var sessionID: String?
    /// Tokens consumed by this run (a delta even when the agent reports session totals).
    public var usage: TokenUsage
    /// Whether ``usage`` was reported; when `false` it is zero and means "not reported".
    public var usageReported: Bool
    /// What this run cost; ``Cost/unknown`` when nobody reported or computed it, never 0.
    public var cost: Cost
    /// Wall time from the start of ``AgentRuntime/run(_:events:)`` to its end.
    public var duration: Duration
    /// Agent turns, when the runtime counts them.
    public var turns: Int?
    /// How the agent's process ended, when it ran as a process.
    public var exitStatus: ProcessExit?
    /// Files kept in the run directory for audit.
    public var artifacts: RunArtifacts
    /// The command line that ran, secrets redacted.
    public var commandLine: String?
    /// Things that went wrong without deciding the status (output dropped, leftover processes killed).
    public var warnings: [String]

    /// Creates an outcome.
    /// - Parameters:
    ///   - status: Why the run ended.
    ///   - finalText: The final message.
    ///   - structuredOutput: Structured output as JSON text.
    ///   - sessionID: The session identifier.
    ///   - usage: Tokens consumed by this run.
    ///   - usageReported: Whether usage was reported.
    ///   - cost: The cost and its source.
    ///   - duration: Wall time.
    ///   - turns: Agent turns.
    ///   - exitStatus: How the process ended.
    ///   - artifacts: Files kept for audit.
    ///   - commandLine: The redacted command line.
    ///   - warnings: Non-fatal problems.
    public init(
        status: AgentRunStatus,
        finalText: String = "",
        structuredOutput: String? = nil,
        sessionID: String? = nil,
        usage: TokenUsage = .zero,
        usageReported: Bool = false,
        cost: Cost = .unknown,
        duration: Duration = .zero,
        turns: Int? = nil,
        exitStatus: ProcessExit? = nil,
        artifacts: RunArtifacts = RunArtifacts(),
        commandLine: String? = nil,
        warnings: [String] = []
    ) {
        self.status = status
        self.finalText = finalText
        self.structuredOutput = structuredOutput
        self.sessionID = sessionID
        self.usage = usage
        self.usageReported = usageReported
        self.cost = cost
        self.duration = duration
        self.turns = turns
        self.exitStatus = exitStatus
        self.artifacts = artifacts
        self.commandLine = commandLine
        self.warnings = warnings
    }
}

/// Why a run ended.
public enum AgentRunStatus: Sendable, Hashable, CustomStringConvertible {
    /// The agent finished and reported success (exit 0 and its own success flag).
    case succeeded
    /// The agent finished and failed, with a sentence saying why.
    case failed(reason: String)
    /// A token or cost budget was reached and the run was stopped; the sentence names the limit.
    case budgetExceeded(String)
    /// The run was stopped by aet's wall-clock or idle-output timeout.
    case timedOut(TimeoutKind)
    /// The caller cancelled the run (e.g. Ctrl-C); its processes were stopped.
    case cancelled
    /// The agent's process died on its own: killed by a signal, or exited without a result.
    case crashed(exitCode: Int32?, signal: Int32?)
    /// The runtime cannot run here (binary missing, no credentials), with a sentence saying why.
    case notAvailable(reason: String)
    /// The runtime refused to run without usable credentials (Claude Code's "Not logged in", an
    /// HTTP 401), with a sentence saying how to fix it. Like ``notAvailable(reason:)``, never retried.
    case notAuthenticated(reason: String)
    /// The agent reached its turn limit.
    case maxTurns

    /// Whether the run succeeded.
    public var isSuccess: Bool { self == .succeeded }

    /// Whether the runtime could not run at all here (not installed, not authenticated): retrying
    /// cannot help until someone fixes it, so `aet process` stops instead.
    public var isRuntimeNotReady: Bool {
        switch self {
        case .notAvailable, .notAuthenticated: true
        default: false
        }
    }

    /// The status as stored in a `run.finished` event.
    public var runStatus: RunStatus {
        switch self {
        case .succeeded: .succeeded
        case .timedOut: .timedOut
        case .cancelled: .cancelled
        case .failed, .budgetExceeded, .crashed, .notAvailable, .notAuthenticated, .maxTurns: .failed
        }
    }

    /// A sentence saying why the run did not succeed; `nil` when it did.
    public var reason: String? {
        switch self {
        case .succeeded: nil
        case .failed(let reason): reason
        case .budgetExceeded(let limit): "budget exceeded: \(limit)"
        case .timedOut(.wall): "stopped: wall-clock timeout"
        case .timedOut(.idle): "stopped: no output for the idle timeout"
        case .cancelled: "cancelled"
        case .crashed(let code, let signal):
            if let signal {
                "crashed: killed by signal \(signal)"
            } else {
                "crashed: exit code \(code.map(String.init) ?? "unknown")"
            }
        case .notAvailable(let reason): "runtime not available: \(reason)"
        case .notAuthenticated(let reason): "runtime not authenticated: \(reason)"
        case .maxTurns: "stopped: turn limit reached"
        }
    }

    public var description: String { reason ?? "succeeded" }
}

/// Which timeout stopped a run.
public enum TimeoutKind: String, Sendable, Hashable, Codable {
    /// The wall-clock limit.
    case wall
    /// No output for the idle limit.
    case idle
}

/// Paths of files a run kept for audit, all inside its run directory.
public struct RunArtifacts: Sendable, Hashable {
    /// The raw stdout log (secrets redacted, size-capped).
    public var standardOutputLog: String?
    /// The raw stderr log (secrets redacted, size-capped).
    public var standardErrorLog: String?
    /// The prompt file given to the agent.
    public var promptFile: String?
    /// The agent's own transcript, when it writes one.
    public var transcript: String?
    /// Other files worth keeping.
    public var others: [String]

    /// Creates an artifact list.
    /// - Parameters:
    ///   - standardOutputLog: The stdout log.
    ///   - standardErrorLog: The stderr log.
    ///   - promptFile: The prompt file.
    ///   - transcript: The agent's transcript.
    ///   - others: Other files.
    public init(
        standardOutputLog: String? = nil,
        standardErrorLog: String? = nil,
        promptFile: String? = nil,
        transcript: String? = nil,
        others: [String] = []
    ) {
        self.standardOutputLog = standardOutputLog
        self.standardErrorLog = standardErrorLog
        self.promptFile = promptFile
        self.transcript = transcript
        self.others = others
    }
}
