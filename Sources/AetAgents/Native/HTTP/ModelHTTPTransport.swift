import AetCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts JSON to a model API with retries: what both HTTP model clients share.
///
/// A status of 400 or more becomes ``ModelAPIError/httpStatus(_:api:message:retryAfter:)`` with the
/// API's own error message; connection failures become ``ModelAPIError/transport(api:reason:)``.
/// Retryable failures are retried under the ``RetryPolicy``, also when the body fails halfway (the
/// caller only ever sees whole replies). The API key never appears in an error.
struct ModelHTTPTransport: Sendable {
    /// The API's name for messages, e.g. `Anthropic Messages`.
    var api: String
    /// The client to use; nil for one owned by each call (connection failures then fail at once
    /// and the ``RetryPolicy`` decides, instead of the pool retrying until the deadline).
    var httpClient: HTTPClient?
    var retry: RetryPolicy
    /// The deadline for the response head of one attempt.
    var requestTimeout: Duration
    /// Hides the API key in error messages.
    var redactor: Redactor

    /// The largest error or non-streamed body read.
    static let maxBodyBytes = 32 << 20

    /// Posts `body` to `url` and hands a successful response to `read`, retrying transient failures.
    /// - Parameters:
    ///   - url: The endpoint.
    ///   - headers: Request headers (the key among them).
    ///   - body: The JSON body.
    ///   - read: Reads a 2xx response into the reply; may throw ``ModelAPIError``.
    /// - Returns: What `read` returned.
    /// - Throws: ``ModelAPIError`` after the last attempt, or `CancellationError`.
    func post<Value: Sendable>(
        url: String,
        headers: [(String, String)],
        body: ModelJSON,
        read: (HTTPClientResponse) async throws -> Value
    ) async throws -> Value {
        if let httpClient {
            return try await post(with: httpClient, url: url, headers: headers, body: body, read: read)
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(30)
        let owned = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: Result<Value, any Error>
        do {
            result = .success(try await post(with: owned, url: url, headers: headers, body: body, read: read))
        } catch {
            result = .failure(error)
        }
        // Best effort: the call is over either way; a failed shutdown leaves nothing to retry.
        try? await owned.shutdown()
        return try result.get()
    }

    private func post<Value: Sendable>(
        with httpClient: HTTPClient,
        url: String,
        headers: [(String, String)],
        body: ModelJSON,
        read: (HTTPClientResponse) async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            do {
                return try await attemptOnce(httpClient, url: url, headers: headers, body: body, read: read)
            } catch var error as ModelAPIError {
                guard error.isRetryable, attempt < retry.maxAttempts else {
                    error.attempts = attempt
                    throw error
                }
                try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: error.retryAfter))
                attempt += 1
            }
        }
    }

    private func attemptOnce<Value: Sendable>(
        _ httpClient: HTTPClient,
        url: String,
        headers: [(String, String)],
        body: ModelJSON,
        read: (HTTPClientResponse) async throws -> Value
    ) async throws -> Value {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.serialized))
        do {
            let response = try await httpClient.execute(request, timeout: Self.timeAmount(requestTimeout))
            guard response.status.code < 400 else {
                let text = try await response.body.collect(upTo: 1 << 20)
                throw ModelAPIError.httpStatus(
                    Int(response.status.code),
                    api: api,
                    message: redactor.redact(Self.errorMessage(from: String(buffer: text))),
                    retryAfter: response.headers.first(name: "retry-after").flatMap(Self.retryAfter)
                )
            }
            return try await read(response)
        } catch let error as ModelAPIError {
            throw error
        } catch {
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            throw ModelAPIError.transport(api: api, reason: redactor.redact(Self.describe(error)))
        }
    }

    /// The API's own error message from an error body: Anthropic and OpenAI `error.message` (with
    /// the error type), a plain `error` or `message` string, else the start of the body.
    static func errorMessage(from body: String) -> String {
        if let json = try? ModelJSON(parsing: body) {
            let error = json["error"]
            if let message = error?["message"]?.stringValue {
                let type = error?["type"]?.stringValue ?? error?["code"]?.stringValue
                return type.map { "\($0): \(message)" } ?? message
            }
            if let message = error?.stringValue ?? json["message"]?.stringValue { return message }
        }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return String(trimmed.prefix(200))
    }

    /// A `retry-after` value in seconds (an HTTP date is ignored: the backoff applies).
    static func retryAfter(_ value: String) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0, seconds.isFinite
        else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(
            seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
        )
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.shortDescription }
        return String(describing: error)
    }
}
