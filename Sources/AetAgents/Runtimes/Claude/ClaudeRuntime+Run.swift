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
        let sessionID = UUID().uuidString.lowercased()
        var login: String?
        if case .found(let credentials) = Self.credentials(in: configuration.hostEnvironment) {
            login = credentials.loginFile
        }
        let run = CLIAgentRun(
            request: request,
            configuration: configuration,
            sessionID: sessionID,
            output: ClaudeOutput(),
            invocation: {
                ClaudeCommand.invocation(for: $0, files: $1, sessionID: sessionID, configuration: $2, login: login)
            },
            summary: { Self.summary(of: $0, sessionID: sessionID) }
        )
        return try await run.run(events: events)
    }

    /// What a finished Claude Code run produced, from its result line: final text, structured
    /// output, session, turns, cost; the transcript in the run's config directory.
    /// - Parameters:
    ///   - run: The finished run.
    ///   - sessionID: The session id aet chose (`--session-id`).
    /// - Returns: The summary.
    static func summary(of run: CLIFinishedRun<ClaudeOutput>, sessionID: String) -> CLIRunSummary {
        let decoder = run.output.decoder
        let result = decoder.result
        var warnings: [String] = []
        if result == nil, let line = run.output.triage.lastErrorLine {
            warnings.append("Claude Code printed no result line; its last error output: \(line)")
        }
        if decoder.unparseableLines > 0 {
            warnings.append("\(decoder.unparseableLines) line(s) of Claude Code's output were not stream-json")
        }
        let transcript = [sessionID, decoder.sessionID].compactMap { $0 }.lazy
            .compactMap { Self.transcript(session: $0, files: run.files) }.first
        return CLIRunSummary(
            status: Self.status(of: run),
            finalText: result?.result ?? decoder.lastAssistantText ?? "",
            structuredOutput: result?.structuredOutputJSON,
            sessionID: decoder.sessionID ?? sessionID,
            usageReported: result != nil || run.output.sawStreamedUsage,
            cost: result?.totalCostUSD.map { .reported(micros: Int64(($0 * 1_000_000).rounded())) } ?? .unknown,
            turns: result?.numTurns,
            transcript: transcript,
            otherArtifacts: [run.files.instructions] + (run.files.schema.map { [$0] } ?? []),
            warnings: warnings
        )
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
