extension NativeAgentRuntime {
    /// How a native runtime reaches its model and runs its tools.
    public struct Configuration: Sendable, Hashable {
        /// aet's own environment, read once at the edge (CLI) and passed in: the base URL and key
        /// variables are read from it, and only its allow-listed variables reach `run_command`.
        public var hostEnvironment: [String: String]
        /// The API's base URL; nil for the host's `ANTHROPIC_BASE_URL` / `OPENAI_BASE_URL`, else the
        /// provider's default.
        public var baseURL: String?
        /// The API key; nil for the host's `ANTHROPIC_API_KEY` / `OPENAI_API_KEY`.
        public var apiKey: String?
        /// The model when the request names none; nil for the provider's default.
        public var defaultModel: String?
        /// Streaming, retries and timeouts of the HTTP client.
        public var client: ModelClientConfiguration
        /// The most tokens per model reply.
        public var maxOutputTokens: Int
        /// Prices, to compute the cost (unknown for models not in the table).
        public var prices: PriceTable
        /// Caps and command settings of the tools.
        public var tools: NativeToolExecutor.Configuration
        /// The largest `transcript.jsonl` written.
        public var maxTranscriptBytes: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - hostEnvironment: aet's own environment.
        ///   - baseURL: The base URL; nil for the host variable or the default.
        ///   - apiKey: The key; nil for the host variable.
        ///   - defaultModel: The model when the request names none.
        ///   - client: Streaming (on by default), retries, timeouts.
        ///   - maxOutputTokens: Tokens per reply (default 8192).
        ///   - prices: The price table (default ``PriceTable/standard``).
        ///   - tools: Tool caps and command settings.
        ///   - maxTranscriptBytes: The transcript cap (default 16 MiB).
        public init(
            hostEnvironment: [String: String] = [:],
            baseURL: String? = nil,
            apiKey: String? = nil,
            defaultModel: String? = nil,
            client: ModelClientConfiguration = ModelClientConfiguration(),
            maxOutputTokens: Int = 8192,
            prices: PriceTable = .standard,
            tools: NativeToolExecutor.Configuration = NativeToolExecutor.Configuration(),
            maxTranscriptBytes: Int = 16 << 20
        ) {
            self.hostEnvironment = hostEnvironment
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.defaultModel = defaultModel
            self.client = client
            self.maxOutputTokens = maxOutputTokens
            self.prices = prices
            self.tools = tools
            self.maxTranscriptBytes = maxTranscriptBytes
        }

        var loopSettings: NativeLoopSettings {
            NativeLoopSettings(
                hostEnvironment: hostEnvironment,
                prices: prices,
                maxOutputTokens: maxOutputTokens,
                maxTranscriptBytes: maxTranscriptBytes,
                tools: tools,
                secrets: apiKey.map { [$0] } ?? []
            )
        }
    }
}
