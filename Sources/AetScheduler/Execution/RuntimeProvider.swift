public import AetAgents
public import AetCore

/// Makes the runtime that runs a stage for a role (the CLI maps runtime ids, config and
/// environment to runtimes; tests hand in their own).
public protocol RuntimeProvider: Sendable {
    /// The runtime for one run.
    /// - Parameters:
    ///   - role: The stage's role (its `runtime:`, `command:`, model, tools).
    ///   - stage: The stage.
    ///   - testCommand: The project's test command, for roles that run it.
    /// - Returns: The runtime.
    /// - Throws: A `ValidationFailure` or `RuntimeError` saying why no runtime can be made (recorded as a failed run).
    func runtime(for role: Role, stage: Pipeline.Stage, testCommand: String?) throws -> any AgentRuntime
}
