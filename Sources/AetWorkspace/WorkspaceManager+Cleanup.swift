import Logging

extension WorkspaceManager {
    /// Removes an integrated ticket's worktree and deletes its branch, then prunes stale worktree records.
    ///
    /// Refuses (and removes nothing) while the branch has commits that its base branch lacks, so failed
    /// work stays for inspection; use ``remove(_:keepBranch:)`` to remove it anyway. Idempotent: a
    /// workspace that is already gone is fine.
    ///
    /// - Parameter workspace: The ticket's workspace.
    /// - Throws: ``WorkspaceError``: `notIntegrated`, `unknownBaseBranch`, or a git error.
    public func cleanup(_ workspace: Workspace) async throws {
        try checkOwnership(workspace)
        if let head = try await resolve(branch: workspace.branch) {
            let base = try await requireBase(workspace.baseBranch)
            guard try await isAncestor(head, of: base) else {
                throw WorkspaceError(
                    .notIntegrated,
                    "\(workspace.branch) has commits that \(workspace.baseBranch) does not, so the workspace of "
                        + "\(workspace.ticket) was kept: integrate it first, or remove it explicitly."
                )
            }
        }
        try await remove(workspace, keepBranch: false)
    }

    /// Removes a ticket's worktree (`git worktree remove --force`, discarding uncommitted changes in it)
    /// and, unless `keepBranch`, deletes its branch with whatever commits it has; then prunes.
    ///
    /// - Parameters:
    ///   - workspace: The ticket's workspace.
    ///   - keepBranch: Keep `aet/T-<n>` (a later ``prepare(ticket:baseBranch:)`` checks it out again).
    /// - Returns: What was there and what was removed.
    /// - Throws: ``WorkspaceError`` when git fails.
    @discardableResult
    public func remove(_ workspace: Workspace, keepBranch: Bool) async throws -> WorkspaceRemoval {
        try checkOwnership(workspace)
        var removal = WorkspaceRemoval()
        try await withWorktreeLock {
            let registered = try await listWorktreesHoldingLock().contains { $0.path == workspace.path }
            if registered, FileSystem.entry(at: workspace.path) != .missing {
                try await git.run(["worktree", "remove", "--force", workspace.path], in: repositoryRoot)
                removal.worktreeRemoved = true
            }
            try await removeTemporaryWorktreeHoldingLock(worktreesDirectory + "/.integrate-\(workspace.ticket)")
            try await git.run(["worktree", "prune"], in: repositoryRoot)
            if try await resolve(branch: workspace.branch) != nil {
                if keepBranch {
                    removal.branchKept = true
                } else {
                    try await git.run(["branch", "-D", "--quiet", workspace.branch], in: repositoryRoot)
                    removal.branchRemoved = true
                }
            }
        }
        logger.debug(
            "removed workspace",
            metadata: [LogKey.ticket: "\(workspace.ticket)", LogKey.branchKept: "\(keepBranch)"]
        )
        return removal
    }
}
