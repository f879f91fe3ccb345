import AetCore
import AetScheduler
import AetStore
import AetWorkspace

/// The worktree-and-branch removal of `aet cancel` and `aet dlq remove` (`--keep-branch` keeps the
/// branch): waits for the process working the ticket to stop its agent, removes, and says what it did.
enum TicketWorkspaceRemoval {
    /// How long `aet cancel` waits for the `aet process` running the ticket to stop its agent and let go.
    static let wait: Duration = .seconds(60)

    /// Removes the ticket's worktree and branch.
    /// - Parameters:
    ///   - state: The ticket's state after the command's event.
    ///   - keepBranch: `--keep-branch`.
    ///   - context: The command's context (nothing is removed outside an aet project).
    ///   - store: The open store.
    ///   - command: The command's name, for the event actor.
    /// - Returns: What was removed, as the end of a sentence, e.g. "removed its worktree .aet/worktrees/T-3 and
    ///   branch aet/T-3"; nil when there was nothing (a ticket that never ran) or no project.
    /// - Throws: ``CommandFailure`` when the worktree could not be removed (the ticket's event is recorded).
    static func remove(
        _ state: TicketState, keepBranch: Bool, context: CommandContext, store: any EventStore, command: String
    ) async throws -> String? {
        guard let project = context.project else { return nil }
        let manager = WorkspaceManager(
            repositoryRoot: project.root, logger: context.logging.makeLogger(label: "aet.workspace"))
        let workspace = manager.workspace(for: state.id, baseBranch: state.baseBranch)
        let path = project.display(workspace.path)
        let removal: WorkspaceRemoval
        do {
            removal = try await TicketWorkspaceRemover(
                store: store, workspaces: manager, actor: CommandContext.actor(command)
            )
            .remove(state, keepBranch: keepBranch, wait: wait)
        } catch let error as WorkspaceError where error.code == .lockTimedOut {
            throw CommandFailure(
                "\(state.id) is \(Format.name(state.status)), but the aet process working it did not let go within \(Int(wait.components.seconds)) s, so its worktree \(path) and branch \(workspace.branch) were kept: remove them with git worktree remove --force \(path) and git branch -D \(workspace.branch)."
            )
        } catch {
            throw CommandFailure(
                "\(state.id) is \(Format.name(state.status)), but its worktree \(path) could not be removed: \(error)")
        }
        return sentence(removal, path: path, branch: workspace.branch)
    }

    /// What a removal did, in words.
    static func sentence(_ removal: WorkspaceRemoval, path: String, branch: String) -> String? {
        switch (removal.worktreeRemoved, removal.branchRemoved, removal.branchKept) {
        case (true, true, _): "removed its worktree \(path) and branch \(branch)"
        case (true, false, true): "removed its worktree \(path) and kept branch \(branch)"
        case (true, false, false): "removed its worktree \(path)"
        case (false, true, _): "removed its branch \(branch)"
        case (false, false, true): "kept its branch \(branch)"
        case (false, false, false): nil
        }
    }
}
