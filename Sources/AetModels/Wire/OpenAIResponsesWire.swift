import AetCore

/// OpenAI Responses (`POST /v1/responses`, what Codex speaks): request decoding and reply encoding.
/// Errors use ``OpenAIChatWire/error(type:code:message:)``.
enum OpenAIResponsesWire {
    // MARK: Requests

    /// Decodes a Responses request body.
    /// - Parameters:
    ///   - body: The JSON body.
    ///   - validateToolResults: Whether to refuse a `function_call` without a
    ///     `function_call_output` (and the reverse), as the real API does for stateless requests.
    static func decodeRequest(_ body: WireJSON, validateToolResults: Bool) throws -> ScriptedModel.Request {
        guard case .object = body else { throw WireRequestError("The request body must be a JSON object.") }
        guard let model = body["model"]?.stringValue else {
            throw WireRequestError("Missing required parameter: 'model'.")
        }
        var system: [String] = []
        var messages: [ScriptedModel.Message] = []
        if let instructions = body["instructions"]?.stringValue, !instructions.isEmpty {
            system.append(instructions)
            messages.append(.init(role: .system, parts: [.text(instructions)]))
        }
        switch body["input"] {
        case .string(let text)?:
            messages.append(.init(role: .user, parts: [.text(text)]))
        case .array(let items)?:
            for item in items {
                let message = try decodeItem(item)
                if message.role == .system { system.append(message.text) }
                messages.append(message)
            }
        default:
            throw WireRequestError("Missing required parameter: 'input'.")
        }
        if validateToolResults { try validatePairing(messages) }
        var toolNames: [String] = []
        for tool in body["tools"]?.arrayValue ?? [] {
            if let name = tool["name"]?.stringValue ?? tool["type"]?.stringValue { toolNames.append(name) }
            for member in tool["tools"]?.arrayValue ?? [] {
                if let name = member["name"]?.stringValue { toolNames.append(name) }
            }
        }
        return ScriptedModel.Request(
            api: .openAIResponses,
            model: model,
            stream: body["stream"]?.boolValue ?? false,
            systemPrompt: system.joined(separator: "\n\n"),
            messages: messages,
            toolNames: toolNames,
            body: body
        )
    }

    private static func decodeItem(_ item: WireJSON) throws -> ScriptedModel.Message {
        let type = item["type"]?.stringValue ?? (item["role"] != nil ? "message" : "unknown")
        switch type {
        case "message":
            let content = item["content"]
            let text = WireText.text(of: content)
            var parts: [ScriptedModel.Part] = text.isEmpty ? [] : [.text(text)]
            parts += WireText.otherParts(of: content, textTypes: ["input_text", "output_text", "text"])
            switch item["role"]?.stringValue {
            case "system", "developer": return .init(role: .system, parts: [.text(text)])
            case "assistant": return .init(role: .assistant, parts: parts)
            default: return .init(role: .user, parts: parts)
            }
        case "function_call", "custom_tool_call":
            let call = ScriptedModel.ToolCallPart(
                id: item["call_id"]?.stringValue ?? "",
                name: item["name"]?.stringValue ?? "",
                argumentsJSON: item["arguments"]?.stringValue ?? item["input"]?.stringValue ?? ""
            )
            return .init(role: .assistant, parts: [.toolCall(call)])
        case "function_call_output", "custom_tool_call_output":
            let result = ScriptedModel.ToolResult(
                callID: item["call_id"]?.stringValue ?? "",
                content: WireText.text(of: item["output"])
            )
            return .init(role: .tool, parts: [.toolResult(result)])
        case "reasoning", "local_shell_call", "web_search_call":
            return .init(role: .assistant, parts: [.other(type: type)])
        default:
            return .init(role: .user, parts: [.other(type: type)])
        }
    }

    private static func validatePairing(_ messages: [ScriptedModel.Message]) throws {
        var calls: Set<String> = []
        var answered: Set<String> = []
        for message in messages {
            for part in message.parts {
                switch part {
                case .toolCall(let call):
                    calls.insert(call.id)
                case .toolResult(let result):
                    guard calls.contains(result.callID) else {
                        throw WireRequestError(
                            "No tool call found for function call output with call_id \(result.callID)."
                        )
                    }
                    answered.insert(result.callID)
                case .text, .other:
                    break
                }
            }
        }
        if let missing = calls.subtracting(answered).sorted().first {
            throw WireRequestError("No tool output found for function call \(missing).")
        }
    }

    // MARK: Replies

    static func usage(_ usage: ScriptedReply.Usage) -> WireJSON {
        let input = usage.input + usage.cacheRead
        return [
            "input_tokens": .int(input), "input_tokens_details": ["cached_tokens": .int(usage.cacheRead)],
            "output_tokens": .int(usage.output),
            "output_tokens_details": ["reasoning_tokens": .int(usage.reasoning)],
            "total_tokens": .int(input + usage.output),
        ]
    }

    /// The output items of a reply: a `message` item for the text, then one `function_call` item
    /// per tool call.
    static func outputItems(_ reply: ScriptedReply, context: WireReplyContext) -> [WireJSON] {
        var items: [WireJSON] = []
        if let text = reply.text, !text.isEmpty {
            items.append(messageItem(text: text, context: context, done: true))
        }
        for (index, call) in reply.toolCalls.enumerated() {
            items.append(functionCallItem(call, index: index, context: context, done: true))
        }
        return items
    }

    private static func messageItem(text: String, context: WireReplyContext, done: Bool) -> WireJSON {
        [
            "type": "message", "id": .string("msg_scripted_\(context.sequence)"),
            "status": done ? "completed" : "in_progress", "role": "assistant",
            "content": done ? [outputText(text)] : [],
        ]
    }

    private static func outputText(_ text: String) -> WireJSON {
        ["type": "output_text", "text": .string(text), "annotations": []]
    }

    private static func functionCallItem(
        _ call: ScriptedReply.ToolCall,
        index: Int,
        context: WireReplyContext,
        done: Bool
    ) -> WireJSON {
        [
            "type": "function_call", "id": .string("fc_scripted_\(context.sequence)_\(index + 1)"),
            "call_id": .string(context.callID(call, index: index, prefix: "call")), "name": .string(call.name),
            "arguments": .string(done ? call.argumentsJSON : ""), "status": done ? "completed" : "in_progress",
        ]
    }

    /// The `response` object: `status` `completed`, or `incomplete` with `incomplete_details` for
    /// a max-tokens or refusal stop; `inProgress` gives the shape `response.created` carries.
    static func response(_ reply: ScriptedReply, context: WireReplyContext, inProgress: Bool = false) -> WireJSON {
        let incomplete = reply.effectiveStopReason.responsesIncompleteReason
        let status = inProgress ? "in_progress" : (incomplete == nil ? "completed" : "incomplete")
        var details = WireJSON.null
        if !inProgress, let incomplete { details = ["reason": .string(incomplete)] }
        return [
            "id": .string("resp_scripted_\(context.sequence)"), "object": "response",
            "created_at": .int(context.created), "status": .string(status), "error": nil,
            "incomplete_details": details,
            "model": .string(context.model),
            "output": inProgress ? [] : .array(outputItems(reply, context: context)),
            "parallel_tool_calls": true, "tool_choice": "auto", "tools": [],
            "usage": inProgress ? nil : usage(reply.usage),
        ]
    }

    /// The SSE events of a streaming reply (`event: <type>` + `data:` with the same `type` and a
    /// `sequence_number`), ending with `response.completed` or `response.incomplete`.
    static func events(_ reply: ScriptedReply, context: WireReplyContext) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        func emit(_ type: String, _ fields: [String: WireJSON]) {
            var object = fields
            object["type"] = .string(type)
            object["sequence_number"] = .int(events.count)
            events.append(ServerSentEvent(event: type, json: .object(object)))
        }
        let started = response(reply, context: context, inProgress: true)
        emit("response.created", ["response": started])
        emit("response.in_progress", ["response": started])
        var outputIndex = 0
        if let text = reply.text, !text.isEmpty {
            let itemID = WireJSON.string("msg_scripted_\(context.sequence)")
            let position: [String: WireJSON] = [
                "item_id": itemID, "output_index": .int(outputIndex), "content_index": 0,
            ]
            emit(
                "response.output_item.added",
                ["output_index": .int(outputIndex), "item": messageItem(text: text, context: context, done: false)]
            )
            emit("response.content_part.added", position.merging(["part": outputText("")]) { $1 })
            for piece in WireText.chunks(text, size: context.chunkSize) {
                emit("response.output_text.delta", position.merging(["delta": .string(piece), "logprobs": []]) { $1 })
            }
            emit("response.output_text.done", position.merging(["text": .string(text), "logprobs": []]) { $1 })
            emit("response.content_part.done", position.merging(["part": outputText(text)]) { $1 })
            emit(
                "response.output_item.done",
                ["output_index": .int(outputIndex), "item": messageItem(text: text, context: context, done: true)]
            )
            outputIndex += 1
        }
        for (index, call) in reply.toolCalls.enumerated() {
            let item = functionCallItem(call, index: index, context: context, done: true)
            let position: [String: WireJSON] = ["item_id": item["id"] ?? .null, "output_index": .int(outputIndex)]
            emit(
                "response.output_item.added",
                [
                    "output_index": .int(outputIndex),
                    "item": functionCallItem(call, index: index, context: context, done: false),
                ]
            )
            for piece in WireText.chunks(call.argumentsJSON, size: context.chunkSize) {
                emit("response.function_call_arguments.delta", position.merging(["delta": .string(piece)]) { $1 })
            }
            emit(
                "response.function_call_arguments.done",
                position.merging(["arguments": .string(call.argumentsJSON)]) { $1 }
            )
            emit("response.output_item.done", ["output_index": .int(outputIndex), "item": item])
            outputIndex += 1
        }
        let final = response(reply, context: context)
        emit(
            final["status"]?.stringValue == "incomplete" ? "response.incomplete" : "response.completed",
            ["response": final]
        )
        return events
    }
}
