public import AetCore
import Logging

extension WorkspaceManager {
    /// Files agents leave in the worktree for themselves, never committed by a checkpoint: aider's
    /// chat and input history and its tags cache (`.aider.chat.history.md`, `.aider.tags.cache.v4/`).
    public static let agentScratchPatterns = [".aider*", ".aider*/**"]

    /// Commits everything in the worktree (`git add -A` + commit) as `T-<n> <stage>: <summary's first line>`.
    ///
    /// - Parameters:
    ///   - workspace: The ticket's workspace.
    ///   - stage: The stage that just finished, e.g. `implement`.
    ///   - summary: What the stage did; the first line becomes the subject, the rest the body.
    ///   - identity: The commit's author and committer; `nil` uses the configured one (`aet <aet@localhost>`).
    /// - Returns: The new commit and the files it changed, or "no changes" (no commit) when nothing changed.
    /// - Throws: ``WorkspaceError``: `workspaceMissing`, `worktreeConflict` when the worktree is not on its
    ///   ticket branch, or a git error.
    public func checkpoint(
        _ workspace: Workspace,
        stage: StageName,
        summary: String,
        identity: Git.Identity? = nil
    ) async throws -> CheckpointResult {
        try await checkpoint(
            workspace,
            message: Self.checkpointMessage(ticket: workspace.ticket, stage: stage, summary: summary),
            identity: identity
        )
    }

    /// Commits everything in the worktree (`git add -A` + commit) with the given message.
    ///
    /// Files listed in ``Configuration/copiedFiles`` that the repository does not track are never
    /// committed. When nothing changed, no commit is made and the result says "no changes".
    ///
    /// - Parameters:
    ///   - workspace: The ticket's workspace.
    ///   - message: The full commit message (e.g. from ``checkpointMessage(ticket:stage:summary:)``).
    ///   - identity: The commit's author and committer; `nil` uses the configured one.
    /// - Returns: The new commit (or `nil`), the branch head, and the changed files with their kinds.
    /// - Throws: ``WorkspaceError`` as for ``checkpoint(_:stage:summary:identity:)``.
    public func checkpoint(
        _ workspace: Workspace,
        message: String,
        identity: Git.Identity? = nil
    ) async throws -> CheckpointResult {
        try await requireWorktree(workspace)
        let message = CommitMessage.sanitized(message)  // agents' words: no escapes, controls or hidden text
        let path = workspace.path
        var pathspecs = ["."]
        for excluded in try await untrackedCopiedFiles(in: workspace) {
            pathspecs.append(":(exclude,literal)\(excluded)")
        }
        for pattern in Self.agentScratchPatterns { pathspecs.append(":(exclude,glob)\(pattern)") }
        try await git.run(["add", "--all", "--"] + pathspecs, in: path)
        let staged = try await git.run(
            ["diff", "--cached", "--quiet", "--no-ext-diff"],
            in: path,
            acceptedExitCodes: [0, 1]
        )
        guard staged.exitStatus == 1 else {
            let head = try await commit(of: "HEAD", in: path)
            logger.debug("checkpoint: no changes", metadata: [LogKey.ticket: "\(workspace.ticket)"])
            return CheckpointResult(commit: nil, head: head, message: message, files: [])
        }
        try await git.run(
            ["commit", "--quiet", "--no-verify", "--cleanup=whitespace", "-F", "-"],
            in: path,
            input: message,
            identity: identity
        )
        let head = try await commit(of: "HEAD", in: path)
        let parent = try await commit(of: "HEAD^1", in: path)
        let files = ChangedFile.parseNameStatus(
            try await git.run(
                ["diff-tree", "-r", "-z", "-M", "--no-commit-id", "--name-status", parent.rawValue, head.rawValue],
                in: path
            ).standardOutput
        )
        logger.debug(
            "checkpoint committed",
            metadata: [
                LogKey.ticket: "\(workspace.ticket)", LogKey.commit: "\(head)", LogKey.fileCount: "\(files.count)",
            ]
        )
        return CheckpointResult(commit: head, head: head, message: message, files: files)
    }

    /// The files changed on the ticket branch since a commit (committed changes only).
    /// - Parameters:
    ///   - workspace: The ticket's workspace (its branch must exist; the worktree need not).
    ///   - base: The commit to compare with; `nil` uses the fork point, `git merge-base <base branch> aet/T-<n>`.
    /// - Returns: The changed files with their kinds, in git's order.
    /// - Throws: ``WorkspaceError`` when the branch is missing or git fails.
    public func changedFiles(in workspace: Workspace, since base: CommitID? = nil) async throws -> [ChangedFile] {
        let (from, to) = try await range(of: workspace, since: base)
        return ChangedFile.parseNameStatus(
            try await git.run(
                ["diff-tree", "-r", "-z", "-M", "--no-commit-id", "--name-status", from.rawValue, to.rawValue],
                in: repositoryRoot
            ).standardOutput
        )
    }

    /// Lines added and removed per file on the ticket branch since a commit (committed changes only).
    /// - Parameters:
    ///   - workspace: The ticket's workspace.
    ///   - base: The commit to compare with; `nil` uses the fork point with the base branch.
    /// - Returns: The per-file counts and totals.
    /// - Throws: ``WorkspaceError`` when the branch is missing or git fails.
    public func diffStat(of workspace: Workspace, since base: CommitID? = nil) async throws -> DiffStat {
        let (from, to) = try await range(of: workspace, since: base)
        return DiffStat.parse(
            try await git.run(
                ["diff-tree", "-r", "-z", "-M", "--no-commit-id", "--numstat", from.rawValue, to.rawValue],
                in: repositoryRoot
            ).standardOutput
        )
    }

    /// `T-12 implement: <summary's first line>`, then a blank line and the rest of the summary.
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - stage: The stage.
    ///   - summary: What the stage did (may be empty or several lines).
    /// - Returns: A commit message whose subject is at most about 100 characters.
    public static func checkpointMessage(ticket: TicketID, stage: StageName, summary: String) -> String {
        let trimmed = summary.trimmingGitWhitespace()
        let first = trimmed.firstLine.trimmingGitWhitespace()
        var subject = first.isEmpty ? "\(ticket) \(stage)" : "\(ticket) \(stage): \(first)"
        var body = String(trimmed.dropFirst(trimmed.firstLine.count)).trimmingGitWhitespace()
        if subject.count > 100 {
            subject = String(subject.prefix(99)) + "…"
            body = trimmed  // the whole summary, so the cut subject loses nothing
        }
        return body.isEmpty ? subject : subject + "\n\n" + String(body.prefix(8000))
    }

    // MARK: - Helpers

    /// Throws unless the worktree exists and has its ticket branch checked out.
    func requireWorktree(_ workspace: Workspace) async throws {
        try checkOwnership(workspace)
        guard FileSystem.entry(at: workspace.path) == .directory else {
            throw WorkspaceError(
                .workspaceMissing,
                "the worktree of \(workspace.ticket) does not exist at \(workspace.path): prepare the workspace first."
            )
        }
        let head = try await git.run(
            ["symbolic-ref", "--quiet", "HEAD"],
            in: workspace.path,
            acceptedExitCodes: [0, 1]
        )
        let expected = "refs/heads/\(workspace.branch)"
        guard head.exitStatus == 0, head.standardOutput.trimmingGitWhitespace() == expected else {
            throw WorkspaceError(
                .worktreeConflict,
                "the worktree of \(workspace.ticket) is not on \(workspace.branch) (a branch switch, detached HEAD "
                    + "or rebase in progress): check out \(workspace.branch) there again."
            )
        }
    }

    /// The commit a revision names, run in `directory`.
    func commit(of revision: String, in directory: String) async throws -> CommitID {
        let output = try await git.run(["rev-parse", "--verify", "\(revision)^{commit}"], in: directory)
        guard let commit = CommitID(output.standardOutput) else {
            throw WorkspaceError(
                .gitFailed,
                "git rev-parse printed no commit id for \(revision).",
                detail: output.standardOutput
            )
        }
        return commit
    }

    /// The ticket branch's head, or a `workspaceMissing` error.
    func requireTicketHead(_ workspace: Workspace) async throws -> CommitID {
        guard let head = try await resolve(branch: workspace.branch) else {
            throw WorkspaceError(
                .workspaceMissing,
                "the branch \(workspace.branch) of \(workspace.ticket) does not exist."
            )
        }
        return head
    }

    /// `(base or fork point, ticket head)`.
    func range(of workspace: Workspace, since base: CommitID?) async throws -> (CommitID, CommitID) {
        try checkOwnership(workspace)
        let head = try await requireTicketHead(workspace)
        if let base { return (base, head) }
        let baseHead = try await requireBase(workspace.baseBranch)
        let forkPoint = try await git.run(["merge-base", baseHead.rawValue, head.rawValue], in: repositoryRoot)
        guard let commit = CommitID(forkPoint.standardOutput) else {
            throw WorkspaceError(
                .gitFailed,
                "\(workspace.branch) and \(workspace.baseBranch) have no common history.",
                detail: forkPoint.standardOutput
            )
        }
        return (commit, head)
    }

    /// The configured copied files that the repository does not track (they must never be committed).
    func untrackedCopiedFiles(in workspace: Workspace) async throws -> [String] {
        // A refused path was never copied, so there is nothing to keep out of commits.
        let candidates = configuration.copiedFiles.filter { (try? Self.checkedComponents(of: $0)) != nil }
        guard !candidates.isEmpty else { return [] }
        let tracked = try await git.run(
            ["ls-files", "-z", "--"] + candidates.map { ":(literal)\($0)" },
            in: workspace.path
        ).standardOutput.split(separator: "\0").map(String.init)
        return candidates.filter { !tracked.contains($0) }
    }
}
