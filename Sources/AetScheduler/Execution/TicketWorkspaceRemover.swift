public import AetCore
public import AetStore
public import AetWorkspace
import Foundation

/// Removes a stopped ticket's worktree and branch for `aet cancel` and `aet dlq remove`, once no
/// process works the ticket any more.
///
/// Who removes: always the command that stopped the ticket, after it recorded its event. It first takes
/// the ticket's work lock (``WorkspaceManager/withTicketLock(_:timeout:_:)``): when an `aet process` is
/// running the ticket, that process holds the lock, notices the cancel within its check interval, stops
/// the agent, checkpoints the partial work, records the run as cancelled and lets go; only then is the
/// worktree removed, so it is never pulled from under a running agent. Runs that no live process
/// finishes (aet was killed) are recorded as cancelled here.
///
/// ```swift
/// let state = try await service.cancel(id, reason: "duplicate")
/// let removal = try await TicketWorkspaceRemover(store: store, workspaces: manager, actor: "cli:cancel")
///     .remove(state, keepBranch: false, wait: .seconds(60))
/// ```
public struct TicketWorkspaceRemover: Sendable {
    /// The store the ticket's events are in.
    public let store: any EventStore
    /// The project's workspaces.
    public let workspaces: WorkspaceManager
    /// Recorded as the actor of the events appended here.
    public let actor: String

    /// Creates a remover.
    /// - Parameters:
    ///   - store: The event store.
    ///   - workspaces: The project's workspace manager.
    ///   - actor: The event actor, e.g. `cli:cancel`.
    public init(store: any EventStore, workspaces: WorkspaceManager, actor: String) {
        self.store = store
        self.workspaces = workspaces
        self.actor = actor
    }

    /// Waits until no process works `ticket`, records its unfinished runs as cancelled (a cancelled
    /// ticket only), and removes its worktree and, unless `keepBranch`, its branch `aet/T-<n>`.
    /// - Parameters:
    ///   - ticket: The ticket's state after its cancel or DLQ removal was recorded.
    ///   - keepBranch: Keep the branch (with the partial work's checkpoint commit).
    ///   - wait: How long to wait for the process working the ticket to stop its agent.
    /// - Returns: What was removed.
    /// - Throws: ``WorkspaceError`` (`lockTimedOut` when the process working the ticket did not let go
    ///   within `wait`; then nothing was removed), ``StoreError``.
    public func remove(_ ticket: TicketState, keepBranch: Bool, wait: Duration) async throws -> WorkspaceRemoval {
        let workspace = workspaces.workspace(for: ticket.id, baseBranch: ticket.baseBranch)
        // A ticket that never ran has neither: aet creates them for its first run (after `run.started`,
        // which a cancelled ticket can no longer record).
        guard !ticket.runs.isEmpty || FileManager.default.fileExists(atPath: workspace.path) else {
            return WorkspaceRemoval()
        }
        return try await workspaces.withTicketLock(ticket.id, timeout: wait) {
            if ticket.status == .cancelled {
                try await TicketRecorder(store: store, ticket: ticket.id, actor: actor).finishOpenRuns(
                    .cancelled, reason: RunAttempt.cancelledReason + " while no aet process was running it")
            }
            return try await workspaces.remove(workspace, keepBranch: keepBranch)
        }
    }
}
