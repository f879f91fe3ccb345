import Foundation

/// The `aider` runtime: aider with one message (`aider --message-file … --yes-always`), under the
/// process supervisor. See ``AiderCommand`` for the flags and permission mapping.
///
/// ```swift
/// let runtime = AiderRuntime(configuration: .init(hostEnvironment: env, extraArguments: ["--edit-format", "diff"]))
/// ```
///
/// Success is exit 0 with no model API error left unanswered (aider prints `litellm.…Error` and
/// still exits 0). aider has no JSON output: tokens come from its last `Tokens: … sent, … received.`
/// line (counts over 1000 rounded by aider, e.g. `2.3k`), the cost from `Cost: … $X session.` when
/// aider knows the model's price; otherwise the cost is ``Cost/unknown`` and, without a `Tokens:`
/// line, tokens are "not reported". The final text is the end of stdout. aider's chat, input and
/// LLM histories are kept in `<run>/aider/` (the LLM history is the transcript).
public struct AiderRuntime: AgentRuntime {
    /// How the runtime runs aider.
    public var configuration: CLIRuntimeConfiguration

    /// Creates the runtime.
    /// - Parameter configuration: The executable (default `aider` on `PATH`), host environment and sandbox.
    public init(configuration: CLIRuntimeConfiguration = CLIRuntimeConfiguration()) {
        self.configuration = configuration
    }

    public var id: RuntimeID { .aider }

    /// Tokens and cost from text lines, nothing structured.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(usageReporting: .tokensAndCost)
    }

    /// Finds the executable and asks it for its version.
    /// - Returns: Available with path and version, or not available with the reason.
    public func probe() async -> RuntimeAvailability {
        await CLIVersionProbe.probe(configuration.executable ?? "aider", configuration: configuration)
    }

    /// Runs aider for a request.
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, raw lines, file edits, usage and warnings.
    /// - Returns: The outcome, after aider's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let files = try AgentRunFiles.prepare(
            for: request,
            deliveredPrompt: AgentRunFiles.promptWithInstructions(request)
        )
        let invocation = AiderCommand.invocation(for: request, files: files, configuration: configuration)
        try invocation.materialize(in: files)
        for warning in invocation.warnings { await events(.warning(warning)) }
        let run = CLIProcessRun(
            command: invocation.command(in: request.worktree),
            configuration: configuration,
            limits: request.limits,
            runDirectory: request.runDirectory,
            start: AgentStart(model: request.model)
        )
        var output = AiderOutput(worktree: request.worktree)
        var limits = request.limits
        limits.maxTurns = nil  // aider does not count turns
        var meter = UsageMeter(limits: limits)
        let process: ProcessResult
        let violation: BudgetViolation?
        switch try await run.run(decoder: &output, meter: &meter, events: events) {
        case .notFound(let error):
            return run.notAvailableOutcome(error, started: started, files: files, warnings: invocation.warnings)
        case .finished(let result, let exceeded):
            process = result
            violation = exceeded
        }
        let warnings = invocation.warnings + process.outcomeWarnings(maxOutputBytes: request.limits.maxOutputBytes)
        for warning in warnings where !invocation.warnings.contains(warning) { await events(.warning(warning)) }
        let history = AiderCommand.historyDirectory(in: files)
        let transcript = history + "/llm-history.log"
        return AgentOutcome(
            status: Self.status(process: process, violation: violation, output: output, meter: meter),
            finalText: output.tail.text,
            usage: meter.usage,
            usageReported: output.tokens != nil,
            cost: output.sessionCostMicros.map { .reported(micros: $0) } ?? .unknown,
            duration: started.duration(to: .now),
            exitStatus: process.exit,
            artifacts: RunArtifacts(
                standardOutputLog: process.logs?.standardOutput,
                standardErrorLog: process.logs?.standardError,
                promptFile: files.prompt,
                transcript: FileManager.default.fileExists(atPath: transcript) ? transcript : nil,
                others: [history + "/chat-history.md", files.instructions].filter(FileManager.default.fileExists)
            ),
            commandLine: process.commandLine,
            warnings: warnings
        )
    }

    /// How an aider run ended: aet's stops, the exit code, then an unanswered model API error.
    static func status(
        process: ProcessResult,
        violation: BudgetViolation?,
        output: AiderOutput,
        meter: UsageMeter
    ) -> AgentRunStatus {
        if let status = process.supervisorStatus { return status }
        if let violation { return violation.status }
        switch process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(let code) where code != 0:
            let detail = output.pendingAPIError ?? output.lastErrorLine
            return .failed(reason: "aider exited with code \(code)" + (detail.map { ": \($0)" } ?? ""))
        case .exited:
            if let error = output.pendingAPIError {
                return .failed(reason: "aider reported a model API error: \(error)")
            }
            if case .exceeded(let late) = meter.check() { return late.status }
            return .succeeded
        }
    }
}
