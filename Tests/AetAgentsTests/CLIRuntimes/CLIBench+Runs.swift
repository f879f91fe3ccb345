import AetAgents
import AetTesting
import Testing

/// Running a runtime on a bench and checking how it ended: what most CLI-runtime tests do.
extension CLIBench {
    /// The limits of the bench's requests: generous, since the suite runs in parallel on two cores.
    static let limits = RunLimits(wallTimeout: .seconds(300), idleTimeout: .seconds(120))

    /// The limits of a budget test: a token budget, and timeouts that never end the run first.
    static func budget(maxTokens: Int64) -> RunLimits {
        RunLimits(wallTimeout: .seconds(300), idleTimeout: .seconds(300), maxTokens: maxTokens)
    }

    /// Writes lines for the fake CLI to print and returns the knobs that make it print them, then
    /// end as asked.
    /// - Parameters:
    ///   - lines: What it prints on stdout.
    ///   - name: The file the lines go to (distinct names keep several outputs apart).
    ///   - exit: Its exit code (`FAKE_EXIT`); 0 when `nil`.
    ///   - signal: A signal it kills itself with (`FAKE_SIGNAL`), e.g. `KILL`.
    ///   - hang: Whether it hangs after printing (`FAKE_HANG`).
    /// - Returns: The knobs, for ``request(prompt:instructions:model:permission:outputSchema:limits:environment:)``.
    func output(
        _ lines: [String],
        name: String = "output.jsonl",
        exit: Int32? = nil,
        signal: String? = nil,
        hang: Bool = false
    ) throws -> [String: String] {
        let path = binDirectory + "/" + name
        try write(lines.map { $0 + "\n" }.joined(), to: path)
        var knobs = ["FAKE_LINES": path]
        if let exit { knobs["FAKE_EXIT"] = String(exit) }
        if let signal { knobs["FAKE_SIGNAL"] = signal }
        if hang { knobs["FAKE_HANG"] = "1" }
        return knobs
    }

    /// Runs `runtime` on the bench's request, the fake CLI steered by `knobs`.
    /// - Parameters:
    ///   - runtime: The runtime.
    ///   - knobs: The fake CLI's variables (see ``output(_:name:exit:signal:hang:)``).
    ///   - limits: The request's limits.
    ///   - recorder: Where the events go.
    /// - Returns: The outcome.
    func run(
        _ runtime: some AgentRuntime,
        knobs: [String: String] = [:],
        limits: RunLimits = CLIBench.limits,
        recorder: AgentEventRecorder = AgentEventRecorder()
    ) async throws -> AgentOutcome {
        try await runtime.run(request(limits: limits, environment: knobs), events: recorder.record)
    }

    /// Runs `runtime` once per case and expects each case's status.
    /// - Parameters:
    ///   - runtime: The runtime.
    ///   - cases: The fake CLI's knobs and the status they must lead to.
    func expectStatuses(
        of runtime: some AgentRuntime,
        _ cases: [([String: String], AgentRunStatus)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for (knobs, expected) in cases {
            let outcome = try await run(runtime, knobs: knobs)
            #expect(outcome.status == expected, sourceLocation: sourceLocation)
        }
    }

    /// Runs `runtime` and expects a failure.
    /// - Parameters:
    ///   - runtime: The runtime.
    ///   - knobs: The fake CLI's knobs.
    /// - Returns: The failure's reason and the outcome, or `nil` (recorded as an issue) for another status.
    func runExpectingFailure(
        _ runtime: some AgentRuntime,
        knobs: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (reason: String, outcome: AgentOutcome)? {
        let outcome = try await run(runtime, knobs: knobs)
        guard case .failed(let reason) = outcome.status else {
            Issue.record("expected a failure, got \(outcome.status)", sourceLocation: sourceLocation)
            return nil
        }
        return (reason, outcome)
    }

    /// Runs `runtime`, whose program is missing, and expects ``AgentRunStatus/notAvailable(reason:)``.
    /// - Parameter runtime: The runtime.
    /// - Returns: The outcome and the reason, or `nil` (recorded as an issue) for another status.
    @discardableResult
    func expectNotAvailable(
        _ runtime: some AgentRuntime,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (reason: String, outcome: AgentOutcome)? {
        let outcome = try await run(runtime)
        guard case .notAvailable(let reason) = outcome.status else {
            Issue.record("expected notAvailable, got \(outcome.status)", sourceLocation: sourceLocation)
            return nil
        }
        return (reason, outcome)
    }
}
