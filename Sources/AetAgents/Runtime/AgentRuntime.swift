/// How one kind of agent is executed: an agent CLI, a templated command, a native tool loop, a replay.
///
/// A runtime turns an ``AgentRunRequest`` into a stream of ``AgentEvent``s and one ``AgentOutcome``.
/// ``run(_:events:)`` is scoped: it returns only after every process it started is gone, and
/// cancelling the calling task cancels the run (the process group is stopped, the outcome's status
/// is ``AgentRunStatus/cancelled``).
///
/// ```swift
/// let runtime = try CommandRuntime(template: "sh -c 'swift test'", configuration: .init(hostEnvironment: env))
/// let outcome = try await runtime.run(request) { event in
///     if case .rawLine(_, let line) = event { print(line) }
/// }
/// print(outcome.status)
/// ```
///
/// Everything about the agent's behaviour (it failed, hung, crashed, is not installed) is an
/// outcome, never a thrown error; a runtime throws ``RuntimeError`` only when aet itself cannot set
/// the run up (an invalid request, an unwritable run directory, a failed spawn).
public protocol AgentRuntime: Sendable {
    /// The stable identifier of this runtime, e.g. `command` or `claude`.
    var id: RuntimeID { get }

    /// What this runtime supports.
    var capabilities: RuntimeCapabilities { get }

    /// Whether the runtime can run here: its binary found, its version, sandbox notes.
    /// - Returns: The availability, for `aet doctor` and before scheduling a run.
    func probe() async -> RuntimeAvailability

    /// Whether a run can start now: the probe, plus usable credentials for runtimes that need them
    /// (see ``RuntimeReadiness``; by default the probe alone decides).
    /// - Returns: Ready, or what is missing and how to fix it.
    func readiness() async -> RuntimeReadiness

    /// Runs one agent turn and returns how it ended.
    ///
    /// - Parameters:
    ///   - request: What to run, where, with which limits.
    ///   - events: Called, in order, for each normalized event while the agent runs.
    /// - Returns: The outcome, after the agent's processes are gone.
    /// - Throws: ``RuntimeError`` when the run cannot be set up.
    func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome
}

/// The identifier of a runtime, e.g. `command`, `claude`, `codex`.
public struct RuntimeID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier as written in role files and stored in events.
    public let rawValue: String

    /// Wraps a runtime identifier.
    /// - Parameter rawValue: A lowercase name such as `command`.
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// Any command line, templated (``CommandRuntime``).
    public static let command: RuntimeID = "command"
    /// Claude Code in print mode with stream-json output.
    public static let claude: RuntimeID = "claude"
    /// OpenAI Codex CLI (`codex exec --json`).
    public static let codex: RuntimeID = "codex"
    /// aider.
    public static let aider: RuntimeID = "aider"
    /// Gemini CLI.
    public static let gemini: RuntimeID = "gemini"
    /// aet's own tool loop over the Anthropic Messages API.
    public static let anthropic: RuntimeID = "anthropic"
    /// aet's own tool loop over OpenAI-compatible Chat Completions.
    public static let openai: RuntimeID = "openai"
    /// A recorded session played back.
    public static let replay: RuntimeID = "replay"

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a runtime supports, so callers can choose flags and explain gaps.
public struct RuntimeCapabilities: Sendable, Hashable {
    /// How much of a run's consumption the runtime reports.
    public enum UsageReporting: Sendable, Hashable {
        /// Nothing: tokens are "not reported" and cost is unknown.
        case none
        /// Token counts, but no cost.
        case tokens
        /// Token counts and the cost the tool computed.
        case tokensAndCost
    }

    /// How much usage the runtime reports.
    public var usageReporting: UsageReporting
    /// Whether the runtime can return output validated against a JSON schema.
    public var structuredOutput: Bool
    /// Whether a run can resume an earlier session.
    public var resume: Bool
    /// Whether allowed/denied tool lists are enforced by the agent.
    public var toolLists: Bool
    /// Whether the agent itself enforces a maximum number of turns.
    public var maxTurns: Bool
    /// Whether the runtime emits structured events while it runs (tool calls, text).
    public var streamsEvents: Bool
    /// Whether the agent has its own sandbox for the commands it runs.
    public var nativeSandbox: Bool

    /// Creates capabilities; everything is off unless given.
    public init(
        usageReporting: UsageReporting = .none,
        structuredOutput: Bool = false,
        resume: Bool = false,
        toolLists: Bool = false,
        maxTurns: Bool = false,
        streamsEvents: Bool = false,
        nativeSandbox: Bool = false
    ) {
        self.usageReporting = usageReporting
        self.structuredOutput = structuredOutput
        self.resume = resume
        self.toolLists = toolLists
        self.maxTurns = maxTurns
        self.streamsEvents = streamsEvents
        self.nativeSandbox = nativeSandbox
    }
}

/// Whether a runtime can run on this machine, as found by ``AgentRuntime/probe()``.
public struct RuntimeAvailability: Sendable, Hashable {
    /// Whether runs can start.
    public var isAvailable: Bool
    /// The resolved executable, when the runtime runs one.
    public var executablePath: String?
    /// The tool's version, when it reports one.
    public var version: String?
    /// Why the runtime cannot run, when it cannot: a sentence for `aet doctor`.
    public var reason: String?
    /// Further facts worth showing (e.g. which sandbox wrappers are available).
    public var notes: [String]

    /// Creates an availability report.
    /// - Parameters:
    ///   - isAvailable: Whether runs can start.
    ///   - executablePath: The resolved executable.
    ///   - version: The tool's version.
    ///   - reason: Why it cannot run.
    ///   - notes: Further facts.
    public init(
        isAvailable: Bool,
        executablePath: String? = nil,
        version: String? = nil,
        reason: String? = nil,
        notes: [String] = []
    ) {
        self.isAvailable = isAvailable
        self.executablePath = executablePath
        self.version = version
        self.reason = reason
        self.notes = notes
    }
}
