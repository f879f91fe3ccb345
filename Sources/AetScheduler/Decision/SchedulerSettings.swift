public import AetCore

/// How the scheduler works tickets: the pipeline, retries, the test command and how many runs go at once.
public struct SchedulerSettings: Sendable, Hashable {
    /// The full-mode pipeline.
    public var pipeline: Pipeline
    /// How many runs of one stage may fail in a row (per ticket attempt) before the ticket goes to the DLQ.
    public var maxRunAttempts: Int
    /// The pause before the second run of a failed stage; doubled for each further run.
    public var retryBackoff: Duration
    /// The longest pause between retries.
    public var maxRetryBackoff: Duration
    /// The project's test command (`sh -c`), run by the test gate; `nil`: the test stage is skipped, with that reason.
    public var testCommand: String?
    /// How many stage runs may go at the same time (one per ticket). 1 in this version's default config.
    public var concurrency: Int
    /// The most text of an agent's final message kept in a `stage.completed` summary (plans, designs).
    public var summaryLimit: Int
    /// The most bytes of failing test output passed back to the developer.
    public var feedbackLimit: Int
    /// Whether a failed `auto` ticket that ran as simple is promoted to the full pipeline instead of the DLQ.
    public var promoteFailedAuto: Bool

    /// Creates settings.
    /// - Parameters:
    ///   - pipeline: The full-mode pipeline.
    ///   - maxRunAttempts: Failed runs of one stage in a row before the DLQ (at least 1).
    ///   - retryBackoff: The first retry pause.
    ///   - maxRetryBackoff: The longest retry pause.
    ///   - testCommand: The project's test command.
    ///   - concurrency: Runs at the same time.
    ///   - summaryLimit: Characters of a final message kept as a stage summary.
    ///   - feedbackLimit: Characters of failing test output passed back.
    ///   - promoteFailedAuto: Promote failed simple runs of `auto` tickets to full mode.
    public init(
        pipeline: Pipeline = .default,
        maxRunAttempts: Int = 3,
        retryBackoff: Duration = .seconds(5),
        maxRetryBackoff: Duration = .seconds(120),
        testCommand: String? = nil,
        concurrency: Int = 1,
        summaryLimit: Int = 16_000,
        feedbackLimit: Int = 8_000,
        promoteFailedAuto: Bool = true
    ) {
        self.pipeline = pipeline
        self.maxRunAttempts = max(1, maxRunAttempts)
        self.retryBackoff = retryBackoff
        self.maxRetryBackoff = maxRetryBackoff
        self.testCommand = testCommand
        self.concurrency = max(1, concurrency)
        self.summaryLimit = summaryLimit
        self.feedbackLimit = feedbackLimit
        self.promoteFailedAuto = promoteFailedAuto
    }

    /// The pipeline a ticket runs: the simple one for `simple` tickets, else the full one.
    /// - Parameter mode: The ticket's mode (`auto` is classified before its first stage).
    /// - Returns: The pipeline.
    public func pipeline(for mode: TicketMode) -> Pipeline {
        mode == .simple ? .simple : pipeline
    }

    /// The pause before retry number `failures` (1 = the first retry).
    /// - Parameter failures: How many runs failed in a row.
    /// - Returns: The backoff, doubling, capped.
    public func backoff(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var pause = retryBackoff
        for _ in 1..<min(failures, 20) { pause = pause * 2 }
        return min(pause, maxRetryBackoff)
    }
}
