extension ScriptedModelServer {
    /// One request the server received, as tests inspect it: what was asked, of which endpoint,
    /// with which headers (secrets redacted), which rule answered and with what status.
    public struct RecordedRequest: Sendable {
        /// The order of arrival, from 1.
        public var sequence: Int
        /// The HTTP method, e.g. `POST`.
        public var method: String
        /// The path, without the query, e.g. `/v1/messages`.
        public var path: String
        /// The query string without `?`, if any (Claude Code sends `beta=true`).
        public var query: String?
        /// The headers, names in lower case, repeated values joined by `, `. Credentials are
        /// redacted: `x-api-key: <redacted>`, `authorization: Bearer <redacted>` (see
        /// ``redactedHeaderValue(name:value:)``).
        public var headers: [String: String]
        /// The endpoint the request was routed to.
        public var endpoint: Endpoint
        /// The body as text (invalid UTF-8 repaired).
        public var bodyText: String
        /// The decoded body, or nil when it is empty or not JSON.
        public var body: WireJSON?
        /// The request in neutral form, for `messages`, `count_tokens`, chat-completions and
        /// responses requests that decoded.
        public var modelRequest: ScriptedModel.Request?
        /// The rule that answered, for model requests a rule answered.
        public var matchedRule: String?
        /// The HTTP status the server answered.
        public var responseStatus: Int
        /// The error message the server answered (no rule matched, malformed request, scripted
        /// failure), if any.
        public var errorMessage: String?
        /// With ``Configuration/requiredCredential``: whether the model request carried it (as
        /// `x-api-key` or a bearer token); nil when the server checks no credential.
        public var authenticated: Bool?

        /// The API of a model request (including `count_tokens`), or nil for other endpoints.
        public var api: ModelWireAPI? { endpoint.api }

        /// The system prompt of a model request, or "".
        public var systemPrompt: String { modelRequest?.systemPrompt ?? "" }

        /// The offered tools of a model request.
        public var toolNames: [String] { modelRequest?.toolNames ?? [] }
    }

    /// The endpoints the server knows.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable {
            case messages, countTokens, chatCompletions, responses, models, probe, unknown
        }

        let kind: Kind

        /// `POST /v1/messages`.
        public static let messages = Endpoint(kind: .messages)
        /// `POST /v1/messages/count_tokens`.
        public static let countTokens = Endpoint(kind: .countTokens)
        /// `POST /v1/chat/completions` or `/chat/completions`.
        public static let chatCompletions = Endpoint(kind: .chatCompletions)
        /// `POST /v1/responses` or `/responses`.
        public static let responses = Endpoint(kind: .responses)
        /// `GET /v1/models` or `/models`.
        public static let models = Endpoint(kind: .models)
        /// `GET`/`HEAD` of `/` or `/v1`, and `HEAD` of any known path: a liveness probe.
        public static let probe = Endpoint(kind: .probe)
        /// Anything else, answered 404.
        public static let unknown = Endpoint(kind: .unknown)

        /// The API whose requests this endpoint serves.
        public var api: ModelWireAPI? {
            switch kind {
            case .messages, .countTokens: .anthropic
            case .chatCompletions: .openAIChat
            case .responses: .openAIResponses
            case .models, .probe, .unknown: nil
            }
        }

        /// Whether the script answers requests to this endpoint.
        public var isScripted: Bool {
            switch kind {
            case .messages, .chatCompletions, .responses: true
            case .countTokens, .models, .probe, .unknown: false
            }
        }

        /// E.g. `messages`, `count_tokens`, `chat_completions`.
        public var description: String {
            switch kind {
            case .messages: "messages"
            case .countTokens: "count_tokens"
            case .chatCompletions: "chat_completions"
            case .responses: "responses"
            case .models: "models"
            case .probe: "probe"
            case .unknown: "unknown"
            }
        }

        static func route(method: String, path: String) -> Endpoint {
            var path = path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            let known: [String: Endpoint] = [
                "/v1/messages": .messages, "/v1/messages/count_tokens": .countTokens,
                "/v1/chat/completions": .chatCompletions, "/chat/completions": .chatCompletions,
                "/v1/responses": .responses, "/responses": .responses, "/v1/models": .models, "/models": .models,
            ]
            switch (method, known[path]) {
            case ("HEAD", _) where known[path] != nil || path == "/" || path == "/v1": return .probe
            case ("GET", _) where path == "/" || path == "/v1": return .probe
            case ("GET", .models?): return .models
            case ("POST", let endpoint?) where endpoint != .models: return endpoint
            default: return .unknown
            }
        }
    }

    /// What the request log keeps of a header value: credentials are replaced by `<redacted>`,
    /// keeping an `Authorization` scheme (`Bearer <redacted>`), so a test can see which kind of
    /// credential a client sent but never its value.
    /// - Parameters:
    ///   - name: The header name.
    ///   - value: Its value.
    /// - Returns: The value to keep.
    public static func redactedHeaderValue(name: String, value: String) -> String {
        let name = name.lowercased()
        if name == "authorization" || name == "proxy-authorization" {
            let parts = value.split(separator: " ", maxSplits: 1)
            return parts.count == 2 ? "\(parts[0]) <redacted>" : "<redacted>"
        }
        let secretWords = ["api-key", "apikey", "api_key", "token", "secret", "cookie", "password", "credential"]
        if secretWords.contains(where: name.contains) { return "<redacted>" }
        return value
    }
}
