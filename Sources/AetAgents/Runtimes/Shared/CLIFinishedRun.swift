/// An agent-CLI run whose process ran to its end, as its runtime's summary reads it: the request,
/// the run's files, how the process ended, the decoder with everything it kept, and the meter.
struct CLIFinishedRun<Output: CLIOutputDecoder>: Sendable {
    /// The request.
    var request: AgentRunRequest
    /// The run's files.
    var files: AgentRunFiles
    /// How the process ended.
    var process: ProcessResult
    /// The budget aet stopped the run for, if it did.
    var violation: BudgetViolation?
    /// The runtime's decoder after the last line.
    var output: Output
    /// The budget meter after the last usage sample.
    var meter: UsageMeter

    /// The status aet decided itself: a timeout or cancellation first, then the budget it stopped the
    /// run for; `nil` when the agent ended on its own and the runtime's rule decides.
    var stopStatus: AgentRunStatus? {
        process.supervisorStatus ?? violation?.status
    }

    /// The status of a run the agent reports as a success: ``AgentRunStatus/succeeded``, unless the
    /// last usage passed a budget (the meter is checked once more at the end).
    var successStatus: AgentRunStatus {
        if case .exceeded(let late) = meter.check() { return late.status }
        return .succeeded
    }

    /// The run's outcome: the runtime's summary plus what every CLI run has.
    /// - Parameters:
    ///   - summary: The runtime's reading of the run.
    ///   - started: When the run started.
    ///   - warnings: All the run's warnings, in order.
    /// - Returns: The outcome.
    func outcome(_ summary: CLIRunSummary, started: ContinuousClock.Instant, warnings: [String]) -> AgentOutcome {
        AgentOutcome(
            status: summary.status,
            finalText: summary.finalText,
            structuredOutput: summary.structuredOutput,
            sessionID: summary.sessionID,
            usage: meter.usage,
            usageReported: summary.usageReported,
            cost: summary.cost,
            duration: started.duration(to: .now),
            turns: summary.turns,
            exitStatus: process.exit,
            artifacts: RunArtifacts(
                standardOutputLog: process.logs?.standardOutput,
                standardErrorLog: process.logs?.standardError,
                promptFile: files.prompt,
                transcript: summary.transcript,
                others: summary.otherArtifacts
            ),
            commandLine: process.commandLine,
            warnings: warnings
        )
    }
}
