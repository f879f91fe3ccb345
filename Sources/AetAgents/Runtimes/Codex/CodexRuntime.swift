/// The `codex` runtime: OpenAI Codex CLI (`codex exec --json`), under the process supervisor.
///
/// Each run gets its own `CODEX_HOME` (`<run>/codex-home`, with a `config.toml` written by aet) and
/// `HOME`; the prompt goes on stdin (`-`), the instructions into `config.toml`
/// (`developer_instructions`). Codex's own transcript (`codex-home/sessions/YYYY/MM/DD/rollout-*.jsonl`)
/// stays in the run directory and is reported as the transcript. See ``CodexCommand`` for flags.
///
/// ```swift
/// let runtime = CodexRuntime(configuration: .init(hostEnvironment: env))  // `codex` on PATH
/// ```
///
/// Success is exit 0 with a `turn.completed` and no `turn.failed`. Tokens come from
/// `turn.completed.usage` (cumulative over the thread; each run starts a new thread, and the meter
/// turns totals into this run's delta); Codex reports no cost (``Cost/unknown``). With an output
/// schema the final agent message is the structured output. A `maxTokens` budget is checked at
/// each `turn.completed`.
public struct CodexRuntime: AgentRuntime {
    /// How the runtime runs Codex.
    public var configuration: CLIRuntimeConfiguration

    /// Creates the runtime.
    /// - Parameter configuration: The executable (default `codex` on `PATH`), host environment and sandbox.
    public init(configuration: CLIRuntimeConfiguration = CLIRuntimeConfiguration()) {
        self.configuration = configuration
    }

    public var id: RuntimeID { .codex }

    /// Tokens (no cost), structured output, streamed events, its own command sandbox.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(
            usageReporting: .tokens,
            structuredOutput: true,
            resume: false,
            toolLists: false,
            maxTurns: false,
            streamsEvents: true,
            nativeSandbox: true
        )
    }

    /// Finds the executable and asks it for its version.
    /// - Returns: Available with path and version, or not available with the reason.
    public func probe() async -> RuntimeAvailability {
        await CLIVersionProbe.probe(
            configuration.executable ?? "codex",
            configuration: configuration,
            homeVariables: ["CODEX_HOME"]
        )
    }

    /// The Codex binary of a pip-installed `openai-codex-cli-bin` wheel, when there is one.
    /// - Parameters:
    ///   - home: The user's home directory.
    ///   - virtualEnvironment: `VIRTUAL_ENV`, when set.
    /// - Returns: The binary's path, or `nil`.
    public static func bundledExecutable(home: String?, virtualEnvironment: String? = nil) -> String? {
        AgentCLILocator.codexCLIBinary(
            in: AgentCLILocator.pythonPackageDirectories(home: home, virtualEnvironment: virtualEnvironment)
        )
    }
}
