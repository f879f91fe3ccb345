/// A model API wire format the scripted model server speaks.
///
/// - ``anthropic``: Anthropic Messages, `POST /v1/messages` (Claude Code, aet's `anthropic` runtime).
/// - ``openAIChat``: OpenAI Chat Completions, `POST /v1/chat/completions` (aider, aet's `openai` runtime).
/// - ``openAIResponses``: OpenAI Responses, `POST /v1/responses` (Codex).
public struct ModelWireAPI: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case anthropic
        case openAIChat
        case openAIResponses
    }

    let kind: Kind

    /// Anthropic Messages.
    public static let anthropic = ModelWireAPI(kind: .anthropic)
    /// OpenAI Chat Completions.
    public static let openAIChat = ModelWireAPI(kind: .openAIChat)
    /// OpenAI Responses.
    public static let openAIResponses = ModelWireAPI(kind: .openAIResponses)

    /// All the APIs, in a stable order.
    public static let all: [ModelWireAPI] = [.anthropic, .openAIChat, .openAIResponses]

    /// `anthropic`, `openai-chat` or `openai-responses`.
    public var description: String {
        switch kind {
        case .anthropic: "anthropic"
        case .openAIChat: "openai-chat"
        case .openAIResponses: "openai-responses"
        }
    }
}
