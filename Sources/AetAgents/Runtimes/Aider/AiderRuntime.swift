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

    /// Whether aider can run here: the program (``probe()``) and a model key (`OPENAI_API_KEY` or
    /// `ANTHROPIC_API_KEY`), or a loopback `OPENAI_API_BASE`/`OPENAI_BASE_URL` that needs none.
    /// - Returns: The readiness, naming the key's variable.
    public func readiness() async -> RuntimeReadiness {
        let environment = configuration.hostEnvironment
        let found =
            CLICredentials.variable(["OPENAI_API_KEY", "ANTHROPIC_API_KEY"], in: environment)
            ?? CLICredentials.loopback(["OPENAI_API_BASE", "OPENAI_BASE_URL"], in: environment)
        return CLICredentials.readiness(
            of: id,
            availability: await probe(),
            install: "python -m pip install aider-install && aider-install",
            credentials: found.map { .found($0) }
                ?? .missing(
                    fix:
                        "aider has no model key: set OPENAI_API_KEY or ANTHROPIC_API_KEY (or OPENAI_API_BASE to a local server)."
                )
        )
    }

    /// Runs aider for a request.
    /// - Parameters:
    ///   - request: What to run, where, within which limits.
    ///   - events: Called with `started`, raw lines, file edits, usage and warnings.
    /// - Returns: The outcome, after aider's process group is gone.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute, the run directory cannot
    ///   be prepared, the sandbox cannot be applied, or the spawn fails.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let run = CLIAgentRun(
            request: request,
            configuration: configuration,
            deliveredPrompt: AgentRunFiles.promptWithInstructions(request),
            output: AiderOutput(worktree: request.worktree),
            invocation: AiderCommand.invocation(for:files:configuration:),
            summary: Self.summary(of:)
        )
        return try await run.run(events: events)
    }

    /// What a finished aider run produced: the end of stdout, tokens and cost from its lines, the LLM
    /// history as the transcript.
    static func summary(of run: CLIFinishedRun<AiderOutput>) -> CLIRunSummary {
        let history = AiderCommand.historyDirectory(in: run.files)
        let transcript = history + "/llm-history.log"
        let kept = [history + "/chat-history.md", run.files.instructions]
        return CLIRunSummary(
            status: Self.status(of: run),
            finalText: run.output.tail.text,
            usageReported: run.output.tokens != nil,
            cost: run.output.sessionCostMicros.map { .reported(micros: $0) } ?? .unknown,
            transcript: FileManager.default.fileExists(atPath: transcript) ? transcript : nil,
            otherArtifacts: kept.filter(FileManager.default.fileExists)
        )
    }

    /// How an aider run ended: aet's stops, the exit code, then an unanswered model API error.
    static func status(of run: CLIFinishedRun<AiderOutput>) -> AgentRunStatus {
        if let status = run.stopStatus { return status }
        let output = run.output
        switch run.process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(let code) where code != 0:
            let detail = output.pendingAPIError ?? output.triage.lastErrorLine
            return .failed(reason: "aider exited with code \(code)" + (detail.map { ": \($0)" } ?? ""))
        case .exited:
            if let error = output.pendingAPIError {
                return .failed(reason: "aider reported a model API error: \(error)")
            }
            return run.successStatus
        }
    }
}
