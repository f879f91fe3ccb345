public import AetCore

/// What the scripted model answers to one request, in no particular wire format: the server renders
/// it as an Anthropic message, an OpenAI chat completion or an OpenAI response, streamed or not.
///
/// ```swift
/// ScriptedReply.text("All done.")
/// ScriptedReply.toolCall("Write", arguments: ["file_path": "/w/hello.txt", "content": "hi\n"])
/// ScriptedReply.text("Partial", stopReason: .maxTokens, usage: .init(input: 900, output: 4096))
/// ScriptedReply.failure(.rateLimited(retryAfterSeconds: 2))
/// ```
public struct ScriptedReply: Sendable, Hashable {
    /// The assistant's text, if any. It comes before the tool calls.
    public var text: String?
    /// The tool calls, in order.
    public var toolCalls: [ToolCall]
    /// Why the model stopped; nil means ``StopReason/toolUse`` when there are tool calls, else
    /// ``StopReason/endTurn``.
    public var stopReason: StopReason?
    /// Token usage reported with the reply.
    public var usage: Usage
    /// When set, the request fails with this HTTP error instead, and nothing else is sent.
    public var failure: Failure?

    /// Creates a reply.
    /// - Parameters:
    ///   - text: The assistant's text.
    ///   - toolCalls: The tool calls, after the text.
    ///   - stopReason: Why the model stopped; nil infers it from `toolCalls`.
    ///   - usage: Token usage.
    public init(text: String? = nil, toolCalls: [ToolCall] = [], stopReason: StopReason? = nil, usage: Usage = .default)
    {
        self.text = text
        self.toolCalls = toolCalls
        self.stopReason = stopReason
        self.usage = usage
        self.failure = nil
    }

    /// A text answer.
    /// - Parameters:
    ///   - text: The text.
    ///   - stopReason: Why the model stopped (default: end of turn).
    ///   - usage: Token usage.
    /// - Returns: The reply.
    public static func text(_ text: String, stopReason: StopReason? = nil, usage: Usage = .default) -> ScriptedReply {
        ScriptedReply(text: text, stopReason: stopReason, usage: usage)
    }

    /// One tool call, optionally after some text.
    /// - Parameters:
    ///   - name: The tool's name, as the client offered it.
    ///   - arguments: The arguments (a JSON object).
    ///   - id: The call id; nil lets the server number it (`toolu_scripted_1`, `call_scripted_1`).
    ///   - text: Text before the call.
    ///   - usage: Token usage.
    /// - Returns: The reply.
    public static func toolCall(
        _ name: String,
        arguments: WireJSON = [:],
        id: String? = nil,
        text: String? = nil,
        usage: Usage = .default
    ) -> ScriptedReply {
        ScriptedReply(text: text, toolCalls: [ToolCall(name, arguments: arguments, id: id)], usage: usage)
    }

    /// Several tool calls in one turn (parallel tool use), optionally after some text.
    /// - Parameters:
    ///   - calls: The calls, in order.
    ///   - text: Text before the calls.
    ///   - usage: Token usage.
    /// - Returns: The reply.
    public static func toolCalls(_ calls: [ToolCall], text: String? = nil, usage: Usage = .default) -> ScriptedReply {
        ScriptedReply(text: text, toolCalls: calls, usage: usage)
    }

    /// An HTTP error instead of an answer.
    /// - Parameter failure: The error.
    /// - Returns: The reply.
    public static func failure(_ failure: Failure) -> ScriptedReply {
        var reply = ScriptedReply()
        reply.failure = failure
        return reply
    }

    /// The stop reason the wire will carry: the explicit one, else inferred from the tool calls.
    public var effectiveStopReason: StopReason {
        stopReason ?? (toolCalls.isEmpty ? .endTurn : .toolUse)
    }
}

extension ScriptedReply {
    /// A tool call the model makes.
    public struct ToolCall: Sendable, Hashable {
        /// The tool's name.
        public var name: String
        /// The arguments as JSON text, exactly as sent (OpenAI `arguments`, Anthropic `input` /
        /// `partial_json` fragments).
        public var argumentsJSON: String
        /// The call id, or nil to let the server number it.
        public var id: String?

        /// A call with JSON arguments.
        /// - Parameters:
        ///   - name: The tool's name.
        ///   - arguments: The arguments, normally an object.
        ///   - id: The call id, or nil to let the server number it.
        public init(_ name: String, arguments: WireJSON = [:], id: String? = nil) {
            self.name = name
            self.argumentsJSON = arguments.serialized
            self.id = id
        }

        /// A call whose arguments are sent as this exact text, even if it is not valid JSON (to test
        /// how a client copes with malformed arguments). Anthropic's non-streaming form needs an
        /// object, so there the server answers a script error for invalid text.
        /// - Parameters:
        ///   - name: The tool's name.
        ///   - unsafeArgumentsText: The arguments text, sent verbatim.
        ///   - id: The call id, or nil to let the server number it.
        public init(_ name: String, unsafeArgumentsText: String, id: String? = nil) {
            self.name = name
            self.argumentsJSON = unsafeArgumentsText
            self.id = id
        }
    }

    /// Token usage, mapped onto each API's fields:
    ///
    /// | field | Anthropic | OpenAI Chat | OpenAI Responses |
    /// |---|---|---|---|
    /// | `input` | `input_tokens` | `prompt_tokens` − `cacheRead` | `input_tokens` − `cacheRead` |
    /// | `cacheRead` | `cache_read_input_tokens` | `prompt_tokens_details.cached_tokens` | `input_tokens_details.cached_tokens` |
    /// | `cacheWrite` | `cache_creation_input_tokens` | — | — |
    /// | `output` | `output_tokens` | `completion_tokens` | `output_tokens` |
    /// | `reasoning` | — | `completion_tokens_details.reasoning_tokens` | `output_tokens_details.reasoning_tokens` |
    ///
    /// So OpenAI's `prompt_tokens`/`input_tokens` is `input + cacheRead`, and `total_tokens` is that
    /// plus `output`; `output` already includes `reasoning`, as in OpenAI's APIs.
    public struct Usage: Sendable, Hashable {
        /// Input tokens not read from a cache.
        public var input: Int
        /// Output tokens (including reasoning tokens).
        public var output: Int
        /// Input tokens read from the prompt cache.
        public var cacheRead: Int
        /// Input tokens written to the prompt cache (Anthropic only).
        public var cacheWrite: Int
        /// Reasoning tokens, part of `output` (OpenAI only).
        public var reasoning: Int

        /// Creates usage numbers.
        /// - Parameters:
        ///   - input: Uncached input tokens.
        ///   - output: Output tokens.
        ///   - cacheRead: Input tokens read from the cache.
        ///   - cacheWrite: Input tokens written to the cache.
        ///   - reasoning: Reasoning tokens (part of `output`).
        public init(input: Int, output: Int, cacheRead: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
            self.input = input
            self.output = output
            self.cacheRead = cacheRead
            self.cacheWrite = cacheWrite
            self.reasoning = reasoning
        }

        /// What a reply reports when the script says nothing: 100 input, 20 output tokens.
        public static let `default` = Usage(input: 100, output: 20)
    }

    /// Why the model stopped, mapped onto each API:
    ///
    /// | reason | Anthropic `stop_reason` | Chat `finish_reason` | Responses |
    /// |---|---|---|---|
    /// | endTurn | `end_turn` | `stop` | `completed` |
    /// | toolUse | `tool_use` | `tool_calls` | `completed` |
    /// | maxTokens | `max_tokens` | `length` | `incomplete`, reason `max_output_tokens` |
    /// | stopSequence | `stop_sequence` | `stop` | `completed` |
    /// | refusal | `refusal` | `content_filter` | `incomplete`, reason `content_filter` |
    public struct StopReason: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable {
            case endTurn, toolUse, maxTokens, stopSequence, refusal
        }

        let kind: Kind

        /// The model finished its turn.
        public static let endTurn = StopReason(kind: .endTurn)
        /// The model wants tool results.
        public static let toolUse = StopReason(kind: .toolUse)
        /// The output hit the token limit.
        public static let maxTokens = StopReason(kind: .maxTokens)
        /// A stop sequence was produced.
        public static let stopSequence = StopReason(kind: .stopSequence)
        /// The model refused.
        public static let refusal = StopReason(kind: .refusal)

        /// The Anthropic spelling, e.g. `end_turn`.
        public var description: String { anthropicValue }

        var anthropicValue: String {
            switch kind {
            case .endTurn: "end_turn"
            case .toolUse: "tool_use"
            case .maxTokens: "max_tokens"
            case .stopSequence: "stop_sequence"
            case .refusal: "refusal"
            }
        }

        var chatFinishReason: String {
            switch kind {
            case .endTurn, .stopSequence: "stop"
            case .toolUse: "tool_calls"
            case .maxTokens: "length"
            case .refusal: "content_filter"
            }
        }

        /// The Responses API `incomplete_details.reason`, or nil when the response is complete.
        var responsesIncompleteReason: String? {
            switch kind {
            case .endTurn, .stopSequence, .toolUse: nil
            case .maxTokens: "max_output_tokens"
            case .refusal: "content_filter"
            }
        }
    }
}
