#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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
    func withWorktreeLock<T>(_ body: () async throws -> T) async throws -> T {
        try makeWorktreesDirectory()
        let path = worktreesDirectory + "/.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WorkspaceError(
                .worktreeConflict,
                "could not open the worktree lock \(path).",
                detail: "errno \(errno)"
            )
        }
        defer { close(descriptor) }  // closing the descriptor releases the lock
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.git.timeout
        var pause = Duration.milliseconds(1)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw WorkspaceError(.worktreeConflict, "could not lock \(path).", detail: "errno \(errno)")
            }
            guard clock.now < deadline else {
                throw WorkspaceError(
                    .lockTimedOut,
                    "the worktree lock \(path) stayed busy for \(configuration.git.timeout.secondsText): "
                        + "another aet process may be stuck."
                )
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
        return try await body()
    }
}
