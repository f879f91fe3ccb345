import Foundation

extension WorkspaceManager {
    /// Moves the base branch from `old` to `new`; `false` when it had moved in the meantime.
    func advance(_ base: String, from old: CommitID, to new: CommitID, ticket workspace: Workspace) async throws -> Bool
    {
        let worktrees = try await listWorktrees()
        if let rebasing = try await worktreeRebasing(base, among: worktrees) {
            throw WorkspaceError(
                .baseCheckedOutAndDirty,
                "\(base) is being rebased at \(rebasing), so \(workspace.ticket) was not integrated: "
                    + "finish or abort the rebase, then integrate again."
            )
        }
        let checkout = worktrees.first { $0.branch == "refs/heads/\(base)" && !$0.isBare }
        guard let checkout else {
            do {
                try await git.run(
                    [
                        "update-ref", "-m", "aet: integrate \(workspace.ticket)", "refs/heads/\(base)", new.rawValue,
                        old.rawValue,
                    ],
                    in: repositoryRoot
                )
                return true
            } catch let error as WorkspaceError where error.code == .gitFailed {
                if try await resolve(branch: base) != old { return false }
                throw error
            }
        }
        let status = try await git.run(["status", "--porcelain=v1", "-z", "--untracked-files=no"], in: checkout.path)
        guard status.standardOutput.isEmpty else {
            throw Self.dirtyCheckout(base, at: checkout.path, ticket: workspace, detail: status.standardOutput)
        }
        guard try await commit(of: "HEAD", in: checkout.path) == old else { return false }
        do {
            try await git.run(["merge", "--ff-only", "--quiet", new.rawValue], in: checkout.path)
            return true
        } catch let error as WorkspaceError where error.code == .gitFailed {
            if try await resolve(branch: base) != old { return false }
            throw Self.dirtyCheckout(base, at: checkout.path, ticket: workspace, detail: error.debugDescription)
        }
    }

    static func dirtyCheckout(
        _ base: String,
        at path: String,
        ticket workspace: Workspace,
        detail: String
    ) -> WorkspaceError {
        WorkspaceError(
            .baseCheckedOutAndDirty,
            "\(base) is checked out at \(path) with uncommitted changes (or untracked files in the way), so "
                + "\(workspace.ticket) was not integrated: commit or stash them, then integrate again.",
            detail: detail
        )
    }

    /// The worktree in which `base` is being rebased (HEAD detached, `rebase-merge/head-name` or
    /// `rebase-apply/head-name` naming it), if any: git writes the rebased result to the branch at the
    /// end, so it counts as checked out there.
    func worktreeRebasing(_ base: String, among worktrees: [WorktreeEntry]) async throws -> String? {
        for entry in worktrees where entry.branch == nil && !entry.isBare && !entry.isPrunable {
            let gitDirectory = try await git.run(["rev-parse", "--absolute-git-dir"], in: entry.path)
                .standardOutput.trimmingGitWhitespace()
            for state in ["rebase-merge", "rebase-apply"] {
                let headName = gitDirectory + "/\(state)/head-name"
                guard FileSystem.entry(at: headName) == .file,
                    let data = FileManager.default.contents(atPath: headName)
                else { continue }
                if String(decoding: data, as: UTF8.self).trimmingGitWhitespace() == "refs/heads/\(base)" {
                    return entry.path
                }
            }
        }
        return nil
    }
}
