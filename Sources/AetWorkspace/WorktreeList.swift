/// One entry of `git worktree list --porcelain`.
struct WorktreeEntry: Hashable, Sendable {
    /// The worktree's directory, canonical when it exists.
    var path: String
    /// The checked-out commit (`nil` for a bare repository).
    var head: CommitID?
    /// The checked-out branch as a full ref (`refs/heads/main`), or `nil` when detached.
    var branch: String?
    /// Whether git marks it prunable (its directory is gone).
    var isPrunable = false
    /// Whether this is the bare repository itself.
    var isBare = false

    /// Parses the porcelain format: blocks of `key value` lines separated by blank lines; the first
    /// block is the main worktree.
    static func parse(_ output: String) -> [WorktreeEntry] {
        var entries: [WorktreeEntry] = []
        var current: WorktreeEntry?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if let entry = current { entries.append(entry) }
                current = nil
                continue
            }
            let (key, value) =
                if let space = line.firstIndex(of: " ") {
                    (line[..<space], String(line[line.index(after: space)...]))
                } else {
                    (line, "")
                }
            switch key {
            case "worktree": current = WorktreeEntry(path: FileSystem.realPath(value) ?? value)
            case "HEAD": current?.head = CommitID(value)
            case "branch": current?.branch = value
            case "prunable": current?.isPrunable = true
            case "bare": current?.isBare = true
            default: break
            }
        }
        if let entry = current { entries.append(entry) }
        return entries
    }
}

extension WorkspaceManager {
    /// Every worktree of the repository; the first is the main one. Takes the worktree lock.
    func listWorktrees() async throws -> [WorktreeEntry] {
        try await withWorktreeLock { try await listWorktreesHoldingLock() }
    }

    /// ``listWorktrees()`` for a caller that already holds the worktree lock.
    func listWorktreesHoldingLock() async throws -> [WorktreeEntry] {
        WorktreeEntry.parse(try await git.run(["worktree", "list", "--porcelain"], in: repositoryRoot).standardOutput)
    }
}
