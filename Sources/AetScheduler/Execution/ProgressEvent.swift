public import AetCore

/// What ``StageExecutor`` and ``PipelineRunner`` report while they work, for live progress lines.
public enum ProgressEvent: Sendable {
    /// A stage run began.
    case stageStarted(ticket: TicketID, stage: StageName, runtime: String, run: RunID)
    /// Something the agent did (a tool call, a file change, a command), already one short line.
    case activity(ticket: TicketID, stage: StageName, text: String, elapsed: Duration)
    /// A stage ended: `outcome` is one line such as "completed", "sent back to implement: …".
    case stageFinished(ticket: TicketID, stage: StageName, outcome: String, elapsed: Duration)
    /// A stage was skipped (e.g. no test command).
    case stageSkipped(ticket: TicketID, stage: StageName, reason: String)
    /// A ticket reached a final state (completed, dead-lettered) or was promoted.
    case ticketFinished(ticket: TicketID, status: TicketStatus, summary: String)
    /// The runner waits before retrying a failed stage.
    case waiting(ticket: TicketID, stage: StageName, reason: String, delay: Duration)
}
