import Foundation

/// The `gemini` runtime: Gemini CLI in headless mode with `--output-format stream-json`, under the
/// process supervisor. Built against Gemini CLI's documented format and tested with a fake CLI
/// only: the CLI ships through npm, which this project's machines cannot reach. See
/// ``GeminiCommand`` for the flags.
///
/// ```swift
/// let runtime = GeminiRuntime(configuration: .init(hostEnvironment: env))  // `gemini` on PATH
/// ```
///
/// Success is exit 0 with a `result` whose status is `success`. Exit 53 or a
/// `MaxSessionTurnsError` is ``AgentRunStatus/maxTurns``. Tokens come from `result.stats`; Gemini
/// CLI reports no cost (``Cost/unknown``).
public struct GeminiRuntime: AgentRuntime {
    /// How the runtime runs Gemini CLI.
    public var configuration: CLIRuntimeConfiguration

    /// Creates the runtime.
    /// - Parameter configuration: The executable (default `gemini` on `PATH`), host environment and sandbox.
    public init(configuration: CLIRuntimeConfiguration = CLIRuntimeConfiguration()) {
        self.configuration = configuration
    }

    public var id: RuntimeID { .gemini }

    /// Tokens (no cost), turn limits through its settings, streamed events.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(usageReporting: .tokens, maxTurns: true, streamsEvents: true)
    }

    /// Finds the executable and asks it for its version.
    /// - Returns: Available with path and version, or not available with the reason.
    public func probe() async -> RuntimeAvailability {
        await CLIVersionProbe.probe(configuration.executable ?? "gemini", configuration: configuration)
    }

    /// Whether Gemini CLI can run here: the program (``probe()``) and `GEMINI_API_KEY`.
    /// - Returns: The readiness, naming the key's variable.
    public func readiness() async -> RuntimeReadiness {
        let found = CLICredentials.variable(["GEMINI_API_KEY"], in: configuration.hostEnvironment)
        return CLICredentials.readiness(
            of: id,
            availability: await probe(),
            install: "npm install -g @google/gemini-cli",
            credentials: found.map { .found($0) } ?? .missing(fix: "Gemini CLI has no key: set GEMINI_API_KEY.")
        )
    }

    /// Runs Gemini CLI for a request.
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, raw lines, assistant text, tool calls and results, usage and warnings.
    /// - Returns: The outcome, after Gemini CLI's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let run = CLIAgentRun(
            request: request,
            configuration: configuration,
            deliveredPrompt: AgentRunFiles.promptWithInstructions(request),
            output: GeminiOutput(),
            invocation: GeminiCommand.invocation(for:files:configuration:),
            summary: Self.summary(of:)
        )
        return try await run.run(events: events)
    }

    /// What a finished Gemini CLI run produced: the assistant's last text, the session, tokens from
    /// the result line (no cost).
    static func summary(of run: CLIFinishedRun<GeminiOutput>) -> CLIRunSummary {
        let output = run.output
        var warnings: [String] = []
        if output.result == nil, let line = output.triage.lastErrorLine {
            warnings.append("Gemini CLI printed no result line; its last error output: \(line)")
        }
        if output.triage.unparseableLines > 0 {
            warnings.append("\(output.triage.unparseableLines) line(s) of Gemini CLI's output were not JSON")
        }
        return CLIRunSummary(
            status: Self.status(of: run),
            finalText: output.currentText,
            sessionID: output.sessionID,
            usageReported: output.result?.tokens != nil,
            otherArtifacts: [run.files.instructions],
            warnings: warnings
        )
    }

    /// How a Gemini CLI run ended: aet's stops, the turn limit (exit 53), the result line, the exit code.
    static func status(of run: CLIFinishedRun<GeminiOutput>) -> AgentRunStatus {
        if let status = run.stopStatus { return status }
        let result = run.output.result
        if run.process.exit == .exited(53) || result?.errorType == "MaxSessionTurnsError" { return .maxTurns }
        if let result, !result.isSuccess {
            let detail = [result.errorType, result.errorMessage].compactMap { $0 }.joined(separator: ": ")
            return .failed(reason: "Gemini CLI reported an error" + (detail.isEmpty ? "" : ": \(detail.prefix(400))"))
        }
        switch run.process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(42): return .failed(reason: "Gemini CLI rejected its input or arguments (exit code 42)")
        case .exited(let code) where code != 0 || result == nil: return .crashed(exitCode: code, signal: nil)
        case .exited: return run.successStatus
        }
    }
}
