import AetCore

extension AnthropicMessagesClient {
    /// The `/v1/messages` request body for a conversation.
    static func requestBody(for conversation: ModelConversation, stream: Bool) -> ModelJSON {
        var body: [String: ModelJSON] = [
            "model": .string(conversation.model),
            "max_tokens": .int(conversation.maxOutputTokens),
            "messages": .array(
                conversation.messages.map { message in
                    ["role": .string(message.role.rawValue), "content": .array(message.content.map(wireBlock))]
                }
            ),
        ]
        if !conversation.system.isEmpty { body["system"] = .string(conversation.system) }
        if !conversation.tools.isEmpty {
            body["tools"] = .array(
                conversation.tools.map { tool in
                    [
                        "name": .string(tool.name), "description": .string(tool.description),
                        "input_schema": tool.inputSchema,
                    ]
                }
            )
        }
        if stream { body["stream"] = true }
        return .object(body)
    }

    private static func wireBlock(_ block: ContentBlock) -> ModelJSON {
        switch block {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .toolUse(let call):
            // The API wants an object; arguments that were not JSON travel as an empty object.
            let input: ModelJSON = call.input.objectValue == nil ? [:] : call.input
            return ["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input]
        case .toolResult(let result):
            var object: [String: ModelJSON] = [
                "type": "tool_result", "tool_use_id": .string(result.toolUseID), "content": .string(result.content),
            ]
            if result.isError { object["is_error"] = true }
            return .object(object)
        }
    }

    /// Decodes a whole (non-streamed) Messages reply.
    static func decodeMessage(_ text: String) throws(ModelAPIError) -> ModelTurn {
        guard let json = try? ModelJSON(parsing: text), json["type"]?.stringValue != "error" else {
            if let error = try? ModelJSON(parsing: text), let detail = error["error"] {
                throw .streamError(
                    api: apiName,
                    type: detail["type"]?.stringValue ?? "error",
                    message: detail["message"]?.stringValue ?? ""
                )
            }
            throw .invalidResponse(api: apiName, reason: "the body is not JSON")
        }
        guard let content = json["content"]?.arrayValue else {
            throw .invalidResponse(api: apiName, reason: "the reply has no `content` array")
        }
        var blocks: [ContentBlock] = []
        for block in content {
            switch block["type"]?.stringValue {
            case "text": blocks.append(.text(block["text"]?.stringValue ?? ""))
            case "tool_use":
                blocks.append(
                    .toolUse(
                        ToolUse(
                            id: block["id"]?.stringValue ?? "toolu_\(blocks.count)",
                            name: block["name"]?.stringValue ?? "",
                            input: block["input"] ?? [:]
                        )
                    )
                )
            default: continue  // thinking and server-tool blocks are not part of aet's loop
            }
        }
        let usage = json["usage"]
        return ModelTurn(
            blocks: blocks,
            stopReason: ModelStopReason(anthropic: json["stop_reason"]?.stringValue),
            usage: TokenUsage(
                input: usage?["input_tokens"]?.int64Value ?? 0,
                output: usage?["output_tokens"]?.int64Value ?? 0,
                cacheRead: usage?["cache_read_input_tokens"]?.int64Value ?? 0,
                cacheWrite: usage?["cache_creation_input_tokens"]?.int64Value ?? 0
            ),
            usageReported: usage != nil,
            model: json["model"]?.stringValue
        )
    }
}
