public import AetCore
import Foundation
import Logging

extension WorkspaceManager {
    /// Creates the ticket's worktree, or returns it when it already exists (idempotent).
    ///
    /// A new worktree is `<worktreesDirectory>/T-<n>` on a new branch `aet/T-<n>` started from the base
    /// branch's head; when `aet/T-<n>` already exists (its worktree was removed with the branch kept)
    /// the worktree checks that branch out again with its commits. Then the configured untracked files
    /// are copied in and the setup command runs, once per worktree: a failed setup leaves the worktree
    /// in place and is retried by the next `prepare`.
    ///
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - baseBranch: The local branch the ticket starts from and is integrated into, e.g. `main`.
    /// - Returns: The workspace; ``Workspace/isNew`` tells whether this call created it.
    /// - Throws: ``WorkspaceError``: `invalidBranchName` or `unknownBaseBranch` for the base branch,
    ///   `worktreeConflict` when the path or branch is taken by something else, `copyRefused`/`copyFailed`,
    ///   `setupFailed`/`setupTimedOut`, or a git error.
    public func prepare(ticket: TicketID, baseBranch: String) async throws -> Workspace {
        let baseCommit = try await requireBase(baseBranch)
        let workspace = try await withWorktreeLock {
            try await findOrCreateWorktree(ticket: ticket, baseBranch: baseBranch, baseCommit: baseCommit)
        }
        let metadata: Logger.Metadata = [
            LogKey.ticket: "\(ticket)", LogKey.path: "\(workspace.path)", LogKey.baseBranch: "\(baseBranch)",
        ]
        logger.debug(workspace.isNew ? "created workspace" : "reused workspace", metadata: metadata)
        try await completeSetup(of: workspace)
        return workspace
    }

    /// The worktree part of ``prepare(ticket:baseBranch:)``; the caller holds the worktree lock.
    private func findOrCreateWorktree(
        ticket: TicketID,
        baseBranch: String,
        baseCommit: CommitID
    ) async throws -> Workspace {
        let path = worktreePath(for: ticket)
        let branch = Workspace.branch(for: ticket)
        var worktrees = try await listWorktreesHoldingLock()

        if let existing = worktrees.first(where: { $0.path == path }) {
            if existing.isPrunable || FileSystem.entry(at: path) == .missing {
                try await git.run(["worktree", "prune"], in: repositoryRoot)
                worktrees = try await listWorktreesHoldingLock()
            } else {
                guard existing.branch == "refs/heads/\(branch)" else {
                    let found =
                        existing.branch.map { "branch '\($0.dropFirst("refs/heads/".count))'" } ?? "a detached HEAD"
                    throw WorkspaceError(
                        .worktreeConflict,
                        "the worktree \(path) has \(found) checked out instead of \(branch): "
                            + "check it out again there, or remove the worktree."
                    )
                }
                return Workspace(ticket: ticket, baseBranch: baseBranch, path: path, isNew: false)
            }
        }
        if let other = worktrees.first(where: { $0.branch == "refs/heads/\(branch)" }) {
            throw WorkspaceError(
                .worktreeConflict,
                "the branch \(branch) is already checked out at \(other.path): remove that worktree first."
            )
        }
        switch FileSystem.entry(at: path) {
        case .missing: break
        case .directory where FileSystem.isEmptyDirectory(path): break
        default:
            throw WorkspaceError(
                .worktreeConflict,
                "\(path) exists but is not the worktree of \(ticket): move it away so aet can create the worktree."
            )
        }
        if try await resolve(branch: branch) != nil {
            try await git.run(["worktree", "add", "--quiet", path, branch], in: repositoryRoot)
        } else {
            try await git.run(
                ["worktree", "add", "--quiet", "--no-track", "-b", branch, path, baseCommit.rawValue],
                in: repositoryRoot
            )
        }
        return Workspace(ticket: ticket, baseBranch: baseBranch, path: path, isNew: true)
    }

    /// Creates the worktrees directory with a `.gitignore` of `*`, so the main checkout never shows
    /// worktrees as untracked files (even before `aet init` wrote `.aet/.gitignore`).
    func makeWorktreesDirectory() throws {
        let directory = worktreesDirectory
        let ignoreFile = directory + "/.gitignore"
        do {
            try FileSystem.createDirectory(directory)
            if FileSystem.entry(at: ignoreFile) == .missing {
                try Data("# Created by aet: ticket worktrees are not part of the repository.\n*\n".utf8)
                    .write(to: URL(fileURLWithPath: ignoreFile), options: .withoutOverwriting)
            }
        } catch  where FileSystem.entry(at: ignoreFile) == .file {
            return  // a concurrent prepare wrote it first
        } catch {
            throw WorkspaceError(
                .worktreeConflict,
                "could not create the worktrees directory \(directory).",
                detail: "\(error)"
            )
        }
    }

    /// Copies the configured files and runs the setup command, unless this worktree was set up already.
    /// Success is recorded by a marker file in the worktree's private git directory, which git deletes
    /// together with the worktree.
    func completeSetup(of workspace: Workspace) async throws {
        guard configuration.setupCommand != nil || !configuration.copiedFiles.isEmpty else { return }
        let gitDirectory = try await git.run(["rev-parse", "--absolute-git-dir"], in: workspace.path)
            .standardOutput.trimmingGitWhitespace()
        let marker = gitDirectory + "/aet-setup-done"
        guard FileSystem.entry(at: marker) == .missing else { return }

        try copyConfiguredFiles(into: workspace)
        if let command = configuration.setupCommand {
            try await runSetup(command, in: workspace)
        }
        do {
            try Data("ok\n".utf8).write(to: URL(fileURLWithPath: marker))
        } catch {
            throw WorkspaceError(
                .worktreeConflict,
                "could not record that \(workspace.ticket)'s worktree is set up.",
                detail: "\(error)"
            )
        }
    }
}
