/// The `claude` runtime: Claude Code in print mode (`claude -p --output-format stream-json
/// --verbose`), under the process supervisor.
///
/// Each run gets its own `CLAUDE_CONFIG_DIR` (`<run>/claude-config`) and `HOME` in the run
/// directory, a session id chosen up front (`--session-id`), the prompt on stdin (`prompt.md`) and
/// the role's instructions through `--append-system-prompt-file instructions.md`. Claude Code's own
/// transcript (`claude-config/projects/<cwd slug>/<session>.jsonl`) stays in the run directory and
/// is reported as the outcome's transcript. See ``ClaudeCommand`` for the permission flags.
/// Credentials (``credentials(in:now:)``): `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN` and
/// `CLAUDE_CODE_OAUTH_TOKEN` pass through; without them the user's `.credentials.json` is linked
/// (never copied) into the run's config directory while Claude Code runs.
///
/// ```swift
/// let runtime = ClaudeRuntime(configuration: .init(hostEnvironment: env))  // `claude` on PATH
/// let outcome = try await runtime.run(request) { event in log(event) }
/// ```
///
/// Success is exit 0 with a `success` result whose `is_error` is false. Tokens are the result's
/// `usage` (this invocation), the cost Claude Code's `total_cost_usd` (reported; the session is new
/// each run). While it runs, each assistant message's usage is metered against `maxTokens`, and the
/// run is stopped (``AgentRunStatus/budgetExceeded(_:)``) when it passes; `maxTurns` becomes
/// `--max-turns` and `maxCostMicros` also `--max-budget-usd`.
public struct ClaudeRuntime: AgentRuntime {
    /// How the runtime runs Claude Code.
    public var configuration: CLIRuntimeConfiguration

    /// Creates the runtime.
    /// - Parameter configuration: The executable (default `claude` on `PATH`), host environment and sandbox.
    public init(configuration: CLIRuntimeConfiguration = CLIRuntimeConfiguration()) {
        self.configuration = configuration
    }

    public var id: RuntimeID { .claude }

    /// Tokens and cost, structured output, tool lists, turn limits, streamed events.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(
            usageReporting: .tokensAndCost,
            structuredOutput: true,
            resume: false,
            toolLists: true,
            maxTurns: true,
            streamsEvents: true,
            nativeSandbox: false
        )
    }

    /// Finds the executable and asks it for its version.
    /// - Returns: Available with path and version, or not available with the reason.
    public func probe() async -> RuntimeAvailability {
        await CLIVersionProbe.probe(
            configuration.executable ?? "claude",
            configuration: configuration,
            homeVariables: ["CLAUDE_CONFIG_DIR"]
        )
    }

    /// The Claude Code binary bundled in a pip-installed `claude-agent-sdk` wheel, when there is one
    /// (for ``CLIRuntimeConfiguration/executable`` when `claude` is not on `PATH`, and `aet doctor`).
    /// - Parameters:
    ///   - home: The user's home directory (pyenv and user-site installs live there).
    ///   - virtualEnvironment: `VIRTUAL_ENV`, when set.
    /// - Returns: The binary's path, or `nil`.
    public static func bundledExecutable(home: String?, virtualEnvironment: String? = nil) -> String? {
        AgentCLILocator.claudeAgentSDKBinary(
            in: AgentCLILocator.pythonPackageDirectories(home: home, virtualEnvironment: virtualEnvironment)
        )
    }
}
