import AetCore
import Foundation

/// Reassembles a streamed chat completion from its `data:` chunks: `delta.content` pieces, tool
/// calls accumulated by `tool_calls[].index` (the first fragment carries `id` and `name`, later
/// ones append to `arguments`), `finish_reason`, and `usage` wherever it comes (the finish chunk,
/// an extra last chunk with empty `choices`, or nowhere), up to `data: [DONE]`.
struct OpenAIChatStreamAccumulator: Sendable {
    private struct PartialCall: Sendable {
        var id: String?
        var name = ""
        var arguments = ""
    }

    private var text = ""
    private var calls: [Int: PartialCall] = [:]
    private var finishReason: String?
    private var usage: TokenUsage?
    private var model: String?
    private var done = false
    private static let api = OpenAIChatClient.apiName

    /// Takes one event.
    /// - Throws: ``ModelAPIError`` for an error chunk or a chunk that is not JSON.
    mutating func consume(_ event: ServerSentEvent) throws(ModelAPIError) {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        guard !data.isEmpty else { return }
        if data == "[DONE]" {
            done = true
            return
        }
        guard let json = try? ModelJSON(parsing: data) else {
            throw .invalidResponse(api: Self.api, reason: "a stream chunk is not JSON")
        }
        if let error = json["error"], error != .null {
            throw .streamError(
                api: Self.api,
                type: error["type"]?.stringValue ?? error["code"]?.stringValue ?? "error",
                message: error["message"]?.stringValue ?? error.stringValue ?? ""
            )
        }
        if model == nil { model = json["model"]?.stringValue }
        if let usage = json["usage"], usage != .null { self.usage = OpenAIChatClient.usage(from: usage) }
        guard let choice = json["choices"]?[0] else { return }
        if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        guard let delta = choice["delta"] else { return }
        if let piece = delta["content"]?.stringValue { text += piece }
        for (position, fragment) in (delta["tool_calls"]?.arrayValue ?? []).enumerated() {
            let index = fragment["index"]?.intValue ?? position
            var call = calls[index] ?? PartialCall()
            if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
            if let name = fragment["function"]?["name"]?.stringValue { call.name += name }
            if let arguments = fragment["function"]?["arguments"]?.stringValue { call.arguments += arguments }
            calls[index] = call
        }
    }

    /// The whole reply.
    /// - Throws: ``ModelAPIError/transport(api:reason:)`` when the stream ended with neither a
    ///   `finish_reason` nor `[DONE]` (retried like a dropped connection).
    func turn() throws(ModelAPIError) -> ModelTurn {
        guard done || finishReason != nil else {
            throw .transport(api: Self.api, reason: "the stream ended before its finish_reason")
        }
        var blocks: [ContentBlock] = []
        if !text.isEmpty { blocks.append(.text(text)) }
        for index in calls.keys.sorted() {
            guard let call = calls[index] else { continue }
            blocks.append(
                .toolUse(
                    ToolUse(
                        id: call.id ?? OpenAIChatClient.syntheticCallID(index),
                        name: call.name,
                        input: OpenAIChatClient.input(fromArguments: call.arguments)
                    )
                )
            )
        }
        return ModelTurn(
            blocks: blocks,
            stopReason: ModelStopReason(openAIChat: finishReason),
            usage: usage ?? .zero,
            usageReported: usage != nil,
            model: model
        )
    }
}
