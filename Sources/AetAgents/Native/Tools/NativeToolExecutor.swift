/// Runs the native loop's tools (see ``NativeToolCatalog``) against one worktree.
///
/// Every path goes through the ``PathGuard``; `run_command` goes through the
/// ``ProcessSupervisor`` (`/bin/sh -c <command>`, cwd = the worktree, the run's environment
/// policy, bounded by the run's time limits, output capped) and the ``PermissionPolicy``. A refused
/// path or command is answered to the model as an error result, so the run goes on, and reported as
/// ``AgentEvent/securityViolation(_:)``. Changes are reported as ``AgentEvent/fileChanged(path:kind:)``
/// and ``AgentEvent/commandRan(command:exitCode:)``.
///
/// ```swift
/// let executor = NativeToolExecutor(worktree: request.worktree, permission: .editWorkspace, home: runDir + "/home")
/// let result = await executor.execute(call) { event in print(event) }
/// ```
public struct NativeToolExecutor: Sendable {
    /// Caps and command settings.
    public struct Configuration: Sendable, Hashable {
        /// The most bytes of one tool result given to the model.
        public var maxOutputBytes: Int
        /// The largest file `read_file` and `edit_file` read.
        public var maxFileBytes: Int
        /// The most entries `list_files` answers.
        public var maxListEntries: Int
        /// The most matching lines `search` answers.
        public var maxSearchMatches: Int
        /// The longest one `run_command` may run (the run's wall clock may cut it shorter).
        public var commandTimeout: Duration
        /// Which variables commands get (built from nothing, as for CLI agents).
        public var environmentPolicy: EnvironmentPolicy
        /// The sandbox around commands.
        public var sandbox: SandboxPolicy
        /// SIGTERM → SIGKILL delay when a command is stopped.
        public var terminationGracePeriod: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - maxOutputBytes: The per-result cap (default 64 KiB).
        ///   - maxFileBytes: The file-size cap (default 4 MiB).
        ///   - maxListEntries: The listing cap (default 2000).
        ///   - maxSearchMatches: The match cap (default 200).
        ///   - commandTimeout: The per-command limit (default 10 minutes).
        ///   - environmentPolicy: The command environment policy.
        ///   - sandbox: The command sandbox.
        ///   - terminationGracePeriod: SIGTERM → SIGKILL delay (default 5 s).
        public init(
            maxOutputBytes: Int = 64 << 10,
            maxFileBytes: Int = 4 << 20,
            maxListEntries: Int = 2000,
            maxSearchMatches: Int = 200,
            commandTimeout: Duration = .seconds(600),
            environmentPolicy: EnvironmentPolicy = EnvironmentPolicy(),
            sandbox: SandboxPolicy = .levelZero,
            terminationGracePeriod: Duration = .seconds(5)
        ) {
            self.maxOutputBytes = maxOutputBytes
            self.maxFileBytes = maxFileBytes
            self.maxListEntries = maxListEntries
            self.maxSearchMatches = maxSearchMatches
            self.commandTimeout = commandTimeout
            self.environmentPolicy = environmentPolicy
            self.sandbox = sandbox
            self.terminationGracePeriod = terminationGracePeriod
        }
    }

    /// The worktree's guard.
    public let pathGuard: PathGuard
    /// What the agent may do.
    public let permission: PermissionPolicy
    /// The per-run home directory commands get as `HOME` (created by the caller).
    public let home: String
    /// aet's own environment (only allow-listed names reach commands).
    public var hostEnvironment: [String: String]
    /// Extra variables for commands, already allow-listed (the request's environment).
    public var extraEnvironment: [String: String]
    /// When commands must be over at the latest (the run's wall-clock deadline).
    public var deadline: ContinuousClock.Instant?
    /// The longest a command may print nothing.
    public var idleTimeout: Duration?
    /// Caps and command settings.
    public var configuration: Configuration

    /// Creates an executor.
    /// - Parameters:
    ///   - worktree: The worktree's absolute path.
    ///   - permission: What the agent may do.
    ///   - home: The per-run home directory for commands.
    ///   - hostEnvironment: aet's own environment.
    ///   - extraEnvironment: Extra, already allow-listed variables.
    ///   - deadline: The run's wall-clock deadline.
    ///   - idleTimeout: The silence limit for commands.
    ///   - configuration: Caps and command settings.
    public init(
        worktree: String,
        permission: PermissionPolicy,
        home: String,
        hostEnvironment: [String: String] = [:],
        extraEnvironment: [String: String] = [:],
        deadline: ContinuousClock.Instant? = nil,
        idleTimeout: Duration? = nil,
        configuration: Configuration = Configuration()
    ) {
        self.pathGuard = PathGuard(root: worktree)
        self.permission = permission
        self.home = home
        self.hostEnvironment = hostEnvironment
        self.extraEnvironment = extraEnvironment
        self.deadline = deadline
        self.idleTimeout = idleTimeout
        self.configuration = configuration
    }

    /// Runs one tool call.
    /// - Parameters:
    ///   - call: The call.
    ///   - events: Receives `fileChanged`, `commandRan` and `securityViolation` events.
    /// - Returns: The result for the model; failures and refusals are error results starting `Error:`.
    public func execute(_ call: ToolUse, events: (AgentEvent) async -> Void) async -> ToolResultBlock {
        let output: ToolOutput
        do {
            let arguments = try ToolArguments(tool: call.name, input: call.input).validated()
            switch call.name {
            case NativeToolCatalog.readFile: output = try readFile(arguments)
            case NativeToolCatalog.listFiles: output = try listFiles(arguments)
            case NativeToolCatalog.search: output = try await search(arguments)
            case NativeToolCatalog.writeFile:
                try requireEdits(call.name, arguments.optionalString("path") ?? "")
                output = try await writeFile(arguments, events: events)
            case NativeToolCatalog.editFile:
                try requireEdits(call.name, arguments.optionalString("path") ?? "")
                output = try await editFile(arguments, events: events)
            case NativeToolCatalog.runCommand:
                output = try await runCommand(arguments, events: events)
            default:
                let known = NativeToolCatalog.definitions(for: permission).map(\.name).joined(separator: ", ")
                output = .failure("there is no tool `\(call.name)`; the tools are: \(known)")
            }
        } catch let refusal as ToolRefusal {
            await events(
                .securityViolation(
                    SecurityRefusal(operation: call.name, subject: refusal.subject, reason: refusal.reason)
                )
            )
            output = .failure("refused: \(refusal.reason)")
        } catch let failure as ToolArguments.Failure {
            output = .failure(failure.message)
        } catch {
            output = .failure("\(error)")
        }
        let content = ToolOutputCap.apply(output.content, maxBytes: configuration.maxOutputBytes)
        return ToolResultBlock(toolUseID: call.id, content: content, isError: output.isError)
    }

    /// Resolves a path, turning a refusal into a ``ToolRefusal``.
    func resolve(_ path: String, for access: PathGuard.Access) throws(ToolRefusal) -> ResolvedPath {
        do {
            return try pathGuard.resolve(path, for: access)
        } catch {
            throw ToolRefusal(subject: path, reason: "'\(path.prefix(200))': \(error.reason)")
        }
    }

    private func requireEdits(_ tool: String, _ path: String) throws(ToolRefusal) {
        if permission == .readOnly {
            throw ToolRefusal(subject: path, reason: "the run is read-only: \(tool) is not allowed")
        }
    }
}

/// What a tool produced.
struct ToolOutput {
    var content: String
    var isError: Bool

    static func success(_ content: String) -> ToolOutput { ToolOutput(content: content, isError: false) }
    static func failure(_ message: String) -> ToolOutput { ToolOutput(content: "Error: " + message, isError: true) }
}

/// A path or command aet refused for security: reported as an event and as an error result.
struct ToolRefusal: Error {
    var subject: String
    var reason: String
}
