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
    /// Where a finished stage's time went (aet's own overhead versus the agent), for `aet bench pipeline`.
    case timings(ticket: TicketID, stage: StageName, StageTimings)
    /// The runner waits before retrying a failed stage.
    case waiting(ticket: TicketID, stage: StageName, reason: String, delay: Duration)
}

/// Where one stage's time went.
public struct StageTimings: Sendable, Hashable {
    /// From the start of the stage (before the prompt is built) to the agent's process spawning
    /// (or its session opening): recording, worktree, prompt, run directory.
    public var toSpawn: Duration
    /// From the spawn to the runtime returning: the agent's own time.
    public var agent: Duration
    /// From the runtime returning to the checkpoint commit being done.
    public var toCheckpoint: Duration
    /// From the checkpoint to the stage's outcome being recorded (gate, events).
    public var toRecorded: Duration

    public init(toSpawn: Duration, agent: Duration, toCheckpoint: Duration, toRecorded: Duration) {
        self.toSpawn = toSpawn
        self.agent = agent
        self.toCheckpoint = toCheckpoint
        self.toRecorded = toRecorded
    }
}
