/// The pipeline's engine: decides what runs next for each ticket and runs one stage at a time
/// through a runtime in the ticket's worktree, recording everything as events (docs/pipeline.md).
public enum AetSchedulerModule {}
