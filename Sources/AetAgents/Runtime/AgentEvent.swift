/// One normalized thing that happened while an agent ran, the same shape for every runtime.
public enum AgentEvent: Sendable, Hashable {
    /// The agent started (its process spawned, or its session opened).
    case started(AgentStart)
    /// Text the agent wrote; `isFinal` marks its final answer.
    case assistantText(String, isFinal: Bool)
    /// The agent called a tool.
    case toolCall(ToolCall)
    /// A tool call returned.
    case toolResult(ToolResult)
    /// The agent changed a file (as reported by the agent or seen by aet).
    case fileChanged(path: String, kind: FileChangeKind)
    /// The agent ran a command.
    case commandRan(command: String, exitCode: Int32?)
    /// Tokens and cost so far: `cumulative` samples are session totals, others are deltas.
    case usage(UsageSample, cumulative: Bool)
    /// Something worth knowing that did not stop the run (e.g. "Reconnecting…", output dropped).
    case warning(String)
    /// One line of the agent's raw output (secrets redacted), kept for the audit trail.
    case rawLine(StandardStream, String)
    /// aet refused something the agent tried (a path outside the worktree, a command not allowed);
    /// the run goes on and the executor records it as a `security.violation` event.
    case securityViolation(SecurityRefusal)
}

/// Something an agent tried that aet refused.
public struct SecurityRefusal: Sendable, Hashable {
    /// What was attempted, e.g. `write_file`.
    public var operation: String
    /// The offending path or input, shortened and with control characters escaped.
    public var subject: String
    /// Why it was refused.
    public var reason: String

    /// Creates a refusal record.
    /// - Parameters:
    ///   - operation: What was attempted.
    ///   - subject: The offending path or input (shortened to 200 characters here).
    ///   - reason: Why it was refused.
    public init(operation: String, subject: String, reason: String) {
        self.operation = String(operation.prefix(60))
        self.subject = String(
            subject.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) }.prefix(200))
        self.reason = reason
    }
}

/// What is known when an agent starts.
public struct AgentStart: Sendable, Hashable {
    /// The agent's process identifier, when it runs as a process.
    public var processID: Int32?
    /// The command line that was run, secrets redacted.
    public var commandLine: String?
    /// The agent's own session identifier, when it reports one.
    public var sessionID: String?
    /// The model the agent reports using.
    public var model: String?
    /// The agent's version, when it reports one.
    public var runtimeVersion: String?

    /// Creates a start record.
    /// - Parameters:
    ///   - processID: The process identifier.
    ///   - commandLine: The redacted command line.
    ///   - sessionID: The session identifier.
    ///   - model: The model.
    ///   - runtimeVersion: The agent's version.
    public init(
        processID: Int32? = nil,
        commandLine: String? = nil,
        sessionID: String? = nil,
        model: String? = nil,
        runtimeVersion: String? = nil
    ) {
        self.processID = processID
        self.commandLine = commandLine
        self.sessionID = sessionID
        self.model = model
        self.runtimeVersion = runtimeVersion
    }
}

/// A tool call made by an agent.
public struct ToolCall: Sendable, Hashable {
    /// The call's identifier, to match its result.
    public var id: String
    /// The tool's name, e.g. `Write` or `run_command`.
    public var name: String
    /// The tool's input as JSON text.
    public var inputJSON: String

    /// Creates a tool call.
    /// - Parameters:
    ///   - id: The call's identifier.
    ///   - name: The tool's name.
    ///   - inputJSON: The input as JSON text.
    public init(id: String, name: String, inputJSON: String) {
        self.id = id
        self.name = name
        self.inputJSON = inputJSON
    }
}

/// The result of a tool call.
public struct ToolResult: Sendable, Hashable {
    /// The identifier of the call this answers.
    public var id: String
    /// Whether the tool failed.
    public var isError: Bool
    /// The start of the tool's output, for display.
    public var outputPreview: String

    /// Creates a tool result.
    /// - Parameters:
    ///   - id: The call's identifier.
    ///   - isError: Whether the tool failed.
    ///   - outputPreview: The start of the output.
    public init(id: String, isError: Bool, outputPreview: String) {
        self.id = id
        self.isError = isError
        self.outputPreview = outputPreview
    }
}

/// How a file changed.
public enum FileChangeKind: String, Sendable, Hashable, Codable {
    case created
    case modified
    case deleted
}
