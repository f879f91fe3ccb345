/// The model APIs aet's native loop speaks, with their defaults: runtime id, base URL, the host
/// variables that override the base URL and hold the key, and the default model.
public struct NativeProvider: Sendable, Hashable {
    /// The runtime's id (`anthropic` or `openai`).
    public var runtimeID: RuntimeID
    /// The base URL used when neither the configuration nor the host environment gives one.
    public var defaultBaseURL: String
    /// The host variable that overrides the base URL, e.g. `ANTHROPIC_BASE_URL`.
    public var baseURLVariable: String
    /// The host variable that holds the API key, e.g. `ANTHROPIC_API_KEY`.
    public var apiKeyVariable: String
    /// The model used when neither the request nor the configuration names one.
    public var defaultModel: String

    /// Anthropic Messages: `https://api.anthropic.com`, `ANTHROPIC_BASE_URL`, `ANTHROPIC_API_KEY`,
    /// `claude-sonnet-4-5`.
    public static let anthropic = NativeProvider(
        runtimeID: .anthropic,
        defaultBaseURL: AnthropicMessagesClient.defaultBaseURL,
        baseURLVariable: "ANTHROPIC_BASE_URL",
        apiKeyVariable: "ANTHROPIC_API_KEY",
        defaultModel: "claude-sonnet-4-5"
    )

    /// OpenAI-compatible Chat Completions: `https://api.openai.com/v1`, `OPENAI_BASE_URL`,
    /// `OPENAI_API_KEY`, `gpt-5`.
    public static let openai = NativeProvider(
        runtimeID: .openai,
        defaultBaseURL: OpenAIChatClient.defaultBaseURL,
        baseURLVariable: "OPENAI_BASE_URL",
        apiKeyVariable: "OPENAI_API_KEY",
        defaultModel: "gpt-5"
    )

    /// The endpoint a configuration selects: its base URL and key, else the host environment's,
    /// else the default base URL.
    /// - Parameter configuration: The runtime's configuration.
    /// - Returns: The endpoint.
    public func endpoint(for configuration: NativeAgentRuntime.Configuration) -> ModelEndpoint {
        let host = configuration.hostEnvironment
        let baseURL = [configuration.baseURL, host[baseURLVariable]].compactMap { $0 }.first { !$0.isEmpty }
        return ModelEndpoint(
            baseURL: baseURL ?? defaultBaseURL,
            apiKey: configuration.apiKey ?? host[apiKeyVariable]
        )
    }
}
