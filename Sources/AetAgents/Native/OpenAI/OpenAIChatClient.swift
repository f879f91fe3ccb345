public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A ``ModelClient`` for OpenAI-compatible Chat Completions (`POST {base}/chat/completions`,
/// where the base usually ends in `/v1`), streaming or not: OpenAI, Ollama, vLLM, llama.cpp,
/// LM Studio.
///
/// Sends `Authorization: Bearer <key>` (when there is a key); tools as functions with JSON Schema
/// parameters; tool results as `role: tool` messages. Streams with `stream_options.include_usage`
/// and accumulates `tool_calls[].index` fragments; accepts usage on the finish chunk, on an extra
/// last chunk, or nowhere. Retries 429, 5xx and connection failures under the configuration's
/// ``RetryPolicy``.
///
/// ```swift
/// let client = OpenAIChatClient(endpoint: ModelEndpoint(baseURL: "http://127.0.0.1:11434/v1", apiKey: nil))
/// let turn = try await client.complete(conversation)
/// ```
public struct OpenAIChatClient: ModelClient {
    /// `https://api.openai.com/v1`.
    public static let defaultBaseURL = "https://api.openai.com/v1"
    static let apiName = "OpenAI Chat Completions"

    /// Which request field carries the reply's token limit.
    public enum MaxTokensField: String, Sendable, Hashable {
        /// `max_tokens` (older models and most compatible servers).
        case maxTokens = "max_tokens"
        /// `max_completion_tokens` (OpenAI's current models require it).
        case maxCompletionTokens = "max_completion_tokens"
        /// No limit sent.
        case omitted
    }

    /// The API's address and key.
    public let endpoint: ModelEndpoint
    /// Streaming, retries, timeouts.
    public var configuration: ModelClientConfiguration
    /// Which field carries the token limit; by default `max_completion_tokens` for api.openai.com
    /// and `max_tokens` elsewhere.
    public var maxTokensField: MaxTokensField
    private let httpClient: HTTPClient?

    /// Creates a client.
    /// - Parameters:
    ///   - endpoint: The base URL (usually ending in `/v1`) and the key.
    ///   - configuration: Streaming, retries, timeouts.
    ///   - maxTokensField: The token-limit field; nil picks by host.
    ///   - httpClient: The HTTP client to use; nil (the default) for a client owned and shut down by each
    ///     call, which fails a refused connection at once so the retry policy applies.
    public init(
        endpoint: ModelEndpoint,
        configuration: ModelClientConfiguration = ModelClientConfiguration(),
        maxTokensField: MaxTokensField? = nil,
        httpClient: HTTPClient? = nil
    ) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.maxTokensField =
            maxTokensField ?? (endpoint.baseURL.contains("api.openai.com") ? .maxCompletionTokens : .maxTokens)
        self.httpClient = httpClient
    }

    /// Sends the conversation and returns the model's reply.
    /// - Parameter conversation: The model, system prompt, messages and tools.
    /// - Returns: The reply.
    /// - Throws: ``ModelAPIError`` after retries, or `CancellationError`.
    public func complete(_ conversation: ModelConversation) async throws -> ModelTurn {
        let streaming = configuration.streaming
        var headers: [(String, String)] = []
        if let key = endpoint.apiKey { headers.append(("authorization", "Bearer \(key)")) }
        if streaming { headers.append(("accept", "text/event-stream")) }
        let transport = ModelHTTPTransport(
            api: Self.apiName,
            httpClient: httpClient,
            retry: configuration.retry,
            requestTimeout: configuration.requestTimeout,
            redactor: Redactor(secrets: endpoint.apiKey.map { [$0] } ?? [])
        )
        return try await transport.post(
            url: endpoint.baseURL + "/chat/completions",
            headers: headers,
            body: Self.requestBody(for: conversation, stream: streaming, maxTokensField: maxTokensField)
        ) { response in
            try await ModelReplyReader.turn(
                from: response, streaming: streaming, accumulating: OpenAIChatStreamAccumulator.self,
                decode: Self.decodeCompletion)
        }
    }
}
