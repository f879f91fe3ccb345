import Foundation

/// One run of an agent CLI from request to outcome: the skeleton ``ClaudeRuntime``,
/// ``CodexRuntime``, ``AiderRuntime`` and ``GeminiRuntime`` share. A runtime gives its command
/// builder, a fresh decoder and its summary (status rule, final text, cost, transcript); the run
/// does the rest:
///
/// 1. writes the run's files (``AgentRunFiles``) and the files the invocation asks for, and reports
///    the builder's warnings;
/// 2. runs the command under the supervisor (``CLIProcessRun``), metering tokens and cost (the CLIs
///    count their turns themselves, if at all, so the meter ignores `maxTurns`);
/// 3. returns ``AgentRunStatus/notAvailable(reason:)`` when the program is missing, else the
///    runtime's summary with the common parts, after reporting the warnings the builder did not.
///
/// ```swift
/// let run = CLIAgentRun(
///     request: request,
///     configuration: configuration,
///     output: CodexOutput(),
///     invocation: CodexCommand.invocation(for:files:configuration:),
///     summary: Self.summary(of:)
/// )
/// return try await run.run(events: events)
/// ```
struct CLIAgentRun<Output: CLIOutputDecoder> {
    /// The command builder: request, the run's files and the configuration to an invocation (pure).
    typealias MakeInvocation = (AgentRunRequest, AgentRunFiles, CLIRuntimeConfiguration) -> CLIInvocation
    /// The runtime's reading of its finished run.
    typealias Summarize = (CLIFinishedRun<Output>) -> CLIRunSummary

    /// The request.
    var request: AgentRunRequest
    /// The runtime's configuration.
    var configuration: CLIRuntimeConfiguration
    /// The text of the prompt file; `nil` for the request's prompt.
    var deliveredPrompt: String?
    /// What the `started` event says besides the pid and command line.
    var start: AgentStart
    /// The decoder, before the first line.
    var output: Output
    /// The command builder.
    var makeInvocation: MakeInvocation
    /// The runtime's summary.
    var summarize: Summarize

    /// Creates a run.
    /// - Parameters:
    ///   - request: The request.
    ///   - configuration: The runtime's configuration.
    ///   - deliveredPrompt: The text of the prompt file; `nil` for the request's prompt.
    ///   - sessionID: The session id the runtime chose up front, if it chooses one (for `started`).
    ///   - output: A fresh decoder.
    ///   - invocation: The command builder.
    ///   - summary: The runtime's reading of the finished run.
    init(
        request: AgentRunRequest,
        configuration: CLIRuntimeConfiguration,
        deliveredPrompt: String? = nil,
        sessionID: String? = nil,
        output: Output,
        invocation: @escaping MakeInvocation,
        summary: @escaping Summarize
    ) {
        self.request = request
        self.configuration = configuration
        self.deliveredPrompt = deliveredPrompt
        self.start = AgentStart(sessionID: sessionID, model: request.model)
        self.output = output
        self.makeInvocation = invocation
        self.summarize = summary
    }

    /// Runs the agent to its end.
    /// - Parameter events: The caller's event callback.
    /// - Returns: The outcome, after the agent's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    func run(events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let files = try AgentRunFiles.prepare(for: request, deliveredPrompt: deliveredPrompt)
        let invocation = makeInvocation(request, files, configuration)
        try invocation.materialize(in: files)
        for warning in invocation.warnings { await events(.warning(warning)) }
        let process = CLIProcessRun(
            command: invocation.command(in: request.worktree),
            configuration: configuration,
            limits: request.limits,
            runDirectory: request.runDirectory,
            start: start
        )
        var output = self.output
        var meterLimits = request.limits
        meterLimits.maxTurns = nil  // the CLI enforces its turn limit itself (or has none)
        var meter = UsageMeter(limits: meterLimits)
        let ran: CLIProcessRun.Ending
        do {
            ran = try await process.run(decoder: &output, meter: &meter, events: events)
        } catch {
            _ = invocation.removeLinks()  // the run failed to start; its error is what matters
            throw error
        }
        let unlinked = invocation.removeLinks()
        switch ran {
        case .notFound(let error):
            return process.notAvailableOutcome(error, started: started, files: files, warnings: invocation.warnings)
        case .finished(let result, let violation):
            let finished = CLIFinishedRun(
                request: request,
                files: files,
                process: result,
                violation: violation,
                output: output,
                meter: meter
            )
            let summary = summarize(finished)
            // The agent's own transcript is kept with the run: it must not keep what the agent printed
            // of a key (`env`, a config file) either.
            var redaction: [String] = []
            for transcript in [summary.transcript].compactMap({ $0 }) + summary.otherArtifacts
            where FileManager.default.fileExists(atPath: transcript) {
                do { try process.redactor.redactFile(at: transcript) } catch {
                    try? FileManager.default.removeItem(atPath: transcript)  // unreadable: not kept at all
                    redaction.append("the transcript \(transcript) could not be redacted and was removed: \(error)")
                }
            }
            let warnings =
                invocation.warnings + result.outcomeWarnings(maxOutputBytes: request.limits.maxOutputBytes)
                + summary.warnings + unlinked + redaction
            for warning in warnings where !invocation.warnings.contains(warning) { await events(.warning(warning)) }
            return finished.outcome(summary, started: started, warnings: warnings)
        }
    }
}
