/// One reply of the model: its blocks, why it stopped, and what it consumed.
public struct ModelTurn: Sendable, Hashable {
    /// The reply's blocks (text and tool calls), in order.
    public var blocks: [ContentBlock]
    /// Why the model stopped.
    public var stopReason: ModelStopReason
    /// The tokens this reply consumed.
    public var usage: TokenUsage
    /// Whether the API reported usage (a stream may end without it).
    public var usageReported: Bool
    /// The model that answered, as the API names it.
    public var model: String?

    /// Creates a reply.
    /// - Parameters:
    ///   - blocks: The blocks.
    ///   - stopReason: Why the model stopped.
    ///   - usage: The tokens consumed.
    ///   - usageReported: Whether usage was reported.
    ///   - model: The model that answered.
    public init(
        blocks: [ContentBlock],
        stopReason: ModelStopReason,
        usage: TokenUsage = .zero,
        usageReported: Bool = true,
        model: String? = nil
    ) {
        self.blocks = blocks
        self.stopReason = stopReason
        self.usage = usage
        self.usageReported = usageReported
        self.model = model
    }

    /// The tool calls of the reply, in order.
    public var toolUses: [ToolUse] { blocks.compactMap(\.toolUse) }

    /// The reply's text blocks joined by blank lines.
    public var text: String { blocks.compactMap(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n") }
}

/// Why a model stopped writing, in one vocabulary for every API.
public enum ModelStopReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The model finished its turn (Anthropic `end_turn`, Chat `stop`).
    case endTurn
    /// The model wants tool results (`tool_use`, `tool_calls`).
    case toolUse
    /// The reply hit the output token limit (`max_tokens`, `length`).
    case maxTokens
    /// A stop sequence was produced.
    case stopSequence
    /// The model refused (`refusal`, `content_filter`).
    case refusal
    /// The conversation no longer fits the model's context window.
    case contextExceeded
    /// Anything else, as the API spelled it.
    case other(String)

    /// Maps an Anthropic `stop_reason`.
    /// - Parameter value: The API's value.
    public init(anthropic value: String?) {
        switch value {
        case "end_turn", nil: self = .endTurn
        case "tool_use": self = .toolUse
        case "max_tokens": self = .maxTokens
        case "stop_sequence": self = .stopSequence
        case "refusal": self = .refusal
        case "model_context_window_exceeded": self = .contextExceeded
        case let other?: self = .other(other)
        }
    }

    /// Maps an OpenAI Chat Completions `finish_reason`.
    /// - Parameter value: The API's value.
    public init(openAIChat value: String?) {
        switch value {
        case "stop", nil: self = .endTurn
        case "tool_calls", "function_call": self = .toolUse
        case "length": self = .maxTokens
        case "content_filter": self = .refusal
        case let other?: self = .other(other)
        }
    }

    /// The Anthropic spelling, e.g. `end_turn` (also how transcripts store it).
    public var description: String {
        switch self {
        case .endTurn: "end_turn"
        case .toolUse: "tool_use"
        case .maxTokens: "max_tokens"
        case .stopSequence: "stop_sequence"
        case .refusal: "refusal"
        case .contextExceeded: "model_context_window_exceeded"
        case .other(let value): value
        }
    }

    /// Decodes the Anthropic spelling.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when it is not a string.
    public init(from decoder: any Decoder) throws {
        self.init(anthropic: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the Anthropic spelling.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` when the encoder refuses it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
