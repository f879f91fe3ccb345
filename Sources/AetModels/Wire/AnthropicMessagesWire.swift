import AetCore

/// Anthropic Messages (`POST /v1/messages`): request decoding, reply and error encoding.
enum AnthropicMessagesWire {
    // MARK: Requests

    /// Decodes a Messages (or `count_tokens`) request body.
    /// - Parameters:
    ///   - body: The JSON body.
    ///   - requireMaxTokens: Whether `max_tokens` is required (not for `count_tokens`).
    ///   - validateToolResults: Whether to refuse broken `tool_use`/`tool_result` pairing, as the
    ///     real API does.
    static func decodeRequest(
        _ body: WireJSON,
        requireMaxTokens: Bool,
        validateToolResults: Bool
    ) throws -> ScriptedModel.Request {
        guard case .object = body else { throw WireRequestError("The request body must be a JSON object.") }
        guard let model = body["model"]?.stringValue else { throw WireRequestError("model: Field required") }
        guard let wireMessages = body["messages"]?.arrayValue else {
            throw WireRequestError("messages: Field required")
        }
        if requireMaxTokens, body["max_tokens"]?.intValue == nil {
            throw WireRequestError("max_tokens: Field required")
        }
        var messages: [ScriptedModel.Message] = []
        var system = [WireText.text(of: body["system"], separator: "\n\n")].filter { !$0.isEmpty }
        if let text = system.first { messages.append(.init(role: .system, parts: [.text(text)])) }
        var conversation: [(wireIndex: Int, message: ScriptedModel.Message)] = []
        for (index, message) in wireMessages.enumerated() {
            let role: ScriptedModel.Role
            switch message["role"]?.stringValue {
            case "user": role = .user
            case "assistant": role = .assistant
            case "system":
                // Claude Code 2.1.3xx sends environment notes as `system` messages inside
                // `messages` (and folds them into a user message when that is refused).
                let text = WireText.text(of: message["content"], separator: "\n\n")
                system.append(text)
                messages.append(.init(role: .system, parts: [.text(text)]))
                continue
            default: throw WireRequestError("messages.\(index).role: Input should be 'user', 'assistant' or 'system'")
            }
            let decoded = ScriptedModel.Message(role: role, parts: parts(of: message["content"]))
            messages.append(decoded)
            conversation.append((index, decoded))
        }
        if validateToolResults { try validatePairing(conversation) }
        let tools = body["tools"]?.arrayValue ?? []
        return ScriptedModel.Request(
            api: .anthropic,
            model: model,
            stream: body["stream"]?.boolValue ?? false,
            systemPrompt: system.joined(separator: "\n\n"),
            messages: messages,
            toolNames: tools.compactMap { $0["name"]?.stringValue ?? $0["type"]?.stringValue },
            body: body
        )
    }

    private static func parts(of content: WireJSON?) -> [ScriptedModel.Part] {
        switch content {
        case .string(let text)?:
            return [.text(text)]
        case .array(let blocks)?:
            return blocks.map { block in
                switch block["type"]?.stringValue {
                case "text":
                    return .text(block["text"]?.stringValue ?? "")
                case "tool_use":
                    return .toolCall(
                        .init(
                            id: block["id"]?.stringValue ?? "",
                            name: block["name"]?.stringValue ?? "",
                            argumentsJSON: (block["input"] ?? [:]).serialized
                        )
                    )
                case "tool_result":
                    return .toolResult(
                        .init(
                            callID: block["tool_use_id"]?.stringValue ?? "",
                            content: WireText.text(of: block["content"]),
                            isError: block["is_error"]?.boolValue ?? false
                        )
                    )
                case let type:
                    return .other(type: type ?? "unknown")
                }
            }
        default:
            return []
        }
    }

    /// Every `tool_use` must be answered by a `tool_result` in the very next (user) message, and
    /// every `tool_result` must answer a `tool_use` of the message just before it (system
    /// messages in between are not counted). Errors name the wire index, as the real API does.
    private static func validatePairing(_ messages: [(wireIndex: Int, message: ScriptedModel.Message)]) throws {
        for (position, entry) in messages.enumerated() {
            let results = toolResultIDs(entry.message)
            if !results.isEmpty {
                let previousCalls = position > 0 ? toolUseIDs(messages[position - 1].message) : []
                if let stray = results.first(where: { !previousCalls.contains($0) }) {
                    throw WireRequestError(
                        "messages.\(entry.wireIndex).content: unexpected `tool_use_id` found in `tool_result` blocks: "
                            + "\(stray). Each `tool_result` block must have a corresponding `tool_use` block in the "
                            + "previous message."
                    )
                }
            }
            let calls = toolUseIDs(entry.message)
            guard entry.message.role == .assistant, !calls.isEmpty else { continue }
            let next = position + 1 < messages.count ? messages[position + 1] : nil
            let answered = Set(next.map { toolResultIDs($0.message) } ?? [])
            let missing = calls.filter { !answered.contains($0) }
            if !missing.isEmpty {
                throw WireRequestError(
                    "messages.\(next?.wireIndex ?? entry.wireIndex + 1): `tool_use` ids were found without "
                        + "`tool_result` blocks immediately after: " + missing.joined(separator: ", ")
                        + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."
                )
            }
        }
    }

    private static func toolUseIDs(_ message: ScriptedModel.Message) -> [String] {
        message.parts.compactMap { part in
            if case .toolCall(let call) = part { return call.id }
            return nil
        }
    }

    private static func toolResultIDs(_ message: ScriptedModel.Message) -> [String] {
        message.parts.compactMap { part in
            if case .toolResult(let result) = part { return result.callID }
            return nil
        }
    }

    // MARK: Replies

    static func usage(_ usage: ScriptedReply.Usage, outputTokens: Int? = nil) -> WireJSON {
        [
            "input_tokens": .int(usage.input),
            "cache_creation_input_tokens": .int(usage.cacheWrite),
            "cache_read_input_tokens": .int(usage.cacheRead),
            "output_tokens": .int(outputTokens ?? usage.output),
        ]
    }

    /// The complete `message` object of a non-streaming reply.
    static func message(_ reply: ScriptedReply, context: WireReplyContext) throws -> WireJSON {
        var content: [WireJSON] = []
        if let text = reply.text, !text.isEmpty { content.append(["type": "text", "text": .string(text)]) }
        for (index, call) in reply.toolCalls.enumerated() {
            let input: WireJSON
            do {
                input = try WireJSON(parsing: call.argumentsJSON)
            } catch {
                throw ScriptedModel.ScriptError(
                    "tool call \(call.name) has arguments that are not JSON; Anthropic's non-streaming "
                        + "tool_use.input must be an object"
                )
            }
            content.append([
                "type": "tool_use", "id": .string(context.callID(call, index: index, prefix: "toolu")),
                "name": .string(call.name), "input": input,
            ])
        }
        return [
            "id": .string("msg_scripted_\(context.sequence)"), "type": "message", "role": "assistant",
            "model": .string(context.model), "content": .array(content),
            "stop_reason": .string(reply.effectiveStopReason.anthropicValue), "stop_sequence": nil,
            "usage": usage(reply.usage),
        ]
    }

    /// The SSE events of a streaming reply, in order.
    static func events(_ reply: ScriptedReply, context: WireReplyContext) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        func emit(_ type: String, _ fields: [String: WireJSON]) {
            var object = fields
            object["type"] = .string(type)
            events.append(ServerSentEvent(event: type, json: .object(object)))
        }
        emit(
            "message_start",
            [
                "message": [
                    "id": .string("msg_scripted_\(context.sequence)"), "type": "message", "role": "assistant",
                    "model": .string(context.model), "content": [], "stop_reason": nil, "stop_sequence": nil,
                    "usage": usage(reply.usage, outputTokens: min(1, reply.usage.output)),
                ]
            ]
        )
        emit("ping", [:])
        var index = 0
        if let text = reply.text, !text.isEmpty {
            emit("content_block_start", ["index": .int(index), "content_block": ["type": "text", "text": ""]])
            for piece in WireText.chunks(text, size: context.chunkSize) {
                emit(
                    "content_block_delta",
                    ["index": .int(index), "delta": ["type": "text_delta", "text": .string(piece)]]
                )
            }
            emit("content_block_stop", ["index": .int(index)])
            index += 1
        }
        for (callIndex, call) in reply.toolCalls.enumerated() {
            emit(
                "content_block_start",
                [
                    "index": .int(index),
                    "content_block": [
                        "type": "tool_use", "id": .string(context.callID(call, index: callIndex, prefix: "toolu")),
                        "name": .string(call.name), "input": [:],
                    ],
                ]
            )
            for piece in WireText.chunks(call.argumentsJSON, size: context.chunkSize) {
                emit(
                    "content_block_delta",
                    ["index": .int(index), "delta": ["type": "input_json_delta", "partial_json": .string(piece)]]
                )
            }
            emit("content_block_stop", ["index": .int(index)])
            index += 1
        }
        emit(
            "message_delta",
            [
                "delta": ["stop_reason": .string(reply.effectiveStopReason.anthropicValue), "stop_sequence": nil],
                "usage": ["output_tokens": .int(reply.usage.output)],
            ]
        )
        emit("message_stop", [:])
        return events
    }

    /// The error body: `{"type":"error","error":{"type","message"}}`.
    static func error(type: String, message: String) -> WireJSON {
        ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
    }
}
