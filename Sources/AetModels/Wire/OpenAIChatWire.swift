import AetCore

/// OpenAI Chat Completions (`POST /v1/chat/completions`): request decoding, reply and error encoding.
enum OpenAIChatWire {
    // MARK: Requests

    /// Decodes a Chat Completions request body.
    /// - Parameters:
    ///   - body: The JSON body.
    ///   - validateToolResults: Whether to refuse unanswered `tool_calls` and stray `tool`
    ///     messages, as the real API does.
    static func decodeRequest(_ body: WireJSON, validateToolResults: Bool) throws -> ScriptedModel.Request {
        guard case .object = body else { throw WireRequestError("The request body must be a JSON object.") }
        guard let model = body["model"]?.stringValue else {
            throw WireRequestError("you must provide a model parameter")
        }
        guard let wireMessages = body["messages"]?.arrayValue else {
            throw WireRequestError("Missing required parameter: 'messages'.")
        }
        var messages: [ScriptedModel.Message] = []
        var system: [String] = []
        for (index, message) in wireMessages.enumerated() {
            let content = message["content"]
            var parts: [ScriptedModel.Part] = []
            let text = WireText.text(of: content)
            switch message["role"]?.stringValue {
            case "system", "developer":
                system.append(text)
                messages.append(.init(role: .system, parts: [.text(text)]))
            case "user":
                if !text.isEmpty { parts.append(.text(text)) }
                parts += WireText.otherParts(of: content, textTypes: ["text"])
                messages.append(.init(role: .user, parts: parts))
            case "assistant":
                if !text.isEmpty { parts.append(.text(text)) }
                for call in message["tool_calls"]?.arrayValue ?? [] {
                    parts.append(
                        .toolCall(
                            .init(
                                id: call["id"]?.stringValue ?? "",
                                name: call["function"]?["name"]?.stringValue ?? "",
                                argumentsJSON: call["function"]?["arguments"]?.stringValue ?? ""
                            )
                        )
                    )
                }
                messages.append(.init(role: .assistant, parts: parts))
            case "tool":
                let result = ScriptedModel.ToolResult(
                    callID: message["tool_call_id"]?.stringValue ?? "",
                    content: text
                )
                messages.append(.init(role: .tool, parts: [.toolResult(result)]))
            case let role:
                throw WireRequestError(
                    "Invalid value: '\(role ?? "null")'. Supported values are: 'system', 'assistant', 'user', "
                        + "'tool', and 'developer'. (messages[\(index)].role)"
                )
            }
        }
        if validateToolResults { try validatePairing(messages) }
        let tools = body["tools"]?.arrayValue ?? []
        return ScriptedModel.Request(
            api: .openAIChat,
            model: model,
            stream: body["stream"]?.boolValue ?? false,
            systemPrompt: system.joined(separator: "\n\n"),
            messages: messages,
            toolNames: tools.compactMap { $0["function"]?["name"]?.stringValue ?? $0["name"]?.stringValue },
            body: body
        )
    }

    /// An assistant message with `tool_calls` must be followed by one `tool` message per call id;
    /// a `tool` message must answer a call of the assistant message before it.
    private static func validatePairing(_ messages: [ScriptedModel.Message]) throws {
        var pending: [String] = []
        for message in messages {
            switch message.role {
            case .tool:
                let id =
                    message.parts.compactMap { part -> String? in
                        if case .toolResult(let result) = part { return result.callID }
                        return nil
                    }.first ?? ""
                guard let position = pending.firstIndex(of: id) else {
                    throw WireRequestError(
                        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message "
                            + "with 'tool_calls'. (tool_call_id \(id))"
                    )
                }
                pending.remove(at: position)
            case .assistant, .user, .system:
                if !pending.isEmpty {
                    throw WireRequestError(
                        "An assistant message with 'tool_calls' must be followed by tool messages responding to "
                            + "each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                            + pending.joined(separator: ", ")
                    )
                }
                if message.role == .assistant {
                    pending = message.parts.compactMap { part in
                        if case .toolCall(let call) = part { return call.id }
                        return nil
                    }
                }
            }
        }
        if !pending.isEmpty {
            throw WireRequestError(
                "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                    + "'tool_call_id'. The following tool_call_ids did not have response messages: "
                    + pending.joined(separator: ", ")
            )
        }
    }

    // MARK: Replies

    static func usage(_ usage: ScriptedReply.Usage) -> WireJSON {
        let prompt = usage.input + usage.cacheRead
        return [
            "prompt_tokens": .int(prompt), "completion_tokens": .int(usage.output),
            "total_tokens": .int(prompt + usage.output),
            "prompt_tokens_details": ["cached_tokens": .int(usage.cacheRead)],
            "completion_tokens_details": ["reasoning_tokens": .int(usage.reasoning)],
        ]
    }

    /// The complete `chat.completion` object of a non-streaming reply.
    static func completion(_ reply: ScriptedReply, context: WireReplyContext) -> WireJSON {
        var message: [String: WireJSON] = ["role": "assistant", "refusal": nil]
        message["content"] = reply.text.flatMap { $0.isEmpty ? nil : WireJSON.string($0) } ?? .null
        if !reply.toolCalls.isEmpty {
            message["tool_calls"] = .array(
                reply.toolCalls.enumerated().map { index, call in
                    [
                        "id": .string(context.callID(call, index: index, prefix: "call")), "type": "function",
                        "function": ["name": .string(call.name), "arguments": .string(call.argumentsJSON)],
                    ]
                }
            )
        }
        return [
            "id": .string("chatcmpl-scripted-\(context.sequence)"), "object": "chat.completion",
            "created": .int(context.created), "model": .string(context.model), "system_fingerprint": nil,
            "choices": [
                [
                    "index": 0, "message": .object(message), "logprobs": nil,
                    "finish_reason": .string(reply.effectiveStopReason.chatFinishReason),
                ]
            ],
            "usage": usage(reply.usage),
        ]
    }

    /// Where the usage of a stream goes.
    enum StreamUsage {
        /// Nowhere.
        case none
        /// An extra last chunk with empty `choices`; every other chunk has `"usage": null`.
        case extraChunk
        /// On the finish chunk.
        case finishChunk
    }

    /// The `data:` events of a streaming reply, ending with `data: [DONE]`.
    static func events(
        _ reply: ScriptedReply,
        context: WireReplyContext,
        usage streamUsage: StreamUsage
    ) -> [ServerSentEvent] {
        let includeUsage = streamUsage == .extraChunk
        var events: [ServerSentEvent] = []
        func chunk(_ delta: WireJSON, finishReason: String? = nil, usage chunkUsage: WireJSON? = nil) {
            var object: [String: WireJSON] = [
                "id": .string("chatcmpl-scripted-\(context.sequence)"), "object": "chat.completion.chunk",
                "created": .int(context.created), "model": .string(context.model), "system_fingerprint": nil,
                "choices": [
                    [
                        "index": 0, "delta": delta, "logprobs": nil,
                        "finish_reason": finishReason.map(WireJSON.string) ?? .null,
                    ]
                ],
            ]
            if includeUsage { object["usage"] = .null }
            if let chunkUsage { object["usage"] = chunkUsage }
            events.append(ServerSentEvent(json: .object(object)))
        }
        chunk(["role": "assistant", "content": "", "refusal": nil])
        for piece in WireText.chunks(reply.text ?? "", size: context.chunkSize) {
            chunk(["content": .string(piece)])
        }
        for (index, call) in reply.toolCalls.enumerated() {
            chunk([
                "tool_calls": [
                    [
                        "index": .int(index), "id": .string(context.callID(call, index: index, prefix: "call")),
                        "type": "function", "function": ["name": .string(call.name), "arguments": ""],
                    ]
                ]
            ])
            for piece in WireText.chunks(call.argumentsJSON, size: context.chunkSize) {
                chunk(["tool_calls": [["index": .int(index), "function": ["arguments": .string(piece)]]]])
            }
        }
        let finishUsage: WireJSON? = streamUsage == .finishChunk ? usage(reply.usage) : Optional.none
        chunk([:], finishReason: reply.effectiveStopReason.chatFinishReason, usage: finishUsage)
        if includeUsage {
            events.append(
                ServerSentEvent(
                    json: [
                        "id": .string("chatcmpl-scripted-\(context.sequence)"), "object": "chat.completion.chunk",
                        "created": .int(context.created), "model": .string(context.model),
                        "system_fingerprint": nil, "choices": [], "usage": usage(reply.usage),
                    ])
            )
        }
        events.append(ServerSentEvent(literal: "[DONE]"))
        return events
    }

    /// The error body shared by OpenAI's APIs: `{"error":{"message","type","param","code"}}`.
    static func error(type: String, code: String?, message: String) -> WireJSON {
        [
            "error": [
                "message": .string(message), "type": .string(type), "param": nil,
                "code": code.map(WireJSON.string) ?? .null,
            ]
        ]
    }
}
