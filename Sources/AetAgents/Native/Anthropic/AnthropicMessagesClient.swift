public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A ``ModelClient`` for the Anthropic Messages API (`POST {base}/v1/messages`), streaming or not.
///
/// Sends `x-api-key` (when there is a key) and `anthropic-version`; tools as `{name, description,
/// input_schema}`; tool results as `tool_result` blocks in the next user message. Retries 429, 5xx,
/// 529 and connection failures under the configuration's ``RetryPolicy``. Also works with
/// Anthropic-compatible servers (Ollama, llama.cpp, vLLM, aet's scripted model server).
///
/// ```swift
/// let client = AnthropicMessagesClient(
///     endpoint: ModelEndpoint(baseURL: AnthropicMessagesClient.defaultBaseURL, apiKey: key))
/// let turn = try await client.complete(conversation)
/// ```
public struct AnthropicMessagesClient: ModelClient {
    /// `https://api.anthropic.com`.
    public static let defaultBaseURL = "https://api.anthropic.com"
    /// The `anthropic-version` header sent.
    public static let apiVersion = "2023-06-01"
    static let apiName = "Anthropic Messages"

    /// The API's address and key.
    public let endpoint: ModelEndpoint
    /// Streaming, retries, timeouts.
    public var configuration: ModelClientConfiguration
    private let httpClient: HTTPClient?

    /// Creates a client.
    /// - Parameters:
    ///   - endpoint: The base URL (without `/v1`) and the key.
    ///   - configuration: Streaming, retries, timeouts.
    ///   - httpClient: The HTTP client to use; nil (the default) for a client owned and shut down by each
    ///     call, which fails a refused connection at once so the retry policy applies.
    public init(
        endpoint: ModelEndpoint,
        configuration: ModelClientConfiguration = ModelClientConfiguration(),
        httpClient: HTTPClient? = nil
    ) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.httpClient = httpClient
    }

    /// Sends the conversation and returns the model's reply.
    /// - Parameter conversation: The model, system prompt, messages and tools.
    /// - Returns: The reply.
    /// - Throws: ``ModelAPIError`` after retries, or `CancellationError`.
    public func complete(_ conversation: ModelConversation) async throws -> ModelTurn {
        let streaming = configuration.streaming
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key = endpoint.apiKey { headers.append(("x-api-key", key)) }
        if streaming { headers.append(("accept", "text/event-stream")) }
        let transport = ModelHTTPTransport(
            api: Self.apiName,
            httpClient: httpClient,
            retry: configuration.retry,
            requestTimeout: configuration.requestTimeout,
            redactor: Redactor(secrets: endpoint.apiKey.map { [$0] } ?? [])
        )
        return try await transport.post(
            url: endpoint.baseURL + "/v1/messages",
            headers: headers,
            body: Self.requestBody(for: conversation, stream: streaming)
        ) { response in
            try await ModelReplyReader.turn(
                from: response, streaming: streaming, accumulating: AnthropicStreamAccumulator.self,
                decode: Self.decodeMessage)
        }
    }
}
