extension WorkspaceManager {
    /// Runs `body` holding an exclusive `flock` on `<worktreesDirectory>/.lock`.
    ///
    /// git itself is not safe against concurrent `git worktree add`: another git command that
    /// enumerates worktrees (another `worktree add`, `worktree list`, `branch -D`) can read a
    /// half-created administrative directory and fail (`failed to read .git/worktrees/T-1/commondir`).
    /// So every aet command that creates, removes or enumerates worktrees runs under this lock, which
    /// also holds between processes (several `aet` processes on one repository). The lock is polled
    /// without blocking a thread, and released when `body` ends, throws or is cancelled. Not reentrant:
    /// `body` must not take it again.
    @discardableResult
    func withWorktreeLock<T>(_ body: () async throws -> T) async throws -> T {
        try makeWorktreesDirectory()
        let path = worktreesDirectory + "/.lock"
        let timeout = configuration.git.timeout
        return try await ExclusiveFileLock.withLock(
            path: path,
            timeout: timeout,
            busy: "the worktree lock \(path) stayed busy for \(timeout.secondsText): another aet process may be stuck.",
            body
        )
    }

    /// Runs `body` holding the integration lock of `baseBranch` (`<worktreesDirectory>/.integrate-<base>.lock`),
    /// so that integrations into one base branch, from any number of tasks and processes, happen one at a time.
    /// - Parameters:
    ///   - baseBranch: The branch integrated into.
    ///   - body: The integration.
    /// - Returns: What `body` returns.
    /// - Throws: ``WorkspaceError`` (`lockTimedOut` after 10 minutes), or what `body` throws.
    public func withIntegrationLock<T>(baseBranch: String, _ body: () async throws -> T) async throws -> T {
        try makeWorktreesDirectory()
        let name = String(
            baseBranch.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        let path = worktreesDirectory + "/.integrate-\(name).lock"
        return try await ExclusiveFileLock.withLock(
            path: path,
            timeout: .seconds(600),
            busy:
                "the integration lock of \(baseBranch) (\(path)) stayed busy for 10 minutes: another aet process may be stuck.",
            body
        )
    }
}
