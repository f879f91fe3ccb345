extension ScriptedReply {
    /// An HTTP error the scripted model answers instead of a reply, sent at once (no delay), even
    /// for a streaming request, with the body shaped as the request's API shapes its errors:
    /// Anthropic `{"type":"error","error":{"type","message"}}`, OpenAI
    /// `{"error":{"message","type","param","code"}}`.
    ///
    /// ```swift
    /// .failure(.rateLimited(retryAfterSeconds: 2))     // 429, retry-after: 2
    /// .failure(.overloaded())                          // 529 overloaded_error
    /// .failure(.serverError())                         // 500
    /// .failure(.status(401, message: "invalid x-api-key"))
    /// .failure(.unsafeRaw(status: 502, body: "<html>bad gateway</html>", contentType: "text/html"))
    /// ```
    public struct Failure: Sendable, Hashable {
        /// The HTTP status.
        public var status: Int
        /// The error message put in the body.
        public var message: String
        /// Extra response headers (lower-case names), e.g. `retry-after`.
        public var headers: [String: String]
        /// The API's error type; nil derives it from the status (Anthropic `rate_limit_error`,
        /// `overloaded_error`, `api_error`, …; OpenAI `requests`, `server_error`,
        /// `invalid_request_error`).
        public var errorType: String?
        /// When set, the body is exactly this text, with ``contentType``, instead of the API-shaped
        /// error object.
        public var rawBody: String?
        /// The content type of ``rawBody``.
        public var contentType: String

        /// An error with an API-shaped body.
        /// - Parameters:
        ///   - status: The HTTP status.
        ///   - message: The message.
        ///   - errorType: The API error type, or nil to derive it from the status.
        ///   - headers: Extra response headers.
        public init(status: Int, message: String, errorType: String? = nil, headers: [String: String] = [:]) {
            self.status = status
            self.message = message
            self.errorType = errorType
            self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
            self.rawBody = nil
            self.contentType = "application/json"
        }

        /// Any status with an API-shaped body.
        /// - Parameters:
        ///   - status: The HTTP status.
        ///   - message: The message.
        ///   - headers: Extra response headers.
        /// - Returns: The failure.
        public static func status(_ status: Int, message: String, headers: [String: String] = [:]) -> Failure {
            Failure(status: status, message: message, headers: headers)
        }

        /// 429 Too Many Requests, with a `retry-after` header when `retryAfterSeconds` is given.
        /// - Parameters:
        ///   - retryAfterSeconds: The `retry-after` value in seconds, or nil for no header.
        ///   - message: The message.
        /// - Returns: The failure.
        public static func rateLimited(
            retryAfterSeconds: Int? = 1,
            message: String = "Scripted rate limit: too many requests."
        ) -> Failure {
            var headers: [String: String] = [:]
            if let retryAfterSeconds { headers["retry-after"] = String(retryAfterSeconds) }
            return Failure(status: 429, message: message, headers: headers)
        }

        /// 529 Overloaded (Anthropic's `overloaded_error`).
        /// - Parameter message: The message.
        /// - Returns: The failure.
        public static func overloaded(message: String = "Scripted overload: the model is overloaded.") -> Failure {
            Failure(status: 529, message: message)
        }

        /// 500 Internal Server Error.
        /// - Parameter message: The message.
        /// - Returns: The failure.
        public static func serverError(message: String = "Scripted internal server error.") -> Failure {
            Failure(status: 500, message: message)
        }

        /// Any status with exactly this body, shaped like no API (a proxy's HTML page, truncated
        /// JSON, …).
        /// - Parameters:
        ///   - status: The HTTP status.
        ///   - body: The body, sent verbatim.
        ///   - contentType: Its content type.
        ///   - headers: Extra response headers.
        /// - Returns: The failure.
        public static func unsafeRaw(
            status: Int,
            body: String,
            contentType: String = "application/json",
            headers: [String: String] = [:]
        ) -> Failure {
            var failure = Failure(status: status, message: "", headers: headers)
            failure.rawBody = body
            failure.contentType = contentType
            return failure
        }

        var anthropicErrorType: String {
            if let errorType { return errorType }
            switch status {
            case 401: return "authentication_error"
            case 402: return "billing_error"
            case 403: return "permission_error"
            case 404: return "not_found_error"
            case 413: return "request_too_large"
            case 429: return "rate_limit_error"
            case 504: return "timeout_error"
            case 529: return "overloaded_error"
            case 500...: return "api_error"
            default: return "invalid_request_error"
            }
        }

        var openAIErrorType: String {
            if let errorType { return errorType }
            switch status {
            case 429: return "requests"
            case 500...: return "server_error"
            default: return "invalid_request_error"
            }
        }

        var openAIErrorCode: String? {
            switch status {
            case 401: "invalid_api_key"
            case 404: "model_not_found"
            case 429: "rate_limit_exceeded"
            default: nil
            }
        }
    }
}
