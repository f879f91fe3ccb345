public import AetCore

/// Everything a runtime needs to run one agent turn: who, where, what to do, and within which limits.
///
/// The prompt is text here; runtimes deliver it through a file in ``runDirectory`` or through
/// stdin, never as one argv string (a single argument over 128 KiB fails with `E2BIG`).
public struct AgentRunRequest: Sendable, Hashable {
    /// The run this request executes.
    public var runID: RunID
    /// The ticket the run works on.
    public var ticket: TicketID
    /// The pipeline stage the run executes.
    public var stage: StageName
    /// The role's name, e.g. `developer`.
    public var roleName: String
    /// The absolute path of the working tree the agent works in (its current directory).
    public var worktree: String
    /// The task for the agent: ticket, earlier outputs, gate feedback.
    public var prompt: String
    /// The role's instructions (the body of its role file).
    public var instructions: String
    /// The model to ask for, when the runtime takes one.
    public var model: String?
    /// What the agent may do without asking.
    public var permission: PermissionPolicy
    /// Tools the agent may use (runtime-specific names, e.g. `Read`, `Bash(swift test:*)`).
    public var allowedTools: [String]
    /// Tools the agent must not use.
    public var deniedTools: [String]
    /// A JSON Schema the final answer must match (e.g. a reviewer's verdict), as JSON text.
    public var outputSchema: String?
    /// Time, output, turn, token and cost limits.
    public var limits: RunLimits
    /// Extra environment variables for the agent, already allow-listed by the caller.
    public var environment: [String: String]
    /// An absolute path of a directory owned by this run: the agent's HOME and config, the prompt
    /// file, the raw logs and the transcript live here. Created if missing.
    public var runDirectory: String

    /// Creates a request.
    /// - Parameters:
    ///   - runID: The run this request executes.
    ///   - ticket: The ticket.
    ///   - stage: The stage.
    ///   - roleName: The role's name.
    ///   - worktree: The absolute working-tree path.
    ///   - prompt: The task text.
    ///   - instructions: The role's instructions.
    ///   - model: The model, if any.
    ///   - permission: The permission policy.
    ///   - allowedTools: Tools the agent may use.
    ///   - deniedTools: Tools the agent must not use.
    ///   - outputSchema: A JSON Schema for the final answer.
    ///   - limits: The run's limits.
    ///   - environment: Extra, already allow-listed environment variables.
    ///   - runDirectory: The run's own directory.
    public init(
        runID: RunID,
        ticket: TicketID,
        stage: StageName,
        roleName: String,
        worktree: String,
        prompt: String,
        instructions: String = "",
        model: String? = nil,
        permission: PermissionPolicy = .editWorkspace,
        allowedTools: [String] = [],
        deniedTools: [String] = [],
        outputSchema: String? = nil,
        limits: RunLimits = RunLimits(),
        environment: [String: String] = [:],
        runDirectory: String
    ) {
        self.runID = runID
        self.ticket = ticket
        self.stage = stage
        self.roleName = roleName
        self.worktree = worktree
        self.prompt = prompt
        self.instructions = instructions
        self.model = model
        self.permission = permission
        self.allowedTools = allowedTools
        self.deniedTools = deniedTools
        self.outputSchema = outputSchema
        self.limits = limits
        self.environment = environment
        self.runDirectory = runDirectory
    }
}

/// What an agent may do without asking; each runtime maps it to its own flags.
public enum PermissionPolicy: Sendable, Hashable {
    /// Read and search only (architect, reviewer).
    case readOnly
    /// Edit files in the worktree (developer).
    case editWorkspace
    /// Edit files and run the listed commands (tester), e.g. `["swift test", "swift build"]`.
    case editAndRunAllowlisted([String])
    /// Everything, without asking: only inside an outer sandbox.
    case fullAuto
}

/// The limits of one run. A run that reaches one is stopped with that reason.
public struct RunLimits: Sendable, Hashable {
    /// The longest the run may take, from spawn to exit.
    public var wallTimeout: Duration
    /// The longest the agent may stay silent (no byte on stdout or stderr) before it is stopped.
    public var idleTimeout: Duration
    /// The most bytes of output kept in the raw logs (stdout and stderr together); the rest is
    /// dropped, counted and marked.
    public var maxOutputBytes: Int
    /// The most agent turns, when the runtime counts turns.
    public var maxTurns: Int?
    /// The most tokens (input + output + cache reads + cache writes), when the runtime reports them.
    public var maxTokens: Int64?
    /// The most cost in millionths of a US dollar, when the runtime reports or aet computes it.
    public var maxCostMicros: Int64?

    /// Creates limits. The defaults suit a coding agent: 30 minutes, 5 minutes of silence, 16 MiB of logs.
    /// - Parameters:
    ///   - wallTimeout: The longest the run may take.
    ///   - idleTimeout: The longest the agent may stay silent.
    ///   - maxOutputBytes: The raw-log cap.
    ///   - maxTurns: The turn limit.
    ///   - maxTokens: The token limit.
    ///   - maxCostMicros: The cost limit in micro-dollars.
    public init(
        wallTimeout: Duration = .seconds(30 * 60),
        idleTimeout: Duration = .seconds(5 * 60),
        maxOutputBytes: Int = 16 << 20,
        maxTurns: Int? = nil,
        maxTokens: Int64? = nil,
        maxCostMicros: Int64? = nil
    ) {
        self.wallTimeout = wallTimeout
        self.idleTimeout = idleTimeout
        self.maxOutputBytes = maxOutputBytes
        self.maxTurns = maxTurns
        self.maxTokens = maxTokens
        self.maxCostMicros = maxCostMicros
    }
}
