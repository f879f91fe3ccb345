import AetCore
import Foundation

extension OpenAIChatClient {
    /// The `/chat/completions` request body for a conversation.
    static func requestBody(
        for conversation: ModelConversation,
        stream: Bool,
        maxTokensField: MaxTokensField
    )
        -> ModelJSON
    {
        var messages: [ModelJSON] = []
        if !conversation.system.isEmpty {
            messages.append(["role": "system", "content": .string(conversation.system)])
        }
        for message in conversation.messages { messages.append(contentsOf: wireMessages(message)) }
        var body: [String: ModelJSON] = ["model": .string(conversation.model), "messages": .array(messages)]
        if maxTokensField != .omitted { body[maxTokensField.rawValue] = .int(conversation.maxOutputTokens) }
        if !conversation.tools.isEmpty {
            body["tools"] = .array(
                conversation.tools.map { tool in
                    [
                        "type": "function",
                        "function": [
                            "name": .string(tool.name), "description": .string(tool.description),
                            "parameters": tool.inputSchema,
                        ],
                    ]
                }
            )
        }
        if stream {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return .object(body)
    }

    /// One canonical message as Chat messages: tool results become `role: tool` messages (first,
    /// as the API wants them right after the assistant's calls), text a user message.
    private static func wireMessages(_ message: ModelMessage) -> [ModelJSON] {
        let text = message.content.compactMap(\.text).joined(separator: "\n\n")
        switch message.role {
        case .user:
            var result: [ModelJSON] = message.content.compactMap(\.toolResult).map { result in
                ["role": "tool", "tool_call_id": .string(result.toolUseID), "content": .string(result.content)]
            }
            if !text.isEmpty { result.append(["role": "user", "content": .string(text)]) }
            return result
        case .assistant:
            var object: [String: ModelJSON] = ["role": "assistant", "content": text.isEmpty ? .null : .string(text)]
            let calls = message.content.compactMap(\.toolUse)
            if !calls.isEmpty {
                object["tool_calls"] = .array(
                    calls.map { call in
                        [
                            "id": .string(call.id), "type": "function",
                            "function": ["name": .string(call.name), "arguments": .string(argumentsText(call.input))],
                        ]
                    }
                )
            }
            return [.object(object)]
        }
    }

    /// Arguments travel as JSON text; arguments that were not JSON go back verbatim.
    static func argumentsText(_ input: ModelJSON) -> String {
        if case .string(let raw) = input { return raw }
        return input.serialized
    }

    /// Arguments text as a tool input: parsed JSON, or the raw text when it is not JSON.
    static func input(fromArguments text: String) -> ModelJSON {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        return (try? ModelJSON(parsing: text)) ?? .string(text)
    }

    /// Maps Chat `usage` to token counts: cached prompt tokens are cache reads, the rest input.
    static func usage(from json: ModelJSON) -> TokenUsage {
        let prompt = json["prompt_tokens"]?.int64Value ?? json["input_tokens"]?.int64Value ?? 0
        let cached = json["prompt_tokens_details"]?["cached_tokens"]?.int64Value ?? 0
        return TokenUsage(
            input: max(0, prompt - cached),
            output: json["completion_tokens"]?.int64Value ?? json["output_tokens"]?.int64Value ?? 0,
            cacheRead: cached
        )
    }

    /// Decodes a whole (non-streamed) chat completion.
    static func decodeCompletion(_ text: String) throws(ModelAPIError) -> ModelTurn {
        guard let json = try? ModelJSON(parsing: text) else {
            throw .invalidResponse(api: apiName, reason: "the body is not JSON")
        }
        if let error = json["error"], !(error == .null) {
            throw .streamError(
                api: apiName,
                type: error["type"]?.stringValue ?? error["code"]?.stringValue ?? "error",
                message: error["message"]?.stringValue ?? error.stringValue ?? ""
            )
        }
        guard let choice = json["choices"]?[0], let message = choice["message"] else {
            throw .invalidResponse(api: apiName, reason: "the reply has no `choices[0].message`")
        }
        var blocks: [ContentBlock] = []
        if let content = message["content"]?.stringValue, !content.isEmpty { blocks.append(.text(content)) }
        for (offset, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            let function = call["function"]
            blocks.append(
                .toolUse(
                    ToolUse(
                        id: call["id"]?.stringValue ?? syntheticCallID(offset),
                        name: function?["name"]?.stringValue ?? "",
                        input: input(fromArguments: function?["arguments"]?.stringValue ?? "")
                    )
                )
            )
        }
        let usage = json["usage"].flatMap { $0 == .null ? nil : $0 }
        return ModelTurn(
            blocks: blocks,
            stopReason: ModelStopReason(openAIChat: choice["finish_reason"]?.stringValue),
            usage: usage.map(Self.usage(from:)) ?? .zero,
            usageReported: usage != nil,
            model: json["model"]?.stringValue
        )
    }

    /// An id for a call the server sent without one (some compatible servers do).
    static func syntheticCallID(_ index: Int) -> String {
        "call_aet_\(index)_\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }
}
