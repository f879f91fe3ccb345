import AetCore
import Foundation

extension CommandRuntime {
    /// Runs the command for a request.
    ///
    /// Statuses: exit 0 → succeeded; another exit code → failed ("exited with code N"); killed by a
    /// signal aet did not send → crashed; stopped by a timeout → timedOut; calling task cancelled →
    /// cancelled; program not found → notAvailable.
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, each output line as `rawLine`, and warnings.
    /// - Returns: The outcome, after the command's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let files = try AgentRunFiles.prepare(for: request)
        let values: [CommandTemplate.Placeholder: String] = [
            .promptFile: files.prompt, .instructionsFile: files.instructions, .schemaFile: files.schema ?? "",
            .worktree: request.worktree, .ticket: request.ticket.description, .stage: request.stage.rawValue,
            .role: request.roleName, .runID: request.runID.rawValue, .runDirectory: request.runDirectory,
            .model: request.model ?? "", .home: files.home,
        ]
        let argv = template.arguments(with: values)
        var extra = request.environment
        extra.merge([
            "AET_RUN_ID": request.runID.rawValue, "AET_TICKET": request.ticket.description,
            "AET_STAGE": request.stage.rawValue, "AET_ROLE": request.roleName, "AET_WORKTREE": request.worktree,
            "AET_RUN_DIR": request.runDirectory, "AET_PROMPT_FILE": files.prompt, "TMPDIR": files.temporary,
        ]) { _, aet in aet }
        let userHome = configuration.keepsUserHome ? configuration.hostEnvironment["HOME"] : nil
        var environment = configuration.environmentPolicy.makeEnvironment(
            host: configuration.hostEnvironment,
            runtimeVariables: configuration.passThroughVariables,
            home: userHome ?? files.home,
            extra: extra
        )
        if userHome != nil {
            for name in EnvironmentPolicy.homeDirectoryVariables {
                environment[name] = configuration.hostEnvironment[name]  // the user's own, or unset
            }
        }
        let redactor = Redactor(environment: configuration.hostEnvironment).merging(Redactor(environment: environment))
        let command = ProcessCommand(
            executable: argv[0],
            arguments: Array(argv.dropFirst()),
            environment: environment,
            workingDirectory: request.worktree,
            standardInput: configuration.standardInput == .promptFile ? .file(files.prompt) : .closed,
            standardError: configuration.standardError
        )
        let supervisor = ProcessSupervisor(
            configuration: .init(
                wallTimeout: request.limits.wallTimeout,
                idleTimeout: request.limits.idleTimeout,
                terminationGracePeriod: configuration.terminationGracePeriod,
                maxOutputBytes: request.limits.maxOutputBytes,
                maxLineBytes: configuration.maxLineBytes,
                logDirectory: request.runDirectory,
                redactor: redactor,
                sandbox: configuration.sandbox
            )
        )

        var tail = OutputTail(capacity: configuration.finalTextBytes)
        let result: ProcessResult
        do {
            result = try await supervisor.run(command) { event in
                switch event {
                case .spawned(let pid, let commandLine):
                    await events(.started(AgentStart(processID: pid, commandLine: commandLine, model: request.model)))
                case .line(let line):
                    if line.stream == .standardOutput { tail.append(line.bytes) }
                    await events(.rawLine(line.stream, line.text))
                }
                return .proceed
            }
        } catch let error as RuntimeError where error.isExecutableNotFound {
            await events(.warning(error.description))
            return AgentOutcome(
                status: .notAvailable(reason: error.description),
                duration: started.duration(to: .now),
                artifacts: RunArtifacts(promptFile: files.prompt),
                commandLine: CommandLineRendering.render(argv, redactor: redactor)
            )
        }

        let warnings = result.outcomeWarnings(maxOutputBytes: request.limits.maxOutputBytes)
        for warning in warnings { await events(.warning(warning)) }
        return AgentOutcome(
            status: Self.status(for: result),
            finalText: tail.text,
            usage: .zero,
            usageReported: false,
            cost: .unknown,
            duration: started.duration(to: .now),
            turns: nil,
            exitStatus: result.exit,
            artifacts: RunArtifacts(
                standardOutputLog: result.logs?.standardOutput,
                standardErrorLog: result.logs?.standardError,
                promptFile: files.prompt,
                others: [files.instructions] + (files.schema.map { [$0] } ?? [])
            ),
            commandLine: result.commandLine,
            warnings: warnings
        )
    }

    /// The status a process result means for the `command` runtime.
    static func status(for result: ProcessResult) -> AgentRunStatus {
        if let status = result.supervisorStatus { return status }
        if case .requested(let reason) = result.stopReason { return .failed(reason: reason) }
        switch result.exit {
        case .exited(0): return .succeeded
        case .exited(let code): return .failed(reason: "the command exited with code \(code)")
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        }
    }
}
