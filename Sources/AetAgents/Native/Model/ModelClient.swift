/// Asks a model for its next turn: the seam between aet's native agent loop and a model API.
///
/// Implementations: ``AnthropicMessagesClient`` (Anthropic Messages), ``OpenAIChatClient``
/// (OpenAI-compatible Chat Completions), ``RecordedModelClient`` (a recorded transcript played
/// back). A client retries transient failures itself; what it throws is final.
///
/// ```swift
/// let turn = try await client.complete(ModelConversation(
///     model: "claude-sonnet-4-5", system: "You are a developer.", messages: [.user("Add a README.")]))
/// print(turn.stopReason, turn.toolUses.map(\.name))
/// ```
public protocol ModelClient: Sendable {
    /// Sends the conversation and returns the model's reply.
    /// - Parameter conversation: The model, system prompt, messages and tools.
    /// - Returns: The reply: blocks, stop reason, usage.
    /// - Throws: ``ModelAPIError`` when the API fails for good (after retries), or
    ///   `CancellationError` when the calling task is cancelled.
    func complete(_ conversation: ModelConversation) async throws -> ModelTurn
}
