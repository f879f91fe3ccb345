/// Runs one agent CLI under a ``ProcessSupervisor``: spawns the command, feeds every line to the
/// runtime's decoder, reports raw lines, decoded events and usage, checks the run's budgets with a
/// ``UsageMeter`` and stops the process when one is exceeded.
struct CLIProcessRun: Sendable {
    /// The command (environment complete, stdin decided).
    var command: ProcessCommand
    /// The runtime's configuration.
    var configuration: CLIRuntimeConfiguration
    /// The request's limits.
    var limits: RunLimits
    /// Where `stdout.log` and `stderr.log` go.
    var runDirectory: String
    /// What the `started` event says besides the pid and command line.
    var start: AgentStart

    /// How a run ended.
    enum Ending: Sendable {
        /// The process ran; `violation` is the budget that made aet stop it, if one did.
        case finished(ProcessResult, violation: BudgetViolation?)
        /// The program was not found.
        case notFound(RuntimeError)
    }

    /// The secrets of aet's environment and of the agent's, hidden in logs, lines and the command line.
    var redactor: Redactor {
        Redactor(environment: configuration.hostEnvironment).merging(Redactor(environment: command.environment))
    }

    /// The command line as it would be shown, secrets redacted (for outcomes of runs that never started).
    var renderedCommandLine: String {
        CommandLineRendering.render([command.executable] + command.arguments, redactor: redactor)
    }

    /// Runs the command to its end.
    /// - Parameters:
    ///   - decoder: The runtime's decoder; holds what the outcome needs afterwards.
    ///   - meter: The budget meter, fed with the decoder's usage samples.
    ///   - events: The caller's event callback.
    /// - Returns: How the run ended.
    /// - Throws: ``RuntimeError`` when the sandbox cannot be applied, the logs cannot be created, or
    ///   the spawn fails.
    func run<Decoder: CLIOutputDecoder>(
        decoder: inout Decoder,
        meter: inout UsageMeter,
        events: (AgentEvent) async -> Void
    ) async throws -> Ending {
        let supervisor = ProcessSupervisor(
            configuration: .init(
                wallTimeout: limits.wallTimeout,
                idleTimeout: limits.idleTimeout,
                terminationGracePeriod: configuration.terminationGracePeriod,
                maxOutputBytes: limits.maxOutputBytes,
                maxLineBytes: configuration.maxLineBytes,
                logDirectory: runDirectory,
                redactor: redactor,
                sandbox: configuration.sandbox
            )
        )
        var violation: BudgetViolation?
        let start = self.start
        do {
            let result = try await supervisor.run(command) { event in
                switch event {
                case .spawned(let pid, let commandLine):
                    var start = start
                    start.processID = pid
                    start.commandLine = commandLine
                    await events(.started(start))
                    return .proceed
                case .line(let line):
                    await events(.rawLine(line.stream, line.text))
                    let report = decoder.consume(line)
                    for event in report.events { await events(event) }
                    for usage in report.usage {
                        await events(.usage(usage.sample, cumulative: usage.cumulative))
                        if case .exceeded(let exceeded) = meter.record(usage.sample, cumulative: usage.cumulative),
                            violation == nil
                        {
                            violation = exceeded
                        }
                    }
                    if let violation { return .stop(reason: violation.status.reason ?? violation.message) }
                    return .proceed
                }
            }
            return .finished(result, violation: violation)
        } catch let error as RuntimeError where error.isExecutableNotFound {
            await events(.warning(error.description))
            return .notFound(error)
        }
    }

    /// The outcome of a run whose program was not found: ``AgentRunStatus/notAvailable(reason:)``.
    /// - Parameters:
    ///   - error: The supervisor's error.
    ///   - started: When the run started.
    ///   - files: The run's files.
    ///   - warnings: Warnings of the command builder.
    /// - Returns: The outcome.
    func notAvailableOutcome(
        _ error: RuntimeError,
        started: ContinuousClock.Instant,
        files: AgentRunFiles,
        warnings: [String]
    ) -> AgentOutcome {
        AgentOutcome(
            status: .notAvailable(reason: error.description),
            duration: started.duration(to: .now),
            artifacts: RunArtifacts(promptFile: files.prompt),
            commandLine: renderedCommandLine,
            warnings: warnings
        )
    }
}
