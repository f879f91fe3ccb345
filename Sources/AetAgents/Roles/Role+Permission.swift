extension Role {
    /// What an agent may do in its worktree; each runtime maps it to its own flags
    /// (AGENT-RUNTIMES.md §8), e.g. Claude Code's `--permission-mode`.
    ///
    /// Written in a role file as `permission: readOnly` (the raw values).
    public enum Permission: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Reads files only (planner, architect, reviewer).
        case readOnly
        /// Reads and edits files in the worktree (developer).
        case editWorkspace
        /// Edits files and runs the commands allowed by its `Bash(…)` tools.
        case editAndRunAllowlisted
        /// Anything the agent wants; only for agents inside a sandbox of their own.
        case fullAuto

        public var description: String { rawValue }

        /// Whether the permission lets the agent change files.
        public var allowsEdits: Bool { self != .readOnly }
    }

    /// Tools that change files, refused in a ``Permission/readOnly`` role's `tools:`.
    static let editingTools: Set<String> = ["Edit", "MultiEdit", "Write", "NotebookEdit"]
}
