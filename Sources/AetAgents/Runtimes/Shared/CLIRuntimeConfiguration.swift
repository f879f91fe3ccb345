#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How an agent-CLI runtime (``ClaudeRuntime``, ``CodexRuntime``, ``AiderRuntime``,
/// ``GeminiRuntime``) runs its program: which binary, which host variables, which sandbox.
///
/// ```swift
/// let configuration = CLIRuntimeConfiguration(
///     hostEnvironment: ProcessInfo.processInfo.environment,   // read once, at the edge
///     executable: ClaudeRuntime.bundledExecutable(home: env["HOME"]))  // nil: `claude` on PATH
/// let runtime = ClaudeRuntime(configuration: configuration)
/// ```
public struct CLIRuntimeConfiguration: Sendable, Hashable {
    /// aet's own environment, read once at the edge (CLI) and passed in. Only the allow-list of
    /// ``environmentPolicy`` and the variables the runtime declares (e.g. `ANTHROPIC_API_KEY`)
    /// reach the agent.
    public var hostEnvironment: [String: String]
    /// The program: an absolute path, or a name looked up in the agent's `PATH`; `nil` for the
    /// runtime's usual name (`claude`, `codex`, `aider`, `gemini`).
    public var executable: String?
    /// Arguments added after the runtime's own flags (e.g. `--edit-format diff` for aider).
    public var extraArguments: [String]
    /// Which variables the agent gets besides the runtime's own.
    public var environmentPolicy: EnvironmentPolicy
    /// The sandbox wrappers.
    public var sandbox: SandboxPolicy
    /// SIGTERM → SIGKILL delay when a run is stopped.
    public var terminationGracePeriod: Duration
    /// The longest output line delivered to the decoder (longer ones are cut).
    public var maxLineBytes: Int
    /// Whether aet runs as root (Claude Code refuses `--dangerously-skip-permissions` as root
    /// unless `IS_SANDBOX=1`).
    public var runsAsRoot: Bool

    /// Creates a configuration.
    /// - Parameters:
    ///   - hostEnvironment: aet's own environment.
    ///   - executable: The program; `nil` for the runtime's usual name on `PATH`.
    ///   - extraArguments: Arguments added after the runtime's flags.
    ///   - environmentPolicy: The environment allow-list.
    ///   - sandbox: The sandbox.
    ///   - terminationGracePeriod: SIGTERM → SIGKILL delay (default 5 s).
    ///   - maxLineBytes: The line cap (default 4 MiB: stream-json lines can be long).
    ///   - runsAsRoot: Whether aet runs as root; `nil` asks the system (effective user id 0).
    public init(
        hostEnvironment: [String: String] = [:],
        executable: String? = nil,
        extraArguments: [String] = [],
        environmentPolicy: EnvironmentPolicy = EnvironmentPolicy(),
        sandbox: SandboxPolicy = .levelZero,
        terminationGracePeriod: Duration = .seconds(5),
        maxLineBytes: Int = 4 << 20,
        runsAsRoot: Bool? = nil
    ) {
        self.hostEnvironment = hostEnvironment
        self.executable = executable
        self.extraArguments = extraArguments
        self.environmentPolicy = environmentPolicy
        self.sandbox = sandbox
        self.terminationGracePeriod = terminationGracePeriod
        self.maxLineBytes = maxLineBytes
        self.runsAsRoot = runsAsRoot ?? (geteuid() == 0)
    }
}
