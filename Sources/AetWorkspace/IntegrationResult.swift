/// The outcome of ``WorkspaceManager/integrate(_:into:summary:)``.
public enum IntegrationResult: Hashable, Sendable, CustomStringConvertible {
    /// The base branch only lacked the ticket's commits; it now points at the ticket's head.
    case fastForwarded(to: CommitID)
    /// Both had moved on: a merge commit `Merge T-<n>: …` (parents: old base head, ticket head) is the new base head.
    case merged(commit: CommitID)
    /// The base branch already contains every commit of the ticket branch; nothing changed.
    case alreadyIntegrated(head: CommitID)
    /// The ticket's changes conflict with the base branch; nothing changed anywhere.
    /// `files` are the conflicting paths, `details` git's conflict messages.
    case conflict(files: [String], details: String)
    /// The base branch is checked out with uncommitted changes that touch files the merge changes
    /// (`files`), or is being rebased; nothing changed. `reason` says what the user must do first.
    case waiting(files: [String], reason: String)

    /// The base branch's head after a successful integration; `nil` for a conflict or a wait.
    public var baseHead: CommitID? {
        switch self {
        case .fastForwarded(let commit), .merged(let commit), .alreadyIntegrated(let commit): commit
        case .conflict, .waiting: nil
        }
    }

    /// Whether the base branch now contains the ticket's work.
    public var isIntegrated: Bool { baseHead != nil }

    public var description: String {
        switch self {
        case .fastForwarded(let commit): "fast-forwarded to \(commit.short)"
        case .merged(let commit): "merged as \(commit.short)"
        case .alreadyIntegrated(let commit): "already integrated (\(commit.short))"
        case .conflict(let files, _): "conflict in \(files.joined(separator: ", "))"
        case .waiting(_, let reason): "waiting: \(reason)"
        }
    }
}
