public import AetCore

/// The pure decision of what happens next to a ticket, from its projected state and the settings.
///
/// Where a ticket is:
/// - no stage started yet → the first stage;
/// - the current stage is `running` (a run was interrupted: Ctrl-C, a crash; or its runtime was not ready) → run it
///   again, not counted as a failure;
/// - `pending` (a gate sent the ticket back here) → run it again, with the gate's feedback;
/// - `completed` or `skipped` → the next stage, or complete after the last;
/// - waiting to merge (`integration.waiting`) → try landing it again (no agent run);
/// - `failed` → run it again after a backoff while fewer than `maxRunAttempts` runs failed in a row
///   in this ticket attempt, else the DLQ (or, for an `auto` ticket run as simple, a promotion to full).
public enum PipelineDecider {
    /// Decides the next step.
    /// - Parameters:
    ///   - ticket: The ticket's state.
    ///   - dependencies: The states of the tickets it depends on (missing ones count as not done).
    ///   - settings: Pipeline, retry limits.
    ///   - classifiedAuto: Whether the ticket was created as `auto` (its `ticket.mode_set` says so).
    /// - Returns: The next step.
    public static func next(
        for ticket: TicketState,
        dependencies: [TicketID: TicketStatus],
        settings: SchedulerSettings,
        classifiedAuto: Bool = false
    ) -> NextStep {
        if ticket.status == .waitingToMerge { return .merge }
        guard ticket.status == .queued || ticket.status == .running else { return .none }
        let waiting = ticket.dependencies.filter { dependencies[$0] != .completed }
        if !waiting.isEmpty { return .waitForDependencies(waiting) }
        if ticket.mode == .auto { return .classify }
        let pipeline = settings.pipeline(for: ticket.mode)
        guard let current = ticket.currentStage,
            let stage = pipeline.stages.first(where: { $0.name == current })
        else {
            guard let first = pipeline.stages.first else { return .complete }
            return .run(stage: first, retryNumber: 0, after: .zero)
        }
        let state = ticket.stages.first { $0.name == current }
        switch state?.status {
        case nil, .running, .pending, .waiting:
            return .run(stage: stage, retryNumber: 0, after: .zero)
        case .completed, .skipped, .sentBack:
            guard let next = pipeline.stage(after: current) else { return .complete }
            return .run(stage: next, retryNumber: 0, after: .zero)
        case .failed:
            let failures = trailingFailures(of: current, in: ticket)
            if failures >= settings.maxRunAttempts {
                let reason =
                    "stage \(current) failed \(failures) time\(failures == 1 ? "" : "s") in a row; last: \(ticket.lastError ?? "unknown")"
                if classifiedAuto && ticket.mode == .simple && settings.promoteFailedAuto {
                    return .promote(
                        reason:
                            "the simple run failed (\(ticket.lastError ?? "unknown")): promoted to the full pipeline")
                }
                return .deadLetter(stage: current, reason: reason, attempts: failures)
            }
            return .run(stage: stage, retryNumber: failures, after: settings.backoff(afterFailures: failures))
        }
    }

    /// How many runs of `stage` failed in a row at the end of the ticket's runs, in its current attempt.
    /// - Parameters:
    ///   - stage: The stage.
    ///   - ticket: The ticket.
    /// - Returns: The count (interrupted and not-ready runs neither count nor break the streak).
    public static func trailingFailures(of stage: StageName, in ticket: TicketState) -> Int {
        var count = 0
        for run in ticket.runs.reversed() {
            guard run.attempt == ticket.attempt else { break }
            if run.status == .interrupted || run.status == .running || run.status == .notReady { continue }
            guard run.stage == stage, run.status == .failed || run.status == .timedOut else { break }
            count += 1
        }
        return count
    }
}
