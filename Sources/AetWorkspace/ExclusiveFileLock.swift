#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An exclusive `flock` on a file, held for the length of a closure, between tasks and processes.
///
/// The lock is polled without blocking a thread (1 ms, doubling to 50 ms), and released when the
/// closure returns, throws or is cancelled (closing the descriptor releases it; so does the process
/// dying, so a crash never leaves a stale lock). Not reentrant.
public enum ExclusiveFileLock {
    /// Runs `body` holding the lock on `path` (created when missing).
    /// - Parameters:
    ///   - path: The lock file.
    ///   - timeout: How long to wait for the lock; `nil` waits until cancelled.
    ///   - busy: The message when the wait times out (say who may hold it and what to do).
    ///   - body: The work to do under the lock.
    /// - Returns: What `body` returns.
    /// - Throws: ``WorkspaceError`` (`lockTimedOut`, or `worktreeConflict` when the file cannot be
    ///   opened), `CancellationError`, or what `body` throws.
    @discardableResult
    public static func withLock<T>(
        path: String,
        timeout: Duration?,
        busy: @autoclosure () -> String,
        _ body: () async throws -> T
    ) async throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WorkspaceError(.worktreeConflict, "could not open the lock file \(path).", detail: "errno \(errno)")
        }
        defer { close(descriptor) }  // closing the descriptor releases the lock
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var pause = Duration.milliseconds(1)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw WorkspaceError(.worktreeConflict, "could not lock \(path).", detail: "errno \(errno)")
            }
            if let deadline, clock.now >= deadline { throw WorkspaceError(.lockTimedOut, busy()) }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
        return try await body()
    }

    /// Takes the lock on `path` only if nobody holds it, and keeps it until the returned holder is released.
    /// - Parameter path: The lock file.
    /// - Returns: The holder, or `nil` when another process or task holds the lock.
    /// - Throws: ``WorkspaceError`` when the file cannot be opened.
    public static func tryAcquire(path: String) throws -> Holder? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WorkspaceError(.worktreeConflict, "could not open the lock file \(path).", detail: "errno \(errno)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return Holder(descriptor: descriptor)
    }

    /// A held lock; released by ``release()`` or when the holder is deinitialised.
    public final class Holder: @unchecked Sendable {  // the descriptor is only closed once, under the lock below
        private var descriptor: Int32
        private let mutex = NSLockLike()

        init(descriptor: Int32) { self.descriptor = descriptor }

        /// Releases the lock (idempotent).
        public func release() {
            mutex.withLock {
                if descriptor >= 0 { close(descriptor) }
                descriptor = -1
            }
        }

        deinit { if descriptor >= 0 { close(descriptor) } }
    }
}

/// A tiny pthread mutex wrapper, so this file needs no Foundation.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
