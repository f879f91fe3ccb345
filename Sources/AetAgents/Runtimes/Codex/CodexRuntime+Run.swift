import Foundation

extension CodexRuntime {
    /// Runs Codex for a request (see ``CodexRuntime`` for the statuses and accounting).
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, raw lines, agent messages, commands, file changes, usage and warnings.
    /// - Returns: The outcome, after Codex's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let files = try AgentRunFiles.prepare(for: request)
        let invocation = CodexCommand.invocation(for: request, files: files, configuration: configuration)
        try invocation.materialize(in: files)
        for warning in invocation.warnings { await events(.warning(warning)) }
        let run = CLIProcessRun(
            command: invocation.command(in: request.worktree),
            configuration: configuration,
            limits: request.limits,
            runDirectory: request.runDirectory,
            start: AgentStart(model: request.model)
        )
        var output = CodexOutput()
        var limits = request.limits
        limits.maxTurns = nil  // a Codex exec run is one turn
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
        var warnings = invocation.warnings + process.outcomeWarnings(maxOutputBytes: request.limits.maxOutputBytes)
        if output.unparseableLines > 0 {
            warnings.append("\(output.unparseableLines) line(s) of Codex's output were not JSON")
        }
        var structured: String?
        if request.outputSchema != nil, let message = output.lastAgentMessage {
            structured = JSONLine.object(message).flatMap { JSONLine.text($0) }
            if structured == nil { warnings.append("Codex's final message is not a JSON object: no structured output") }
        }
        let status = Self.status(process: process, violation: violation, output: output, meter: meter)
        if output.completedTurns == 0, status != .succeeded, let line = output.lastErrorLine {
            warnings.append("Codex's last error output: \(line)")
        }
        for warning in warnings where !invocation.warnings.contains(warning) { await events(.warning(warning)) }
        return AgentOutcome(
            status: status,
            finalText: output.lastAgentMessage ?? "",
            structuredOutput: structured,
            sessionID: output.threadID,
            usage: meter.usage,
            usageReported: output.completedTurns > 0,
            cost: .unknown,
            duration: started.duration(to: .now),
            turns: output.completedTurns,
            exitStatus: process.exit,
            artifacts: RunArtifacts(
                standardOutputLog: process.logs?.standardOutput,
                standardErrorLog: process.logs?.standardError,
                promptFile: files.prompt,
                transcript: Self.transcript(thread: output.threadID, files: files),
                others: [CodexCommand.codexHome(in: files) + "/config.toml"] + (files.schema.map { [$0] } ?? [])
            ),
            commandLine: process.commandLine,
            warnings: warnings
        )
    }

    /// How a Codex run ended: aet's stops, then `turn.failed`, the exit code and `turn.completed`.
    static func status(
        process: ProcessResult,
        violation: BudgetViolation?,
        output: CodexOutput,
        meter: UsageMeter
    ) -> AgentRunStatus {
        if let status = process.supervisorStatus { return status }
        if let violation { return violation.status }
        if let failure = output.turnFailure { return .failed(reason: "Codex's turn failed: \(failure)") }
        switch process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(let code) where code != 0:
            if let error = output.lastError { return .failed(reason: "Codex exited with code \(code): \(error)") }
            return .crashed(exitCode: code, signal: nil)
        case .exited:
            guard output.completedTurns > 0 else { return .crashed(exitCode: 0, signal: nil) }
            if case .exceeded(let late) = meter.check() { return late.status }
            return .succeeded
        }
    }

    /// Codex's rollout file of a thread: `<CODEX_HOME>/sessions/**/rollout-*-<thread>.jsonl`.
    static func transcript(thread: String?, files: AgentRunFiles) -> String? {
        let sessions = CodexCommand.codexHome(in: files) + "/sessions"
        guard let enumerator = FileManager.default.enumerator(atPath: sessions) else { return nil }
        var candidates: [String] = []
        for case let relative as String in enumerator {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("rollout-"), name.hasSuffix(".jsonl") else { continue }
            candidates.append(sessions + "/" + relative)
        }
        if let thread, let match = candidates.first(where: { $0.hasSuffix("-\(thread).jsonl") }) { return match }
        return candidates.sorted().last
    }
}
