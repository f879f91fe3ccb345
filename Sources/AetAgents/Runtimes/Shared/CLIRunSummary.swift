/// What an agent-CLI runtime reads from its finished run: the parts of the outcome that differ from
/// one CLI to the next. ``CLIAgentRun`` adds the rest (usage from the meter, duration, exit status,
/// logs, prompt file, command line) and puts these warnings after the command builder's and the
/// supervisor's.
struct CLIRunSummary: Sendable, Hashable {
    /// How the run ended.
    var status: AgentRunStatus
    /// The agent's final message.
    var finalText: String
    /// Structured output as JSON text, when the request had a schema and the agent answered it.
    var structuredOutput: String? = nil
    /// The agent's session identifier.
    var sessionID: String? = nil
    /// Whether the agent reported usage (the meter's tokens then mean something).
    var usageReported: Bool
    /// The cost, when the agent reported one.
    var cost: Cost = .unknown
    /// Agent turns, when the CLI counts them.
    var turns: Int? = nil
    /// The agent's own transcript, when it wrote one.
    var transcript: String? = nil
    /// Other files worth keeping (configuration written for the run, the schema, histories).
    var otherArtifacts: [String] = []
    /// Warnings about what the output showed (no result line, lines that were not JSON, …).
    var warnings: [String] = []
}
