public import AetCore

/// What should happen next to one ticket, as decided by ``PipelineDecider`` from its state alone.
public enum NextStep: Sendable, Hashable {
    /// Nothing: the ticket is completed, failed, cancelled or in the DLQ.
    case none
    /// The ticket waits for tickets it depends on.
    case waitForDependencies([TicketID])
    /// An `auto` ticket needs its mode decided first.
    case classify
    /// Run this stage (`retryNumber` > 0: after that many failed runs in a row; wait `after` first).
    case run(stage: Pipeline.Stage, retryNumber: Int, after: Duration)
    /// Every stage passed: mark the ticket completed.
    case complete
    /// The stage failed too often: move the ticket to the dead-letter queue.
    case deadLetter(stage: StageName, reason: String, attempts: Int)
    /// A simple run of an `auto` ticket failed for good: promote it to the full pipeline.
    case promote(reason: String)
    /// The work waits to merge (the user's checkout was in the way): try landing it again, no agent run.
    case merge
}
