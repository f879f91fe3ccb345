/// Bounds one model call by the run's idle timeout (no reply for that long) and what is left of
/// its wall-clock timeout, whichever comes first.
enum ModelCallDeadline {
    /// The call took too long.
    struct Exceeded: Error {
        var kind: TimeoutKind
    }

    /// Runs `operation`, or throws ``Exceeded`` when the nearer deadline passes first.
    /// - Parameters:
    ///   - idle: The idle timeout.
    ///   - wallDeadline: When the run must be over.
    ///   - operation: The model call.
    /// - Returns: Its result.
    /// - Throws: ``Exceeded``, or what `operation` throws.
    static func run<Value: Sendable>(
        idle: Duration,
        wallDeadline: ContinuousClock.Instant,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let wallLeft = ContinuousClock.now.duration(to: wallDeadline)
        guard wallLeft > .zero else { throw Exceeded(kind: .wall) }
        let (limit, kind): (Duration, TimeoutKind) = idle < wallLeft ? (idle, .idle) : (wallLeft, .wall)
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Exceeded(kind: kind)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
