/// What a ``ModelClient`` sends for one model turn: the model, the system prompt, the messages so
/// far and the tools on offer.
public struct ModelConversation: Sendable, Hashable {
    /// The model to ask.
    public var model: String
    /// The system prompt.
    public var system: String
    /// The conversation, alternating user and assistant messages, starting with the user.
    public var messages: [ModelMessage]
    /// The tools the model may call.
    public var tools: [ToolDefinition]
    /// The most tokens the model may write in its reply.
    public var maxOutputTokens: Int

    /// Creates a conversation.
    /// - Parameters:
    ///   - model: The model.
    ///   - system: The system prompt.
    ///   - messages: The messages.
    ///   - tools: The tools on offer.
    ///   - maxOutputTokens: The reply's token limit.
    public init(
        model: String,
        system: String,
        messages: [ModelMessage],
        tools: [ToolDefinition] = [],
        maxOutputTokens: Int = 8192
    ) {
        self.model = model
        self.system = system
        self.messages = messages
        self.tools = tools
        self.maxOutputTokens = maxOutputTokens
    }

    /// The number of assistant turns in the conversation so far.
    public var assistantTurns: Int { messages.count { $0.role == .assistant } }
}

/// One message of a conversation.
public struct ModelMessage: Sendable, Hashable, Codable {
    /// Who speaks.
    public enum Role: String, Sendable, Hashable, Codable {
        /// The user side: the prompt, and tool results.
        case user
        /// The model.
        case assistant
    }

    /// Who speaks.
    public var role: Role
    /// The blocks, in order.
    public var content: [ContentBlock]

    /// Creates a message.
    /// - Parameters:
    ///   - role: Who speaks.
    ///   - content: The blocks.
    public init(role: Role, content: [ContentBlock]) {
        self.role = role
        self.content = content
    }

    /// A user message of plain text.
    /// - Parameter text: The text.
    /// - Returns: The message.
    public static func user(_ text: String) -> ModelMessage { ModelMessage(role: .user, content: [.text(text)]) }
}

/// A tool offered to the model.
public struct ToolDefinition: Sendable, Hashable {
    /// The tool's name, e.g. `read_file`.
    public var name: String
    /// What the tool does, for the model.
    public var description: String
    /// The JSON Schema of the tool's input (an object schema).
    public var inputSchema: ModelJSON

    /// Creates a tool definition.
    /// - Parameters:
    ///   - name: The name.
    ///   - description: What it does.
    ///   - inputSchema: The input's JSON Schema.
    public init(name: String, description: String, inputSchema: ModelJSON) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }
}
