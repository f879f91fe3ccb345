import AetCore

/// Reassembles a streamed Anthropic Messages reply from its server-sent events: `message_start`,
/// `content_block_start` / `_delta` / `_stop` per block (text deltas, `input_json_delta`
/// fragments of a tool's input), `message_delta` (stop reason, cumulative output tokens),
/// `message_stop`; `ping` is skipped and `error` throws.
struct AnthropicStreamAccumulator: Sendable {
    private enum Block: Sendable {
        case text(String)
        case toolUse(id: String, name: String, initialInput: ModelJSON, json: String)
        case ignored
    }

    private var blocks: [Int: Block] = [:]
    private var stopReason: String?
    private var usage = TokenUsage.zero
    private var usageReported = false
    private var model: String?
    private var finished = false
    private static let api = AnthropicMessagesClient.apiName

    /// Takes one event.
    /// - Throws: ``ModelAPIError`` for an `error` event or an event that is not JSON.
    mutating func consume(_ event: ServerSentEvent) throws(ModelAPIError) {
        guard !event.data.isEmpty else { return }
        guard let json = try? ModelJSON(parsing: event.data) else {
            throw .invalidResponse(api: Self.api, reason: "a stream event is not JSON")
        }
        switch json["type"]?.stringValue ?? event.event {
        case "message_start":
            model = json["message"]?["model"]?.stringValue
            if let usage = json["message"]?["usage"] { take(usage) }
        case "content_block_start":
            guard let index = json["index"]?.intValue, let block = json["content_block"] else { return }
            switch block["type"]?.stringValue {
            case "text": blocks[index] = .text(block["text"]?.stringValue ?? "")
            case "tool_use":
                blocks[index] = .toolUse(
                    id: block["id"]?.stringValue ?? "toolu_\(index)",
                    name: block["name"]?.stringValue ?? "",
                    initialInput: block["input"] ?? [:],
                    json: ""
                )
            default: blocks[index] = .ignored
            }
        case "content_block_delta":
            guard let index = json["index"]?.intValue, let delta = json["delta"] else { return }
            switch (blocks[index], delta["type"]?.stringValue) {
            case (.text(let text)?, "text_delta"):
                blocks[index] = .text(text + (delta["text"]?.stringValue ?? ""))
            case (.toolUse(let id, let name, let initial, let partial)?, "input_json_delta"):
                blocks[index] = .toolUse(
                    id: id,
                    name: name,
                    initialInput: initial,
                    json: partial + (delta["partial_json"]?.stringValue ?? "")
                )
            default: break
            }
        case "message_delta":
            if let reason = json["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
            if let usage = json["usage"] { take(usage) }
        case "message_stop":
            finished = true
        case "error":
            throw .streamError(
                api: Self.api,
                type: json["error"]?["type"]?.stringValue ?? "error",
                message: json["error"]?["message"]?.stringValue ?? ""
            )
        default:
            break  // ping, content_block_stop, and event types added later
        }
    }

    /// Usage numbers present in an event replace the earlier ones (`output_tokens` is cumulative).
    private mutating func take(_ json: ModelJSON) {
        usageReported = true
        if let value = json["input_tokens"]?.int64Value { usage.input = value }
        if let value = json["output_tokens"]?.int64Value { usage.output = value }
        if let value = json["cache_read_input_tokens"]?.int64Value { usage.cacheRead = value }
        if let value = json["cache_creation_input_tokens"]?.int64Value { usage.cacheWrite = value }
    }

    /// The whole reply.
    /// - Throws: ``ModelAPIError/transport(api:reason:)`` when the stream ended before `message_stop`
    ///   (retried like a dropped connection).
    func turn() throws(ModelAPIError) -> ModelTurn {
        guard finished else { throw .transport(api: Self.api, reason: "the stream ended before message_stop") }
        let ordered = blocks.keys.sorted().compactMap { index -> ContentBlock? in
            switch blocks[index] {
            case .text(let text)?: return .text(text)
            case .toolUse(let id, let name, let initial, let partial)?:
                let input: ModelJSON
                if partial.isEmpty {
                    input = initial
                } else {
                    input = (try? ModelJSON(parsing: partial)) ?? .string(partial)
                }
                return .toolUse(ToolUse(id: id, name: name, input: input))
            case .ignored?, nil: return nil
            }
        }
        return ModelTurn(
            blocks: ordered,
            stopReason: ModelStopReason(anthropic: stopReason),
            usage: usage,
            usageReported: usageReported,
            model: model
        )
    }
}
