public import AetCore

/// A ticket's git worktree: the directory `.aet/worktrees/T-<n>` with branch `aet/T-<n>` checked out.
///
/// Get one from ``WorkspaceManager/prepare(ticket:baseBranch:)`` (which creates it when needed) or
/// ``WorkspaceManager/workspace(for:baseBranch:)`` (which only describes it).
public struct Workspace: Hashable, Sendable, CustomStringConvertible {
    /// The ticket the worktree belongs to.
    public let ticket: TicketID
    /// The branch the ticket starts from and is integrated into, e.g. `main`.
    public let baseBranch: String
    /// The worktree's absolute path.
    public let path: String
    /// Whether the call that returned this value created the worktree (`false` when it was reused).
    public let isNew: Bool

    init(ticket: TicketID, baseBranch: String, path: String, isNew: Bool) {
        self.ticket = ticket
        self.baseBranch = baseBranch
        self.path = path
        self.isNew = isNew
    }

    /// The ticket's branch, `aet/T-<n>`.
    public var branch: String { Self.branch(for: ticket) }

    /// The branch name for a ticket: `aet/T-<n>`.
    /// - Parameter ticket: The ticket.
    /// - Returns: `aet/T-<n>`.
    public static func branch(for ticket: TicketID) -> String { "aet/\(ticket)" }

    public var description: String { "\(ticket) at \(path) (\(branch) from \(baseBranch))" }
}

extension String {
    /// The text up to the first line break.
    var firstLine: String {
        String(prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
    }
}
