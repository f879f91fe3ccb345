import Foundation

extension ClaudeRuntime {
    /// Runs Claude Code for a request (see ``ClaudeRuntime`` for the statuses and accounting).
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, raw lines, assistant text, tool calls and results, file
    ///     changes, usage and warnings.
    /// - Returns: The outcome, after Claude Code's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let files = try AgentRunFiles.prepare(for: request)
        let sessionID = UUID().uuidString.lowercased()
        let invocation = ClaudeCommand.invocation(
            for: request,
            files: files,
            sessionID: sessionID,
            configuration: configuration
        )
        try invocation.materialize(in: files)
        for warning in invocation.warnings { await events(.warning(warning)) }
        let run = CLIProcessRun(
            command: invocation.command(in: request.worktree),
            configuration: configuration,
            limits: request.limits,
            runDirectory: request.runDirectory,
            start: AgentStart(sessionID: sessionID, model: request.model)
        )
        var output = ClaudeOutput()
        // Claude Code enforces the turn limit itself (`--max-turns`, then an `error_max_turns` result).
        var meterLimits = request.limits
        meterLimits.maxTurns = nil
        var meter = UsageMeter(limits: meterLimits)
        let process: ProcessResult
        let violation: BudgetViolation?
        switch try await run.run(decoder: &output, meter: &meter, events: events) {
        case .notFound(let error):
            return run.notAvailableOutcome(error, started: started, files: files, warnings: invocation.warnings)
        case .finished(let result, let exceeded):
            process = result
            violation = exceeded
        }
        let decoder = output.decoder
        let result = decoder.result
        var warnings = invocation.warnings + process.outcomeWarnings(maxOutputBytes: request.limits.maxOutputBytes)
        if result == nil, let line = output.lastErrorLine {
            warnings.append("Claude Code printed no result line; its last error output: \(line)")
        }
        if decoder.unparseableLines > 0 {
            warnings.append("\(decoder.unparseableLines) line(s) of Claude Code's output were not stream-json")
        }
        let transcript = [sessionID, decoder.sessionID].compactMap { $0 }.lazy
            .compactMap { Self.transcript(session: $0, files: files) }.first
        let outcome = AgentOutcome(
            status: Self.status(process: process, violation: violation, result: result, meter: meter),
            finalText: result?.result ?? decoder.lastAssistantText ?? "",
            structuredOutput: result?.structuredOutputJSON,
            sessionID: decoder.sessionID ?? sessionID,
            usage: meter.usage,
            usageReported: result != nil || output.sawStreamedUsage,
            cost: result?.totalCostUSD.map { .reported(micros: Int64(($0 * 1_000_000).rounded())) } ?? .unknown,
            duration: started.duration(to: .now),
            turns: result?.numTurns,
            exitStatus: process.exit,
            artifacts: RunArtifacts(
                standardOutputLog: process.logs?.standardOutput,
                standardErrorLog: process.logs?.standardError,
                promptFile: files.prompt,
                transcript: transcript,
                others: [files.instructions] + (files.schema.map { [$0] } ?? [])
            ),
            commandLine: process.commandLine,
            warnings: warnings
        )
        for warning in warnings where !invocation.warnings.contains(warning) { await events(.warning(warning)) }
        return outcome
    }

    /// Claude Code's own transcript of a session: `<config dir>/projects/<cwd slug>/<session>.jsonl`
    /// (the slug is looked up, not recomputed).
    static func transcript(session: String, files: AgentRunFiles) -> String? {
        let projects = ClaudeCommand.configDirectory(in: files) + "/projects"
        // try?: no projects directory means Claude Code wrote no transcript.
        let slugs = (try? FileManager.default.contentsOfDirectory(atPath: projects)) ?? []
        return slugs.sorted().lazy.map { "\(projects)/\($0)/\(session).jsonl" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
