/// How a model client retries transient failures (HTTP 429, 5xx, connection errors): exponential
/// backoff with jitter, honouring `retry-after`, bounded.
///
/// Attempt *n* (from 1) waits `min(maxDelay, baseDelay × 2^(n−1))`, scaled by a random factor in
/// 0.5…1 (jitter), or what the server's `retry-after` asks when that is longer (at most
/// ``maxRetryAfter``).
///
/// ```swift
/// var policy = RetryPolicy()             // 4 attempts, 1 s base, 30 s cap
/// policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1))  // in tests
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts in all (1 = no retry).
    public var maxAttempts: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest computed wait.
    public var maxDelay: Duration
    /// The longest wait a `retry-after` header may impose.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - maxAttempts: The most attempts in all (default 4).
    ///   - baseDelay: The first retry's wait (default 1 s).
    ///   - maxDelay: The longest computed wait (default 30 s).
    ///   - maxRetryAfter: The longest wait `retry-after` may ask for (default 60 s).
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .seconds(1),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.maxRetryAfter = max(.zero, maxRetryAfter)
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before the retry that follows failed attempt `attempt`.
    /// - Parameters:
    ///   - attempt: The failed attempt, from 1.
    ///   - retryAfter: What the server asked for, if anything.
    ///   - jitter: A factor in 0.5…1 (random by default).
    /// - Returns: The wait.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil, jitter: Double? = nil) -> Duration {
        let factor = jitter ?? Double.random(in: 0.5...1)
        let exponent = min(max(0, attempt - 1), 30)
        let computed = min(maxDelay, baseDelay * (1 << exponent)) * factor
        guard let retryAfter else { return computed }
        return max(computed, min(retryAfter, maxRetryAfter))
    }
}
