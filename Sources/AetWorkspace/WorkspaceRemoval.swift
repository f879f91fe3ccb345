/// What ``WorkspaceManager/remove(_:keepBranch:)`` did.
public struct WorkspaceRemoval: Hashable, Sendable {
    /// The worktree existed and was removed.
    public var worktreeRemoved = false
    /// The branch existed and was deleted.
    public var branchRemoved = false
    /// The branch exists and was kept (`keepBranch`).
    public var branchKept = false

    /// Nothing removed.
    public init() {}
}
