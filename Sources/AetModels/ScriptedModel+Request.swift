extension ScriptedModel {
    /// One model request, decoded from its wire format into one neutral shape: what rules match on
    /// and what the request log keeps, so a test can assert what an agent was told.
    public struct Request: Sendable, Hashable {
        /// The API the request came in on.
        public var api: ModelWireAPI
        /// The `model` field.
        public var model: String
        /// Whether the client asked for a streamed reply.
        public var stream: Bool
        /// The system prompt: Anthropic `system` and `system`-role messages (Claude Code sends its
        /// environment notes that way), Chat `system`/`developer` messages, Responses
        /// `instructions` and `system`/`developer` input messages; joined by blank lines in order.
        public var systemPrompt: String
        /// The conversation, in wire order. System and developer messages are included with role
        /// ``Role/system``.
        public var messages: [Message]
        /// The names of the tools offered, in order (for Responses `namespace` groups, the group's
        /// name and then each member's name).
        public var toolNames: [String]
        /// The decoded JSON body.
        public var body: WireJSON

        /// Creates a request view; the server builds these from the wire.
        /// - Parameters:
        ///   - api: The API.
        ///   - model: The model name.
        ///   - stream: Whether streaming was asked for.
        ///   - systemPrompt: The system prompt.
        ///   - messages: The conversation.
        ///   - toolNames: The offered tools.
        ///   - body: The JSON body.
        public init(
            api: ModelWireAPI,
            model: String,
            stream: Bool,
            systemPrompt: String,
            messages: [Message],
            toolNames: [String],
            body: WireJSON
        ) {
            self.api = api
            self.model = model
            self.stream = stream
            self.systemPrompt = systemPrompt
            self.messages = messages
            self.toolNames = toolNames
            self.body = body
        }

        /// The turn this request asks for, counting from 1: one more than the assistant turns
        /// already in the conversation (a run of consecutive assistant messages or items, such as
        /// Responses `function_call` items of one turn, counts once).
        public var turn: Int {
            var turns = 0
            var previousWasAssistant = false
            for message in messages {
                let isAssistant = message.role == .assistant
                if isAssistant && !previousWasAssistant { turns += 1 }
                previousWasAssistant = isAssistant
            }
            return turns + 1
        }

        /// The trailing user-side messages (user text and tool results after the last assistant
        /// message, system messages skipped), in order.
        public var trailingMessages: [Message] {
            var trailing: [Message] = []
            for message in messages.reversed() {
                if message.role == .assistant { break }
                if message.role == .system { continue }
                trailing.append(message)
            }
            return trailing.reversed()
        }

        /// The text of ``trailingMessages``: user text and tool-result contents, joined by newlines.
        /// This is what `lastMessage` conditions match.
        public var lastMessageText: String {
            trailingMessages.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n")
        }

        /// The tool results of ``trailingMessages``, in the order the client sent them.
        public var toolResults: [ToolResult] {
            trailingMessages.flatMap { message in
                message.parts.compactMap { part in
                    if case .toolResult(let result) = part { return result }
                    return nil
                }
            }
        }

        /// Every tool call made by the assistant in the conversation so far, in order.
        public var previousToolCalls: [ToolCallPart] {
            messages.filter { $0.role == .assistant }.flatMap { message in
                message.parts.compactMap { part in
                    if case .toolCall(let call) = part { return call }
                    return nil
                }
            }
        }
    }

    /// A message's role, normalized across APIs.
    public enum Role: String, Sendable, Hashable {
        /// System or developer instructions.
        case system
        /// The user, including Anthropic tool results (which travel in a user message).
        case user
        /// The model.
        case assistant
        /// An OpenAI tool result (`role: tool`, `function_call_output`).
        case tool
    }

    /// One message of a conversation.
    public struct Message: Sendable, Hashable {
        /// Who said it.
        public var role: Role
        /// Its parts, in order.
        public var parts: [Part]

        /// Creates a message.
        /// - Parameters:
        ///   - role: The role.
        ///   - parts: The parts.
        public init(role: Role, parts: [Part]) {
            self.role = role
            self.parts = parts
        }

        /// Text parts and tool-result contents, joined by newlines.
        public var text: String {
            parts.compactMap { part -> String? in
                switch part {
                case .text(let text): text
                case .toolResult(let result): result.content
                case .toolCall, .other: nil
                }
            }.joined(separator: "\n")
        }
    }

    /// A part of a message.
    public enum Part: Sendable, Hashable {
        /// Text.
        case text(String)
        /// A tool call the assistant made.
        case toolCall(ToolCallPart)
        /// A tool's result, sent back by the client.
        case toolResult(ToolResult)
        /// Anything else (images, thinking, reasoning), by its wire `type`.
        case other(type: String)
    }

    /// A tool call in a conversation.
    public struct ToolCallPart: Sendable, Hashable {
        /// The call id (`tool_use.id`, `tool_calls[].id`, `call_id`).
        public var id: String
        /// The tool's name.
        public var name: String
        /// The arguments as JSON text.
        public var argumentsJSON: String

        /// Creates a tool call part.
        /// - Parameters:
        ///   - id: The call id.
        ///   - name: The tool's name.
        ///   - argumentsJSON: The arguments text.
        public init(id: String, name: String, argumentsJSON: String) {
            self.id = id
            self.name = name
            self.argumentsJSON = argumentsJSON
        }
    }

    /// A tool result in a conversation.
    public struct ToolResult: Sendable, Hashable {
        /// The id of the call it answers.
        public var callID: String
        /// Its text content (text blocks joined by newlines).
        public var content: String
        /// Whether the client marked it as an error (Anthropic `is_error`).
        public var isError: Bool

        /// Creates a tool result.
        /// - Parameters:
        ///   - callID: The call id.
        ///   - content: The text.
        ///   - isError: Whether it is an error.
        public init(callID: String, content: String, isError: Bool = false) {
            self.callID = callID
            self.content = content
            self.isError = isError
        }
    }
}
