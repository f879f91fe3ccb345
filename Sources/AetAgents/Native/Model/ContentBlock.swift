public import AetCore

/// One block of a message in aet's canonical conversation (the Anthropic Messages shape): text, a
/// tool call the model made, or a tool's result sent back.
///
/// Its JSON form is Anthropic's (`{"type":"text","text"}`, `{"type":"tool_use","id","name","input"}`,
/// `{"type":"tool_result","tool_use_id","content","is_error"}`); transcripts store it that way.
public enum ContentBlock: Sendable, Hashable {
    /// Text.
    case text(String)
    /// A tool call the model made.
    case toolUse(ToolUse)
    /// A tool's result, sent back to the model in the next user message.
    case toolResult(ToolResultBlock)

    /// The text, when this is a text block.
    public var text: String? {
        if case .text(let text) = self { text } else { nil }
    }

    /// The tool call, when this is a tool-use block.
    public var toolUse: ToolUse? {
        if case .toolUse(let call) = self { call } else { nil }
    }

    /// The tool result, when this is a tool-result block.
    public var toolResult: ToolResultBlock? {
        if case .toolResult(let result) = self { result } else { nil }
    }
}

/// A tool call the model made.
public struct ToolUse: Sendable, Hashable, Codable {
    /// The call's identifier (`toolu_…`, `call_…`), echoed by its result.
    public var id: String
    /// The tool's name.
    public var name: String
    /// The tool's input; normally an object. Arguments that were not valid JSON are kept as a
    /// string, and the tool answers with an error.
    public var input: ModelJSON

    /// Creates a tool call.
    /// - Parameters:
    ///   - id: The call's identifier.
    ///   - name: The tool's name.
    ///   - input: The input.
    public init(id: String, name: String, input: ModelJSON) {
        self.id = id
        self.name = name
        self.input = input
    }
}

/// A tool's result, answering one ``ToolUse``.
public struct ToolResultBlock: Sendable, Hashable, Codable {
    /// The identifier of the call this answers.
    public var toolUseID: String
    /// The tool's output (or error message) as text.
    public var content: String
    /// Whether the tool failed or refused.
    public var isError: Bool

    /// Creates a tool result.
    /// - Parameters:
    ///   - toolUseID: The call's identifier.
    ///   - content: The output text.
    ///   - isError: Whether it is an error.
    public init(toolUseID: String, content: String, isError: Bool = false) {
        self.toolUseID = toolUseID
        self.content = content
        self.isError = isError
    }
}

extension ContentBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, text, id, name, input
        case toolUseID = "tool_use_id"
        case content
        case isError = "is_error"
    }

    /// Decodes a block in its Anthropic JSON form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for an unknown `type` or missing fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text":
            self = .text(try container.decode(String.self, forKey: .text))
        case "tool_use":
            self = .toolUse(
                ToolUse(
                    id: try container.decode(String.self, forKey: .id),
                    name: try container.decode(String.self, forKey: .name),
                    input: try container.decodeIfPresent(ModelJSON.self, forKey: .input) ?? [:]
                )
            )
        case "tool_result":
            self = .toolResult(
                ToolResultBlock(
                    toolUseID: try container.decode(String.self, forKey: .toolUseID),
                    content: try container.decodeIfPresent(String.self, forKey: .content) ?? "",
                    isError: try container.decodeIfPresent(Bool.self, forKey: .isError) ?? false
                )
            )
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "unknown content block type '\(other)'"
            )
        }
    }

    /// Encodes the block in its Anthropic JSON form.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` when the encoder refuses a value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try container.encode("text", forKey: .type)
            try container.encode(text, forKey: .text)
        case .toolUse(let call):
            try container.encode("tool_use", forKey: .type)
            try container.encode(call.id, forKey: .id)
            try container.encode(call.name, forKey: .name)
            try container.encode(call.input, forKey: .input)
        case .toolResult(let result):
            try container.encode("tool_result", forKey: .type)
            try container.encode(result.toolUseID, forKey: .toolUseID)
            try container.encode(result.content, forKey: .content)
            if result.isError { try container.encode(true, forKey: .isError) }
        }
    }
}
