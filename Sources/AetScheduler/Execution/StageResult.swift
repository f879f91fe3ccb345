public import AetCore

/// How one stage execution ended, for the runner.
public enum StageResult: Sendable, Hashable {
    /// The stage's events are recorded; decide the next step from the new state.
    case recorded(TicketState)
    /// The ticket changed meanwhile (cancelled, retried by someone else): nothing was run.
    case ticketChanged
    /// The run was stopped: by Ctrl-C (recorded as `interrupted`; the stage runs again next time), or
    /// because its ticket was cancelled (recorded as `cancelled`; the state says `cancelled`).
    case interrupted(TicketState)
    /// The runtime could not run (not installed, not authenticated): recorded as `not_ready`; the
    /// stage runs again next time, and the runner stops with the sentence saying how to fix it.
    case runtimeNotReady(TicketState, reason: String)
}
