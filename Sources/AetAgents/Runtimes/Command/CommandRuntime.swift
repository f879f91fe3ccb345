/// The `command` runtime: runs any command line, templated, under the process supervisor.
///
/// Used for deterministic stages (the `test` gate runs the project's test command) and for custom
/// agents. Success is exit code 0; the final text is the last ``Configuration/finalTextBytes`` of the
/// output (stdout, or stdout and stderr as written); tokens are "not reported" and the cost is unknown (never 0).
///
/// ```swift
/// let runtime = try CommandRuntime(
///     template: "./agent.sh {prompt_file} {worktree} {ticket}",
///     configuration: .init(hostEnvironment: ProcessInfo.processInfo.environment))  // read at the edge
/// let outcome = try await runtime.run(request) { event in log(event) }
/// ```
///
/// Before the command starts, the run directory gets `home/` (the agent's HOME), `prompt.md`,
/// `instructions.md` and, when the request has one, `output-schema.json`; after it, `stdout.log` and
/// `stderr.log`. Besides the placeholders (see ``CommandTemplate``), the command finds `AET_RUN_ID`,
/// `AET_TICKET`, `AET_STAGE`, `AET_ROLE`, `AET_WORKTREE`, `AET_RUN_DIR` and `AET_PROMPT_FILE` in its
/// environment.
public struct CommandRuntime: AgentRuntime {
    /// How the runtime runs its command.
    public struct Configuration: Sendable, Hashable {
        /// aet's own environment, read once at the edge (CLI) and passed in; only allow-listed
        /// variables reach the command.
        public var hostEnvironment: [String: String]
        /// Which variables the command gets.
        public var environmentPolicy: EnvironmentPolicy
        /// Extra names copied from ``hostEnvironment`` beyond the policy's allow-list (e.g. a key a
        /// custom agent needs).
        public var passThroughVariables: Set<String>
        /// The sandbox.
        public var sandbox: SandboxPolicy
        /// What the command reads on stdin.
        public var standardInput: InputDelivery
        /// Where the command's stderr goes: its own stream (the final text is then the end of stdout
        /// alone), or merged into stdout as written (the final text is the end of both, interleaved as
        /// a terminal shows them; the test gate uses this, as test runners report on either stream).
        public var standardError: StandardErrorDestination
        /// Whether the command keeps the user's `HOME` (and XDG directories) instead of the run's own
        /// home: the project's test command does, as toolchain managers find their tools through it
        /// (pyenv's `python3` shim, rustup's `cargo`, nvm); agents get a home of their own.
        public var keepsUserHome: Bool
        /// How much of the end of the output becomes the final text.
        public var finalTextBytes: Int
        /// SIGTERM → SIGKILL delay when a run is stopped.
        public var terminationGracePeriod: Duration
        /// The longest line delivered as an event.
        public var maxLineBytes: Int

        /// What the command reads on stdin.
        public enum InputDelivery: Sendable, Hashable {
            /// Nothing (`/dev/null`).
            case closed
            /// The prompt file.
            case promptFile
        }

        /// Creates a configuration.
        /// - Parameters:
        ///   - hostEnvironment: aet's own environment.
        ///   - environmentPolicy: Which variables the command gets.
        ///   - passThroughVariables: Extra names copied from the host environment.
        ///   - sandbox: The sandbox.
        ///   - standardInput: What the command reads on stdin (closed by default).
        ///   - standardError: Where stderr goes (its own stream by default).
        ///   - keepsUserHome: Whether the command keeps the user's HOME (no by default).
        ///   - finalTextBytes: The size of the final text (default 16 KiB).
        ///   - terminationGracePeriod: SIGTERM → SIGKILL delay (default 5 s).
        ///   - maxLineBytes: The line cap (default 1 MiB).
        public init(
            hostEnvironment: [String: String] = [:],
            environmentPolicy: EnvironmentPolicy = EnvironmentPolicy(),
            passThroughVariables: Set<String> = [],
            sandbox: SandboxPolicy = .levelZero,
            standardInput: InputDelivery = .closed,
            standardError: StandardErrorDestination = .separate,
            keepsUserHome: Bool = false,
            finalTextBytes: Int = 16 << 10,
            terminationGracePeriod: Duration = .seconds(5),
            maxLineBytes: Int = 1 << 20
        ) {
            self.hostEnvironment = hostEnvironment
            self.environmentPolicy = environmentPolicy
            self.passThroughVariables = passThroughVariables
            self.sandbox = sandbox
            self.standardInput = standardInput
            self.standardError = standardError
            self.keepsUserHome = keepsUserHome
            self.finalTextBytes = finalTextBytes
            self.terminationGracePeriod = terminationGracePeriod
            self.maxLineBytes = maxLineBytes
        }
    }

    /// The command line.
    public let template: CommandTemplate
    /// How it runs.
    public var configuration: Configuration

    public var id: RuntimeID { .command }

    /// Nothing beyond running a command: no usage, no structured output, no turns.
    public var capabilities: RuntimeCapabilities { RuntimeCapabilities() }

    /// Creates the runtime from a template string.
    /// - Parameters:
    ///   - template: The command line with placeholders.
    ///   - configuration: How it runs.
    /// - Throws: ``RuntimeError/invalidCommandTemplate(_:file:line:)`` when the template cannot be used.
    public init(template: String, configuration: Configuration = Configuration()) throws(RuntimeError) {
        self.init(template: try CommandTemplate(parsing: template), configuration: configuration)
    }

    /// Creates the runtime from a parsed template.
    /// - Parameters:
    ///   - template: The command line.
    ///   - configuration: How it runs.
    public init(template: CommandTemplate, configuration: Configuration = Configuration()) {
        self.template = template
        self.configuration = configuration
    }

    /// Looks for the template's program in the agent's `PATH`, and for the sandbox tools.
    /// - Returns: Available when the program is found (or only known at run time), with notes.
    public func probe() async -> RuntimeAvailability {
        var notes: [String] = []
        if let prlimit = configuration.sandbox.prlimitPath {
            notes.append("resource limits via \(prlimit)")
        } else if configuration.sandbox.resourceLimitEnforcement != .off {
            notes.append("prlimit (util-linux) not installed: runs without resource limits")
        }
        guard let program = template.literalExecutable else {
            notes.append("the program is a placeholder: resolved at run time")
            return RuntimeAvailability(isAvailable: true, notes: notes)
        }
        if program.contains("/") && !program.hasPrefix("/") {
            notes.append("'\(program)' is resolved in the worktree at run time")
            return RuntimeAvailability(isAvailable: true, notes: notes)
        }
        let path = configuration.hostEnvironment["PATH"] ?? EnvironmentPolicy.fallbackPath
        guard let found = ExecutableLocator.locate(program, searchPath: path, workingDirectory: "/") else {
            return RuntimeAvailability(
                isAvailable: false,
                reason: "'\(program)' was not found on PATH or is not executable",
                notes: notes
            )
        }
        return RuntimeAvailability(isAvailable: true, executablePath: found, notes: notes)
    }
}
