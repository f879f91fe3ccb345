/// A model API call that failed for good: an HTTP error status, a connection failure, a reply that
/// could not be understood, or a recording that ran out.
///
/// ``description`` is safe to show: it names the API, the status and the API's own error message,
/// and never the API key. ``isRetryable`` tells the transport whether to try again.
public struct ModelAPIError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private enum Code: String, Sendable {
        case httpStatus = "http_status"
        case transport = "transport"
        case invalidResponse = "invalid_response"
        case streamError = "stream_error"
        case recordingExhausted = "recording_exhausted"
        case invalidRecording = "invalid_recording"
    }

    private let code: Code
    private let message: String
    /// The HTTP status, for ``httpStatus(_:api:message:retryAfter:)``.
    public let status: Int?
    /// How long the server asked to wait before retrying (`retry-after`), when it said.
    public let retryAfter: Duration?
    /// Attempts made, when the transport gave up after retries.
    public internal(set) var attempts: Int

    private init(_ code: Code, _ message: String, status: Int? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        self.attempts = 1
    }

    /// The API answered an error status.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - api: The API's name, e.g. `Anthropic Messages`.
    ///   - message: The API's error message (already free of secrets).
    ///   - retryAfter: The `retry-after` the server sent.
    public static func httpStatus(
        _ status: Int,
        api: String,
        message: String,
        retryAfter: Duration? = nil
    )
        -> ModelAPIError
    {
        let detail = message.isEmpty ? "" : ": \(message.prefix(500))"
        return ModelAPIError(
            .httpStatus,
            "the \(api) API answered HTTP \(status)\(detail)",
            status: status,
            retryAfter: retryAfter
        )
    }

    /// The connection failed (refused, reset, timed out) before a whole reply arrived.
    /// - Parameters:
    ///   - api: The API's name.
    ///   - reason: What failed.
    public static func transport(api: String, reason: String) -> ModelAPIError {
        ModelAPIError(.transport, "cannot reach the \(api) API: \(reason.prefix(300))")
    }

    /// The reply could not be understood.
    /// - Parameters:
    ///   - api: The API's name.
    ///   - reason: What was wrong.
    public static func invalidResponse(api: String, reason: String) -> ModelAPIError {
        ModelAPIError(.invalidResponse, "the \(api) API sent a reply aet cannot read: \(reason.prefix(300))")
    }

    /// The API reported an error in the middle of a stream.
    /// - Parameters:
    ///   - api: The API's name.
    ///   - type: The API's error type, e.g. `overloaded_error`.
    ///   - message: The API's message.
    public static func streamError(api: String, type: String, message: String) -> ModelAPIError {
        ModelAPIError(.streamError, "the \(api) API reported an error in its stream (\(type)): \(message.prefix(500))")
    }

    /// A replayed recording has no turn left for the loop's next request.
    /// - Parameter turn: The turn asked for, counting from 1.
    public static func recordingExhausted(turn: Int) -> ModelAPIError {
        ModelAPIError(.recordingExhausted, "the recording has no turn \(turn)")
    }

    /// A recording cannot be read.
    /// - Parameter reason: What is wrong with it.
    public static func invalidRecording(_ reason: String) -> ModelAPIError {
        ModelAPIError(.invalidRecording, "the recording cannot be read: \(reason)")
    }

    /// Whether trying again may help: HTTP 408, 409, 425, 429 and 5xx (incl. Anthropic's 529), connection
    /// failures, and overload errors reported in a stream.
    public var isRetryable: Bool {
        switch code {
        case .httpStatus:
            guard let status else { return false }
            return [408, 409, 425, 429].contains(status) || status >= 500
        case .transport: return true
        case .streamError:
            return message.contains("overloaded") || message.contains("rate_limit")
                || message.contains("api_error")
        case .invalidResponse, .recordingExhausted, .invalidRecording: return false
        }
    }

    /// A short code without payload, for metric labels: e.g. `http_status`.
    public var shortDescription: String { code.rawValue }

    /// A sentence safe to show: the API, the status and its message; with the attempt count after retries.
    public var description: String { attempts > 1 ? "\(message) (after \(attempts) attempts)" : message }

    public var debugDescription: String { "ModelAPIError(\(code.rawValue)): \(description)" }
}
