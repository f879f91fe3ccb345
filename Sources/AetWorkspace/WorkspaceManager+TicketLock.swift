public import AetCore

extension WorkspaceManager {
    /// Runs `body` holding the work lock of `ticket` (`<worktreesDirectory>/.T-<n>.lock`), an exclusive
    /// `flock` that holds between processes and is released when `body` ends or the process dies.
    ///
    /// The process that works a ticket (the runner driving it, `aet simple`) holds it for as long as it may
    /// touch the ticket's worktree; `aet cancel` and `aet dlq remove` take it before they remove the
    /// worktree, so a worktree is never removed under a running agent (docs/pipeline.md, "Cancelling").
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - timeout: How long to wait for the lock; `nil` waits until cancelled.
    ///   - body: The work to do under the lock.
    /// - Returns: What `body` returns.
    /// - Throws: ``WorkspaceError`` (`lockTimedOut` when `timeout` passed), `CancellationError`, or what `body` throws.
    public func withTicketLock<T>(_ ticket: TicketID, timeout: Duration?, _ body: () async throws -> T) async throws
        -> T
    {
        try makeWorktreesDirectory()
        let path = ticketLockPath(ticket)
        return try await ExclusiveFileLock.withLock(
            path: path,
            timeout: timeout,
            busy:
                "the aet process working \(ticket) held \(path) for \(timeout?.secondsText ?? "too long"): it may be stuck.",
            body
        )
    }

    /// The work lock file of `ticket`.
    func ticketLockPath(_ ticket: TicketID) -> String { worktreesDirectory + "/.\(ticket).lock" }
}
