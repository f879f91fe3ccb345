import Logging

extension WorkspaceManager {
    /// How many times integration recomputes after the base branch moved under it.
    static let integrationAttempts = 3

    /// Merges the ticket branch `aet/T-<n>` into the base branch, without touching the user's working tree.
    ///
    /// 1. Already contained in the base → ``IntegrationResult/alreadyIntegrated(head:)`` (so a retry is safe).
    /// 2. The base is an ancestor of the ticket head → fast-forward to the ticket head.
    /// 3. Otherwise a merge commit `Merge T-<n>: <summary>` with parents (base head, ticket head) is built
    ///    without any checkout (`git merge-tree --write-tree` + `git commit-tree`; on git older than 2.38,
    ///    `git merge` in a temporary detached worktree that is removed afterwards). A conflict returns
    ///    ``IntegrationResult/conflict(files:details:)`` and changes nothing anywhere.
    /// 4. The base ref is advanced: with `git update-ref refs/heads/<base> <new> <old>` (compare-and-swap),
    ///    or, when the base branch is checked out in a working tree, with `git merge --ff-only <new>` there,
    ///    which keeps the user's uncommitted changes to other files exactly as they are. When those changes
    ///    touch a file the merge changes (or the branch is being rebased there), nothing changes and the
    ///    result is ``IntegrationResult/waiting(files:reason:)``: integrate again once they are committed or
    ///    reverted. When the base moved meanwhile, steps 1–4 are repeated (up to 3 times).
    ///
    /// Only committed work is integrated: checkpoint first. Callers hold the base branch's integration lock.
    ///
    /// - Parameters:
    ///   - workspace: The ticket's workspace (its branch must exist; the worktree need not).
    ///   - baseBranch: The branch to integrate into; `nil` uses ``Workspace/baseBranch``.
    ///   - summary: The text after `Merge T-<n>: ` in a merge commit; `nil` uses `aet/T-<n> into <base>`.
    /// - Returns: How the base branch changed, or the conflict.
    /// - Throws: ``WorkspaceError``: `baseBranchMoved`, `unknownBaseBranch`, `workspaceMissing`, or a git error.
    public func integrate(
        _ workspace: Workspace,
        into baseBranch: String? = nil,
        summary: String? = nil
    ) async throws -> IntegrationResult {
        try checkOwnership(workspace)
        let base = baseBranch ?? workspace.baseBranch
        try Self.validate(branch: base)
        guard base != workspace.branch else {
            throw WorkspaceError(.worktreeConflict, "\(workspace.ticket) cannot be integrated into its own branch.")
        }
        let message = Self.mergeMessage(workspace: workspace, base: base, summary: summary)
        var metadata: Logger.Metadata = [LogKey.ticket: "\(workspace.ticket)", LogKey.baseBranch: "\(base)"]

        for _ in 1...Self.integrationAttempts {
            let old = try await requireBase(base)
            let ticketHead = try await requireTicketHead(workspace)
            if try await isAncestor(ticketHead, of: old) {
                logger.debug("already integrated", metadata: metadata)
                return .alreadyIntegrated(head: old)
            }
            let result: IntegrationResult
            let new: CommitID
            if try await isAncestor(old, of: ticketHead) {
                new = ticketHead
                result = .fastForwarded(to: new)
            } else {
                switch try await buildMerge(of: ticketHead, into: old, workspace: workspace, message: message) {
                case .conflict(let files, let details):
                    metadata[LogKey.outcome] = "conflict"
                    logger.debug("integration conflict", metadata: metadata)
                    return .conflict(files: files, details: details)
                case .commit(let commit):
                    new = commit
                    result = .merged(commit: commit)
                }
            }
            switch try await advance(base, from: old, to: new, ticket: workspace) {
            case .advanced:
                metadata[LogKey.outcome] = "\(result)"
                metadata[LogKey.commit] = "\(new)"
                logger.debug("integrated", metadata: metadata)
                return result
            case .waiting(let files, let reason):
                metadata[LogKey.outcome] = "waiting"
                logger.debug("integration waits for the user's checkout", metadata: metadata)
                return .waiting(files: files, reason: reason)
            case .moved:
                break
            }
            logger.debug("base branch moved during integration; retrying", metadata: metadata)
        }
        throw WorkspaceError(
            .baseBranchMoved,
            "the branch \(base) kept moving while \(workspace.ticket) was being integrated: try again."
        )
    }

    /// `Merge T-12: <summary's first line>`.
    public static func mergeMessage(workspace: Workspace, base: String, summary: String?) -> String {
        let text = CommitMessage.sanitized(summary ?? "").trimmingGitWhitespace().firstLine.trimmingGitWhitespace()
        let subject = "Merge \(workspace.ticket): " + (text.isEmpty ? "\(workspace.branch) into \(base)" : text)
        return subject.count > 100 ? String(subject.prefix(99)) + "…" : subject
    }

    enum MergeOutcome {
        case commit(CommitID)
        case conflict(files: [String], details: String)
    }

    /// Builds the merge commit (parents: base head, ticket head) without changing any ref or checkout.
    func buildMerge(
        of ticketHead: CommitID,
        into baseHead: CommitID,
        workspace: Workspace,
        message: String
    ) async throws -> MergeOutcome {
        switch configuration.integrationMethod {
        case .mergeTree: return try await mergeWithMergeTree(ticketHead, into: baseHead, message: message)
        case .temporaryWorktree:
            return try await mergeInTemporaryWorktree(
                ticketHead,
                into: baseHead,
                workspace: workspace,
                message: message
            )
        case .automatic:
            if try await gitVersion() >= GitVersion(major: 2, minor: 38) {
                return try await mergeWithMergeTree(ticketHead, into: baseHead, message: message)
            }
            return try await mergeInTemporaryWorktree(
                ticketHead,
                into: baseHead,
                workspace: workspace,
                message: message
            )
        }
    }

    /// `git merge-tree --write-tree` (objects only) then `git commit-tree`.
    func mergeWithMergeTree(
        _ ticketHead: CommitID,
        into baseHead: CommitID,
        message: String
    ) async throws -> MergeOutcome {
        let output = try await git.run(
            ["merge-tree", "--write-tree", "-z", "--name-only", baseHead.rawValue, ticketHead.rawValue],
            in: repositoryRoot,
            acceptedExitCodes: [0, 1]
        )
        let parsed = MergeTreeOutput.parse(output.standardOutput)
        if output.exitStatus == 1 {
            return .conflict(files: parsed.conflictedFiles, details: parsed.messages.joined(separator: "\n"))
        }
        let commit = try await git.run(
            ["commit-tree", parsed.tree, "-p", baseHead.rawValue, "-p", ticketHead.rawValue, "-F", "-"],
            in: repositoryRoot,
            input: message + "\n"
        )
        guard let id = CommitID(commit.standardOutput) else {
            throw WorkspaceError(.gitFailed, "git commit-tree printed no commit id.", detail: commit.standardOutput)
        }
        return .commit(id)
    }

    /// `git merge --no-ff` in a detached worktree at the base head, aborted on conflict, always removed.
    func mergeInTemporaryWorktree(
        _ ticketHead: CommitID,
        into baseHead: CommitID,
        workspace: Workspace,
        message: String
    ) async throws -> MergeOutcome {
        let temporary = worktreesDirectory + "/.integrate-\(workspace.ticket)"
        try await withWorktreeLock {
            try await removeTemporaryWorktreeHoldingLock(temporary)
            try await git.run(
                ["worktree", "add", "--quiet", "--detach", temporary, baseHead.rawValue],
                in: repositoryRoot
            )
        }
        do {
            let outcome = try await mergeThere(ticketHead, in: temporary, message: message)
            try await removeTemporaryWorktree(temporary)
            return outcome
        } catch {
            // The original error matters more; a leftover is removed by the next integration of this ticket.
            try? await removeTemporaryWorktree(temporary)
            throw error
        }
    }

    private func mergeThere(_ ticketHead: CommitID, in directory: String, message: String) async throws -> MergeOutcome
    {
        let merge = try await git.run(
            ["merge", "--no-ff", "--no-edit", "--quiet", "-m", message, ticketHead.rawValue],
            in: directory,
            acceptedExitCodes: [0, 1]
        )
        if merge.exitStatus == 0 { return .commit(try await commit(of: "HEAD", in: directory)) }
        let files = try await git.run(["diff", "--name-only", "-z", "--diff-filter=U"], in: directory).standardOutput
            .split(separator: "\0").map(String.init)
        try await git.run(["merge", "--abort"], in: directory)
        guard !files.isEmpty else {
            throw Git.failure(command: "git merge", arguments: ["merge", ticketHead.rawValue], output: merge)
        }
        let details = (merge.standardOutput + "\n" + merge.standardError).split(whereSeparator: \.isNewline)
            .filter { $0.hasPrefix("CONFLICT") }.joined(separator: "\n")
        return .conflict(files: files, details: details)
    }

    func removeTemporaryWorktree(_ path: String) async throws {
        try await withWorktreeLock { try await removeTemporaryWorktreeHoldingLock(path) }
    }

    func removeTemporaryWorktreeHoldingLock(_ path: String) async throws {
        guard FileSystem.entry(at: path) != .missing else { return }
        try await git.run(["worktree", "remove", "--force", path], in: repositoryRoot)
    }
}

/// The `-z --name-only` output of `git merge-tree --write-tree`: the tree, the conflicted paths,
/// then informational messages as `<n> NUL <path>… NUL <type> NUL <message> NUL`.
struct MergeTreeOutput {
    var tree: String
    var conflictedFiles: [String]
    var messages: [String]

    static func parse(_ output: String) -> MergeTreeOutput {
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        let tree = fields.next().map(String.init) ?? ""
        var files: [String] = []
        while let field = fields.next(), !field.isEmpty { files.append(String(field)) }
        var messages: [String] = []
        while let countField = fields.next(), let count = Int(countField) {
            for _ in 0..<count { _ = fields.next() }
            let type = fields.next() ?? ""
            let message = fields.next().map { $0.trimmingGitWhitespace() } ?? ""
            if type != "Auto-merging", !message.isEmpty { messages.append(message) }
        }
        return MergeTreeOutput(tree: tree, conflictedFiles: files, messages: messages)
    }
}
