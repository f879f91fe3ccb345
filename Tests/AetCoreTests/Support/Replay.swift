import AetCore

/// Replays `ticket.created` and then other events through `TicketReducer`, each with its own context.
///
/// Event `i` (0 is `ticket.created`) has version `i + 1`, position `1000 + 10 i` and is recorded
/// `i` seconds after `Replay.start`, so versions, positions and times are never confused.
enum Replay {
    static let start: Int64 = 1_764_000_000_000_000

    static let created = TicketCreated(
        ticket: TicketID(7),
        draft: TicketDraft(
            description: "fix the parser",
            mode: .full,
            priority: 2,
            dependencies: [TicketID(3), TicketID(5)],
            baseBranch: "develop"
        )
    )

    static func context(_ index: Int) -> EventContext {
        EventContext(
            position: EventPosition(Int64(1_000 + index * 10)),
            version: Int64(index + 1),
            recordedAt: time(index)
        )
    }

    static func time(_ index: Int) -> Timestamp { Timestamp(microseconds: start + Int64(index) * 1_000_000) }

    /// The state after `ticket.created` and then `events`.
    static func state(after events: [DomainEvent]) -> TicketState? {
        replay([.ticketCreated(created)] + events)
    }

    /// The state after exactly `events`, from nothing.
    static func replay(_ events: [DomainEvent]) -> TicketState? {
        var state: TicketState?
        for (index, event) in events.enumerated() {
            state = TicketReducer.reduce(state, event, context: context(index))
        }
        return state
    }
}

/// Short constructors for reducer tests.
enum Ev {
    static func stageStarted(_ stage: StageName, _ attempt: Int = 1) -> DomainEvent {
        .stageStarted(StageStarted(stage: stage, attempt: attempt))
    }
    static func stageCompleted(_ stage: StageName, _ summary: String = "done") -> DomainEvent {
        .stageCompleted(StageCompleted(stage: stage, summary: summary))
    }
    static func stageFailed(_ stage: StageName, _ reason: String) -> DomainEvent {
        .stageFailed(StageFailed(stage: stage, reason: reason))
    }
    static func sentBack(_ gate: StageName, to target: StageName, _ feedback: String, rework: Int) -> DomainEvent {
        .stageSentBack(StageSentBack(stage: gate, target: target, feedback: feedback, rework: rework))
    }
    static func skipped(_ stage: StageName, _ reason: String) -> DomainEvent {
        .stageSkipped(StageSkipped(stage: stage, reason: reason))
    }
    static func runStarted(
        _ run: RunID,
        _ stage: StageName,
        attempt: Int = 1,
        runtime: String = "claude"
    ) -> DomainEvent {
        .runStarted(RunStarted(run: run, stage: stage, attempt: attempt, runtime: runtime))
    }
    static func runFinished(
        _ run: RunID,
        _ status: RunStatus = .succeeded,
        exitCode: Int? = 0,
        duration: Int64 = 1_000,
        tokensIn: Int64 = 0,
        tokensOut: Int64 = 0,
        cost: Int64?,
        reason: String? = nil
    ) -> DomainEvent {
        .runFinished(
            RunFinished(
                run: run,
                status: status,
                exitCode: exitCode,
                durationMilliseconds: duration,
                tokensIn: tokensIn,
                tokensOut: tokensOut,
                costMicros: cost,
                reason: reason
            )
        )
    }
    static let completed = DomainEvent.ticketCompleted(TicketCompleted(summary: "merged"))
    static func failed(_ stage: StageName?, _ reason: String) -> DomainEvent {
        .ticketFailed(TicketFailed(stage: stage, reason: reason))
    }
    static func deadLettered(_ stage: StageName?, _ reason: String, attempts: Int) -> DomainEvent {
        .ticketDeadLettered(TicketDeadLettered(stage: stage, reason: reason, attempts: attempts))
    }
    static let dlqRetried = DomainEvent.deadLetterRetried(DeadLetterRetried(reason: "try again"))
    static let dlqRemoved = DomainEvent.deadLetterRemoved(DeadLetterRemoved(reason: "give up"))
    static func cancelled(_ reason: String) -> DomainEvent { .ticketCancelled(TicketCancelled(reason: reason)) }
    static let retried = DomainEvent.ticketRetried(TicketRetried(reason: "retry"))
    static let violation = DomainEvent.securityViolation(
        SecurityViolation(operation: "write_file", subject: "/etc/passwd", reason: "outside the worktree", run: nil)
    )
}
