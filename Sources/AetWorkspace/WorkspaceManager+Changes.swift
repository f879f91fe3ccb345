extension WorkspaceManager {
    /// The commit the worktree's `HEAD` is at.
    /// - Parameter workspace: The ticket's workspace (its worktree must exist).
    /// - Returns: The commit.
    /// - Throws: ``WorkspaceError`` (`workspaceMissing`, or a git error).
    public func head(of workspace: Workspace) async throws -> CommitID {
        try await requireWorktree(workspace)
        return try await commit(of: "HEAD", in: workspace.path)
    }

    /// The files whose content differs between two commits (so a stage that committed its own work and
    /// one whose work aet checkpointed look the same).
    /// - Parameters:
    ///   - start: The earlier commit, e.g. the worktree's head when the stage started.
    ///   - end: The later commit.
    /// - Returns: The paths, relative to the repository root, in git's order.
    /// - Throws: A git error.
    public func changedPaths(from start: CommitID, to end: CommitID) async throws -> [String] {
        guard start != end else { return [] }
        return try await git.run(
            ["diff", "--name-only", "-z", "--no-renames", start.rawValue, end.rawValue], in: repositoryRoot
        )
        .standardOutput.split(separator: "\0").map(String.init)
    }
}
