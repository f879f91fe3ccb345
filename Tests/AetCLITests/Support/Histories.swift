import AetCore
import AetStore

/// Events the CLI cannot produce itself (the pipeline does), appended straight to a store.
enum Histories {
    /// Appends events to a ticket's stream as the pipeline would.
    static func append(_ events: [DomainEvent], to ticket: TicketID, in store: SQLiteEventStore) async throws {
        let toAppend = events.map { EventToAppend($0, metadata: EventMetadata(actor: "test:pipeline")) }
        _ = try await store.append(toAppend, to: .ticket(ticket), expectedVersion: .any)
    }

    /// An implement run without a known cost, a review run that fails and sends the ticket back, implement again.
    static let reworked: [DomainEvent] = [
        .stageStarted(StageStarted(stage: .implement, attempt: 1)),
        .runStarted(
            RunStarted(run: RunID(rawValue: "T-1.implement.1"), stage: .implement, attempt: 1, runtime: "claude")
        ),
        .runFinished(
            RunFinished(
                run: RunID(rawValue: "T-1.implement.1"),
                status: .succeeded,
                exitCode: 0,
                durationMilliseconds: 95_000,
                tokensIn: 5000,
                tokensOut: 800,
                costMicros: nil,
                reason: nil
            )
        ),
        .stageCompleted(StageCompleted(stage: .implement, summary: "added the limiter")),
        .stageStarted(StageStarted(stage: .review, attempt: 1)),
        .runStarted(RunStarted(run: RunID(rawValue: "T-1.review.1"), stage: .review, attempt: 1, runtime: "claude")),
        .runFinished(
            RunFinished(
                run: RunID(rawValue: "T-1.review.1"),
                status: .failed,
                exitCode: 1,
                durationMilliseconds: 12_300,
                tokensIn: 1200,
                tokensOut: 340,
                costMicros: 4000,
                reason: "request_changes"
            )
        ),
        .stageSentBack(
            StageSentBack(
                stage: .review,
                target: .implement,
                feedback: "add tests for the limiter\nand docs",
                rework: 1
            )
        ),
        .stageStarted(StageStarted(stage: .implement, attempt: 2)),
    ]

    /// The ticket fails into the dead-letter queue at the test stage.
    static let deadLettered: [DomainEvent] = [
        .stageStarted(StageStarted(stage: .test, attempt: 3)),
        .stageFailed(StageFailed(stage: .test, reason: "swift test failed")),
        .ticketDeadLettered(
            TicketDeadLettered(stage: .test, reason: "tests kept failing\nsee the run log", attempts: 3)
        ),
    ]
}
