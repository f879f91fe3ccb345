import AetCore

/// Hand-written events: one per `DomainEvent` case, plus variants with optional fields absent.
enum EventSamples {
    static let ticket = TicketID(12)
    static let run = RunID(ticket: ticket, stage: .implement, attempt: 2)

    /// One sample of every case, in `caseIndex` order.
    static let all: [DomainEvent] = [
        .ticketCreated(
            TicketCreated(
                ticket: ticket,
                draft: TicketDraft(
                    description: "add a README ✨\nwith sections",
                    mode: .simple,
                    priority: -5,
                    dependencies: [TicketID(3), TicketID(1_000_000)],
                    baseBranch: "release/2.0"
                )
            )
        ),
        .ticketCancelled(TicketCancelled(reason: "no longer needed")),
        .ticketRetried(TicketRetried(reason: "flaky network")),
        .stageStarted(StageStarted(stage: .review, attempt: 3)),
        .stageCompleted(StageCompleted(stage: .plan, summary: "1. write\n2. test")),
        .stageFailed(StageFailed(stage: .test, reason: "3 tests failed")),
        .stageSentBack(StageSentBack(stage: .review, target: .implement, feedback: "handle the empty case", rework: 2)),
        .stageSkipped(StageSkipped(stage: .test, reason: "no test command is configured")),
        .runStarted(RunStarted(run: run, stage: .implement, attempt: 2, runtime: "claude")),
        .runFinished(
            RunFinished(
                run: run,
                status: .timedOut,
                exitCode: -9,
                durationMilliseconds: 120_000,
                tokensIn: 15_000,
                tokensOut: 2_345,
                costMicros: 12_345,
                reason: "timed out after 2 minutes",
                turns: 17
            )
        ),
        .ticketCompleted(TicketCompleted(summary: "merged as abc123")),
        .ticketFailed(TicketFailed(stage: .integrate, reason: "merge conflict")),
        .ticketDeadLettered(TicketDeadLettered(stage: .test, reason: "gave up", attempts: 3)),
        .deadLetterRetried(DeadLetterRetried(reason: "fixed the environment")),
        .deadLetterRemoved(DeadLetterRemoved(reason: "obsolete")),
        .securityViolation(
            SecurityViolation(
                operation: "write_file",
                subject: "../../etc/passwd",
                reason: "outside the worktree",
                run: run
            )
        ),
        .ticketModeSet(TicketModeSet(mode: .full, reason: "promoted after the simple run failed")),
        .ticketBudgetSet(
            TicketBudgetSet(
                budget: TicketBudget(maxTokens: 500_000, maxCostMicros: 2_500_000, maxWallSeconds: 7200, maxTurns: 300))
        ),
        .integrationWaiting(
            IntegrationWaiting(
                stage: .integrate, files: ["a.txt", "dir/b.txt"],
                reason: "your uncommitted changes in /repo touch a.txt, dir/b.txt")),
    ]

    /// Cases with optional fields absent, empty strings and extreme integers.
    static let edgeCases: [DomainEvent] = [
        .ticketCreated(
            TicketCreated(
                ticket: TicketID(Int.max),
                draft: TicketDraft(description: "", mode: .auto, priority: Int.min, dependencies: [], baseBranch: "")
            )
        ),
        .stageStarted(StageStarted(stage: "", attempt: Int.max)),
        .stageSentBack(StageSentBack(stage: "review", target: "implement", feedback: "", rework: Int.min)),
        .runFinished(
            RunFinished(
                run: RunID(rawValue: ""),
                status: .succeeded,
                exitCode: nil,
                durationMilliseconds: Int64.min,
                tokensIn: Int64.max,
                tokensOut: 0,
                costMicros: nil,
                reason: nil
            )
        ),
        .runFinished(
            RunFinished(
                run: run,
                status: .interrupted,
                exitCode: 0,
                durationMilliseconds: 0,
                tokensIn: 0,
                tokensOut: 0,
                costMicros: 0,
                reason: ""
            )
        ),
        .ticketFailed(TicketFailed(stage: nil, reason: "")),
        .ticketDeadLettered(TicketDeadLettered(stage: nil, reason: "x", attempts: 0)),
        .securityViolation(SecurityViolation(operation: "", subject: "\0\u{1B}[31m", reason: "", run: nil)),
    ]

    /// The stored type name expected for each case, in `caseIndex` order. These names are stored
    /// in the log: changing one breaks every existing database.
    static let typeNames = [
        "ticket.created", "ticket.cancelled", "ticket.retried", "stage.started",
        "stage.completed", "stage.failed", "stage.sent_back", "stage.skipped", "run.started",
        "run.finished", "ticket.completed", "ticket.failed", "ticket.dead_lettered",
        "dlq.retried", "dlq.removed", "security.violation", "ticket.mode_set",
        "ticket.budget_set", "integration.waiting",
    ]
}
