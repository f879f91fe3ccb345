/// How an HTTP model client talks to its API: streaming or not, retries, timeouts.
public struct ModelClientConfiguration: Sendable, Hashable {
    /// Whether replies are streamed (server-sent events) rather than sent whole. The reply the loop
    /// sees is the same either way.
    public var streaming: Bool
    /// How transient failures are retried.
    public var retry: RetryPolicy
    /// The deadline for the response head of one attempt (the run's idle timeout bounds the rest).
    public var requestTimeout: Duration

    /// Creates a configuration.
    /// - Parameters:
    ///   - streaming: Whether to stream (default true).
    ///   - retry: The retry policy (default 4 attempts from 1 s).
    ///   - requestTimeout: The response-head deadline per attempt (default 10 minutes).
    public init(streaming: Bool = true, retry: RetryPolicy = RetryPolicy(), requestTimeout: Duration = .seconds(600)) {
        self.streaming = streaming
        self.retry = retry
        self.requestTimeout = requestTimeout
    }
}
