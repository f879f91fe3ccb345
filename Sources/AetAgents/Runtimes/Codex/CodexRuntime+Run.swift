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
        var login: String?
        if case .found(let credentials) = Self.credentials(in: configuration.hostEnvironment) {
            login = credentials.loginFile
        }
        let run = CLIAgentRun(
            request: request,
            configuration: configuration,
            output: CodexOutput(),
            invocation: { CodexCommand.invocation(for: $0, files: $1, configuration: $2, login: login) },
            summary: Self.summary(of:)
        )
        return try await run.run(events: events)
    }

    /// What a finished Codex run produced: the last agent message (with an output schema, also the
    /// structured output), the thread, the turns, the rollout file.
    static func summary(of run: CLIFinishedRun<CodexOutput>) -> CLIRunSummary {
        let output = run.output
        var warnings: [String] = []
        if output.triage.unparseableLines > 0 {
            warnings.append("\(output.triage.unparseableLines) line(s) of Codex's output were not JSON")
        }
        var structured: String?
        if run.request.outputSchema != nil, let message = output.lastAgentMessage {
            structured = JSONLine.object(message).flatMap { JSONLine.text($0) }
            if structured == nil { warnings.append("Codex's final message is not a JSON object: no structured output") }
        }
        let status = Self.status(of: run)
        if output.completedTurns == 0, status != .succeeded, let line = output.triage.lastErrorLine {
            warnings.append("Codex's last error output: \(line)")
        }
        return CLIRunSummary(
            status: status,
            finalText: output.lastAgentMessage ?? "",
            structuredOutput: structured,
            sessionID: output.threadID,
            usageReported: output.completedTurns > 0,
            turns: output.completedTurns,
            transcript: Self.transcript(thread: output.threadID, files: run.files),
            otherArtifacts: [CodexCommand.codexHome(in: run.files) + "/config.toml"]
                + (run.files.schema.map { [$0] } ?? []),
            warnings: warnings
        )
    }

    /// How a Codex run ended: aet's stops, then `turn.failed`, the exit code and `turn.completed`.
    static func status(of run: CLIFinishedRun<CodexOutput>) -> AgentRunStatus {
        if let status = run.stopStatus { return status }
        let output = run.output
        if let failure = output.turnFailure { return .failed(reason: "Codex's turn failed: \(failure)") }
        switch run.process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(let code) where code != 0:
            if let error = output.lastError { return .failed(reason: "Codex exited with code \(code): \(error)") }
            return .crashed(exitCode: code, signal: nil)
        case .exited:
            guard output.completedTurns > 0 else { return .crashed(exitCode: 0, signal: nil) }
            return run.successStatus
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
