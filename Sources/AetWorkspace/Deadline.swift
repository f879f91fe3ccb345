/// Runs `operation` for at most `timeout`; returns `nil` when the time ran out first.
///
/// On timeout the operation's task is cancelled and awaited, so a subprocess started by it has
/// been torn down (per its `PlatformOptions.teardownSequence`) by the time this returns. Cancelling
/// the caller cancels the operation and rethrows its `CancellationError`.
func withDeadline<T: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        // The first child to finish decides; the other is cancelled and awaited when the group ends.
        guard let first = try await group.next() else { return nil }
        return first
    }
}
