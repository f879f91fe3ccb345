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

    /// The base branch's head after a successful integration; `nil` for a conflict.
    public var baseHead: CommitID? {
        switch self {
        case .fastForwarded(let commit), .merged(let commit), .alreadyIntegrated(let commit): commit
        case .conflict: nil
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
        }
    }
}
