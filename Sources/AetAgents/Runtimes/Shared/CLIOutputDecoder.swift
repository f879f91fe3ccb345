/// The pure half of an agent-CLI runtime that reads its output: fed every line in order, it
/// returns the normalized events and usage samples the line carries, and keeps what the final
/// outcome needs (the result line, the session id, the last message, failures seen).
protocol CLIOutputDecoder: Sendable {
    /// Reads one line of the agent's stdout or stderr.
    /// - Parameter line: The line (redacted, without its newline).
    /// - Returns: What the line says.
    mutating func consume(_ line: OutputLine) -> CLILineReport
}

/// What one output line of an agent CLI says.
struct CLILineReport: Sendable, Hashable {
    /// Normalized events, in order (raw lines are reported by the driver, not here).
    var events: [AgentEvent] = []
    /// Usage samples for the budget meter; each is also reported as a ``AgentEvent/usage(_:cumulative:)`` event.
    var usage: [UsageReport] = []

    /// One usage sample and whether it is a session total or a delta.
    struct UsageReport: Sendable, Hashable {
        var sample: UsageSample
        var cumulative: Bool
    }

    /// Nothing.
    static let empty = CLILineReport()
}
