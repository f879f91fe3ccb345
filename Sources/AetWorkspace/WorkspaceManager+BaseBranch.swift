import Foundation

extension WorkspaceManager {
    /// How ``advance(_:from:to:ticket:)`` ended.
    enum Advance {
        /// The base branch now points at the new commit.
        case advanced
        /// The base branch moved meanwhile: recompute.
        case moved
        /// The base branch's checkout is in a state the user must change first (nothing changed).
        case waiting(files: [String], reason: String)
    }

    /// Moves the base branch from `old` to `new`.
    ///
    /// Not checked out anywhere: `git update-ref` (compare-and-swap). Checked out: `git merge --ff-only`
    /// there, as a user's own `git merge` would, so uncommitted changes to other files (staged, unstaged,
    /// untracked) stay exactly as they are; when they touch a file the merge changes, nothing is done and
    /// the outcome is ``Advance/waiting(files:reason:)``. Git checks the files again while it updates them,
    /// so an edit made after the first check is never overwritten either.
    func advance(_ base: String, from old: CommitID, to new: CommitID, ticket workspace: Workspace) async throws
        -> Advance
    {
        let worktrees = try await listWorktrees()
        if let rebasing = try await worktreeRebasing(base, among: worktrees) {
            return .waiting(
                files: [],
                reason: "\(base) is being rebased at \(rebasing): finish or abort the rebase")
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
                return .advanced
            } catch let error as WorkspaceError where error.code == .gitFailed {
                if try await resolve(branch: base) != old { return .moved }
                throw error
            }
        }
        guard try await commit(of: "HEAD", in: checkout.path) == old else { return .moved }
        if let waiting = try await uncommittedOverlap(in: checkout.path, from: old, to: new) { return waiting }
        do {
            // No autostash: stashing and popping would turn the user's staged changes into unstaged ones.
            try await git.run(
                ["-c", "merge.autostash=false", "merge", "--ff-only", "--quiet", new.rawValue], in: checkout.path)
            return .advanced
        } catch let error as WorkspaceError where error.code == .gitFailed {
            if try await resolve(branch: base) != old { return .moved }
            // The user changed a file between the check and the merge: git refused to overwrite it.
            if let waiting = try await uncommittedOverlap(in: checkout.path, from: old, to: new) { return waiting }
            let said =
                (error.debugDescription.split(whereSeparator: \.isNewline).first {
                    $0.hasPrefix("error:") || $0.hasPrefix("fatal:")
                })
                .map { String($0) } ?? "\(error)"
            return .waiting(files: [], reason: "git refused to update \(base) at \(checkout.path) (\(said))")
        }
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
