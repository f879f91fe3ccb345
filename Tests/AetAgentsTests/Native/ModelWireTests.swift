import AetCore
import AetModels
import Foundation
import Testing

@testable import AetAgents

@Suite("Native: wire details of the model clients")
struct ModelWireTests {
    @Test("the SSE parser reassembles events split anywhere, with CRLF, comments and multi-line data")
    func serverSentEvents() {
        let stream = "event: a\r\ndata: {\"x\":\r\ndata: 1}\r\n\r\n: comment\ndata: [DONE]\n\ndata: tail"
        for split in [1, 3, 7, stream.utf8.count] {
            var parser = ServerSentEventParser()
            var events: [ServerSentEvent] = []
            let bytes = Array(stream.utf8)
            for start in stride(from: 0, to: bytes.count, by: split) {
                events += parser.feed(bytes[start..<min(bytes.count, start + split)])
            }
            events += parser.finish()
            #expect(
                events == [
                    ServerSentEvent(event: "a", data: "{\"x\":\n1}"), ServerSentEvent(event: nil, data: "[DONE]"),
                    ServerSentEvent(event: nil, data: "tail"),
                ]
            )
        }
    }

    @Test("Chat stream: tool calls accumulate by index, usage on the finish chunk, ids synthesized when missing")
    func chatStreamAccumulation() throws {
        var accumulator = OpenAIChatStreamAccumulator()
        let chunks = [
            #"{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","function":{"name":"search","arguments":"{\"pat"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"list_files","arguments":""}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"tern\":\"x\"}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":50,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":20}}}"#,
        ]
        for chunk in chunks { try accumulator.consume(ServerSentEvent(event: nil, data: chunk)) }
        let turn = try accumulator.turn()
        #expect(turn.text == "Hi")
        #expect(turn.stopReason == .toolUse)
        #expect(turn.usage == TokenUsage(input: 30, output: 7, cacheRead: 20))
        #expect(turn.toolUses.map(\.name) == ["list_files", "search"])
        #expect(turn.toolUses[1] == ToolUse(id: "b", name: "search", input: ["pattern": "x"]))
        #expect(turn.toolUses[0].id.hasPrefix("call_aet_0_"))
        #expect(turn.toolUses[0].input == [:])
    }

    @Test("Chat stream: an error chunk throws; a stream cut before its finish is a (retryable) transport error")
    func chatStreamErrors() throws {
        var failing = OpenAIChatStreamAccumulator()
        #expect(throws: ModelAPIError.self) {
            try failing.consume(
                ServerSentEvent(event: nil, data: #"{"error":{"message":"boom","type":"server_error"}}"#)
            )
        }
        var cut = OpenAIChatStreamAccumulator()
        try cut.consume(ServerSentEvent(event: nil, data: #"{"choices":[{"delta":{"content":"par"}}]}"#))
        #expect {
            try cut.turn()
        } throws: { error in
            (error as? ModelAPIError)?.isRetryable == true
        }
    }

    @Test("Anthropic stream: an error event throws with its type and message")
    func anthropicStreamError() throws {
        var accumulator = AnthropicStreamAccumulator()
        try accumulator.consume(ServerSentEvent(event: "ping", data: #"{"type":"ping"}"#))
        #expect {
            try accumulator.consume(
                ServerSentEvent(
                    event: "error",
                    data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
                )
            )
        } throws: { error in
            guard let error = error as? ModelAPIError else { return false }
            return error.isRetryable && error.description.contains("(overloaded_error): Overloaded")
        }
    }

    @Test(
        "Chat streaming copes with usage on the finish chunk and with no usage at all",
        arguments: [ScriptedModelServer.ChatStreamUsage.onFinishChunk, .never, .always]
    )
    func chatStreamUsagePlacement(placement: ScriptedModelServer.ChatStreamUsage) async throws {
        var configuration = ScriptedModelServer.Configuration()
        configuration.chatStreamUsage = placement
        let server = ScriptedModelServer(
            script: .sequence([.toolCall("read_file", arguments: ["path": "a"], text: "Reading.")]),
            configuration: configuration
        )
        let turn = try await server.withRunning { url in
            let client = OpenAIChatClient(endpoint: ModelEndpoint(baseURL: url.absoluteString + "/v1", apiKey: nil))
            return try await client.complete(ModelConversation(model: "m", system: "s", messages: [.user("go")]))
        }
        #expect(turn.text == "Reading.")
        #expect(turn.toolUses.map(\.input) == [["path": "a"]])
        #expect(turn.usageReported == (placement != .never))
        #expect(turn.usage == (placement == .never ? .zero : TokenUsage(input: 100, output: 20)))
        #expect(server.requests.first?.headers["authorization"] == nil, "no key, no credential header")
    }

    @Test("the retry delay grows exponentially, is capped, and honours retry-after up to its cap")
    func retryDelays() {
        let policy = RetryPolicy(
            maxAttempts: 5,
            baseDelay: .seconds(1),
            maxDelay: .seconds(5),
            maxRetryAfter: .seconds(10)
        )
        #expect(policy.delay(afterAttempt: 1, jitter: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, jitter: 1) == .seconds(4))
        #expect(policy.delay(afterAttempt: 5, jitter: 1) == .seconds(5))
        #expect(policy.delay(afterAttempt: 2, jitter: 0.5) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7), jitter: 1) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(70), jitter: 1) == .seconds(10))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .zero, jitter: 1) == .seconds(1))
    }

    @Test("endpoints: loopback detection, trailing slashes, and the key never in the description")
    func endpoints() {
        #expect(ModelEndpoint(baseURL: "http://localhost:11434/v1/", apiKey: "").isLoopback)
        #expect(ModelEndpoint(baseURL: "http://127.0.0.1:8080", apiKey: nil).baseURL == "http://127.0.0.1:8080")
        #expect(!ModelEndpoint(baseURL: "https://api.openai.com/v1", apiKey: nil).isLoopback)
        let keyed = ModelEndpoint(baseURL: "https://api.anthropic.com", apiKey: "sk-secret-value")
        #expect(keyed.hasKey)
        #expect(!"\(keyed)".contains("sk-secret"))
        #expect(ModelEndpoint(baseURL: "not a url", apiKey: "k").unavailableReason(keyVariable: "K") != nil)
    }

    @Test("the OpenAI request body: tool results as tool messages, arguments as text, the token field by host")
    func chatRequestBody() {
        let conversation = ModelConversation(
            model: "m",
            system: "sys",
            messages: [
                .user("go"),
                ModelMessage(
                    role: .assistant,
                    content: [.toolUse(ToolUse(id: "c1", name: "read_file", input: ["path": "a"]))]
                ),
                ModelMessage(role: .user, content: [.toolResult(ToolResultBlock(toolUseID: "c1", content: "A"))]),
            ],
            maxOutputTokens: 100
        )
        let body = OpenAIChatClient.requestBody(for: conversation, stream: false, maxTokensField: .maxTokens)
        let messages = body["messages"]?.arrayValue ?? []
        #expect(messages.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "tool"])
        #expect(messages[2]["tool_calls"]?[0]?["function"]?["arguments"] == #"{"path":"a"}"#)
        #expect(messages[3]["tool_call_id"] == "c1")
        #expect(body["max_tokens"] == 100)
        let official = OpenAIChatClient(endpoint: ModelEndpoint(baseURL: OpenAIChatClient.defaultBaseURL, apiKey: "k"))
        #expect(official.maxTokensField == .maxCompletionTokens)
    }
}

@Suite("Native: the price table")
struct PriceTableTests {
    @Test("exact names, longest prefixes, unknown models")
    func lookup() {
        let table = PriceTable.standard
        #expect(table.price(for: "claude-sonnet-4-5-20250929") == table.prices["claude-sonnet-4"])
        #expect(table.price(for: "claude-opus-4-5-20251101")?.input == 5_000_000)
        #expect(table.price(for: "claude-opus-4-1-20250805")?.input == 15_000_000)
        #expect(table.price(for: "gpt-5-mini-2025-08-07")?.output == 2_000_000)
        #expect(table.price(for: "gpt-4o-mini")?.input == 150_000)
        #expect(table.price(for: "llama3.2") == nil)
        #expect(table.cost(for: TokenUsage(input: 10), model: "llama3.2") == .unknown)
    }

    @Test("costs in micro-dollars, cache reads and writes at their own prices")
    func costs() {
        let table = PriceTable.standard
        #expect(
            table.cost(for: TokenUsage(input: 12_000, output: 800), model: "claude-sonnet-4-5")
                == .computed(micros: 48_000)
        )
        let cached = TokenUsage(input: 1_000_000, output: 0, cacheRead: 1_000_000, cacheWrite: 1_000_000)
        #expect(table.cost(for: cached, model: "claude-haiku-4-5") == .computed(micros: 2_350_000))
        let custom = table.merging(["my-model": PriceTable.Price(input: 1_000_000, output: 2_000_000)])
        #expect(custom.cost(for: TokenUsage(input: 3, output: 1), model: "my-model") == .computed(micros: 5))
        #expect(custom.price(for: "my-model")?.cacheRead == 1_000_000, "cache prices default to the input price")
    }
}
