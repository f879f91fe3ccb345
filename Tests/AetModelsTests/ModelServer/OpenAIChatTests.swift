import AetCore
import AetModels
import Testing

@Suite("Scripted model server: OpenAI Chat Completions")
struct OpenAIChatTests {
    static let usage = ScriptedReply.Usage(input: 50, output: 12, cacheRead: 30, reasoning: 4)
    static let expectedUsage: WireJSON = [
        "prompt_tokens": 80, "completion_tokens": 12, "total_tokens": 92,
        "prompt_tokens_details": ["cached_tokens": 30], "completion_tokens_details": ["reasoning_tokens": 4],
    ]

    @Test func nonStreamingTextReplyHasTheExactCompletionShape() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("Hello, aider.", usage: Self.usage)]))
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "hi"]]),
                headers: Fixtures.openAIHeaders
            )
            #expect(reply.status == 200)
            #expect(reply.header("x-request-id") == "req_scripted_1")
            let expected: WireJSON = [
                "id": "chatcmpl-scripted-1", "object": "chat.completion", "created": 1_767_225_600,
                "model": "gpt-scripted", "system_fingerprint": nil,
                "choices": [
                    [
                        "index": 0, "logprobs": nil, "finish_reason": "stop",
                        "message": ["role": "assistant", "content": "Hello, aider.", "refusal": nil],
                    ]
                ],
                "usage": Self.expectedUsage,
            ]
            #expect(try reply.json() == expected)
        }
    }

    @Test func streamingTextReplyEndsWithUsageChunkAndDone() async throws {
        let text = "Streaming words for aider, in pieces."
        let server = ScriptedModelServer(script: .sequence([.text(text, usage: Self.usage)]))
        try await server.withClient { client in
            let stream = try await client.stream(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "hi"]], stream: true, includeUsage: true),
                headers: Fixtures.openAIHeaders
            )
            #expect(stream.status == 200)
            #expect(stream.header("content-type") == "text/event-stream")
            #expect(stream.names.allSatisfy { $0 == nil }, "chat streams have data: lines only")
            #expect(stream.events.last?.data == "[DONE]")
            let chunks = stream.payloads
            #expect(chunks.allSatisfy { $0["object"] == "chat.completion.chunk" && $0["id"] == "chatcmpl-scripted-1" })
            #expect(chunks.first?[path: "choices", 0, "delta"] == ["role": "assistant", "content": "", "refusal": nil])
            let content = chunks.compactMap { $0[path: "choices", 0, "delta", "content"]?.stringValue }.joined()
            #expect(content == text)
            #expect(chunks.filter { $0[path: "choices", 0, "delta", "content"] != nil }.count > 2)
            // The finish chunk, then one usage chunk with no choices; every other chunk has usage null.
            let finish = chunks[chunks.count - 2]
            #expect(finish[path: "choices", 0, "finish_reason"] == "stop")
            #expect(finish[path: "choices", 0, "delta"] == [:])
            #expect(chunks.dropLast().allSatisfy { $0["usage"] == .null })
            #expect(chunks.last?["choices"] == [])
            #expect(chunks.last?["usage"] == Self.expectedUsage)
        }
    }

    @Test func streamingWithoutIncludeUsageSendsNoUsage() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("short")]))
        try await server.withClient { client in
            let stream = try await client.stream(
                "/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "hi"]], stream: true)
            )
            #expect(stream.payloads.allSatisfy { $0["usage"] == nil })
            #expect(stream.payloads.last?[path: "choices", 0, "finish_reason"] == "stop")
            #expect(stream.events.last?.data == "[DONE]")
        }
    }

    @Test func toolCallThenFinalTextNonStreaming() async throws {
        let arguments: WireJSON = ["path": "Sources/App/main.swift"]
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(when: .api(.openAIChat), .turn(1), reply: .toolCall("read_file", arguments: arguments)),
                .init(when: .toolResult(for: "read_file", contains: "print"), reply: .text("It prints hello.")),
            ])
        )
        try await server.withClient { client in
            let first = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(
                    messages: [["role": "user", "content": "what does main do?"]],
                    tools: ["read_file"]
                )
            )
            let choice = try #require(try first.json()[path: "choices", 0])
            #expect(choice["finish_reason"] == "tool_calls")
            #expect(choice[path: "message", "content"] == .null)
            #expect(
                choice[path: "message", "tool_calls"] == [
                    [
                        "id": "call_scripted_1_1", "type": "function",
                        "function": ["name": "read_file", "arguments": .string(arguments.serialized)],
                    ]
                ]
            )
            let second = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(
                    messages: [
                        ["role": "user", "content": "what does main do?"],
                        Fixtures.chatAssistantCall(
                            id: "call_scripted_1_1",
                            name: "read_file",
                            arguments: arguments.serialized
                        ),
                        Fixtures.chatToolResult(id: "call_scripted_1_1", content: "print(\"hello\")"),
                    ],
                    tools: ["read_file"]
                )
            )
            #expect(try second.json()[path: "choices", 0, "message", "content"] == "It prints hello.")
            #expect(try second.json()[path: "choices", 0, "finish_reason"] == "stop")
        }
        #expect(server.unusedRules.isEmpty)
        #expect(server.requests(for: .openAIChat).last?.modelRequest?.turn == 2)
    }

    @Test func toolCallsStreamAsIndexedFragments() async throws {
        let calls = [
            ScriptedReply.ToolCall("read_file", arguments: ["path": "a.swift"]),
            ScriptedReply.ToolCall(
                "read_file",
                arguments: ["path": "b/very/long/path/to/a/file.swift"],
                id: "call_custom"
            ),
        ]
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(when: .turn(1), reply: .toolCalls(calls, text: "Reading both.", usage: Self.usage)),
                .init(when: .turn(2), reply: .text("Both read.")),
            ])
        )
        try await server.withClient { client in
            let stream = try await client.stream(
                "/v1/chat/completions",
                json: Fixtures.chat(
                    messages: [["role": "user", "content": "read"]],
                    tools: ["read_file"],
                    stream: true,
                    includeUsage: true
                )
            )
            // Accumulate tool calls by index, as a client must.
            var ids: [Int: String] = [:]
            var names: [Int: String] = [:]
            var arguments: [Int: String] = [:]
            for chunk in stream.payloads {
                for fragment in chunk[path: "choices", 0, "delta", "tool_calls"]?.arrayValue ?? [] {
                    let index = try #require(fragment["index"]?.intValue)
                    if let id = fragment["id"]?.stringValue { ids[index] = id }
                    if let name = fragment[path: "function", "name"]?.stringValue { names[index] = name }
                    arguments[index, default: ""] += fragment[path: "function", "arguments"]?.stringValue ?? ""
                }
            }
            #expect(ids == [0: "call_scripted_1_1", 1: "call_custom"])
            #expect(names == [0: "read_file", 1: "read_file"])
            #expect(
                try arguments.mapValues { try WireJSON(parsing: $0) } == [
                    0: ["path": "a.swift"], 1: ["path": "b/very/long/path/to/a/file.swift"],
                ]
            )
            let content = stream.payloads.compactMap { $0[path: "choices", 0, "delta", "content"]?.stringValue }
                .joined()
            #expect(content == "Reading both.")
            #expect(
                stream.payloads.compactMap { $0[path: "choices", 0, "finish_reason"]?.stringValue } == ["tool_calls"]
            )
            #expect(stream.payloads.last?["usage"] == Self.expectedUsage)

            let second = try await client.stream(
                "/v1/chat/completions",
                json: Fixtures.chat(
                    messages: [
                        ["role": "user", "content": "read"],
                        [
                            "role": "assistant", "content": "Reading both.",
                            "tool_calls": [
                                [
                                    "id": "call_scripted_1_1", "type": "function",
                                    "function": ["name": "read_file", "arguments": "{}"],
                                ],
                                [
                                    "id": "call_custom", "type": "function",
                                    "function": ["name": "read_file", "arguments": "{}"],
                                ],
                            ],
                        ],
                        Fixtures.chatToolResult(id: "call_scripted_1_1", content: "A"),
                        Fixtures.chatToolResult(id: "call_custom", content: "B"),
                    ],
                    tools: ["read_file"],
                    stream: true
                )
            )
            #expect(
                second.payloads.compactMap { $0[path: "choices", 0, "delta", "content"]?.stringValue }.joined()
                    == "Both read."
            )
        }
        let last = try #require(server.requests(for: .openAIChat).last?.modelRequest)
        #expect(last.toolResults.map(\.callID) == ["call_scripted_1_1", "call_custom"])
        #expect(last.lastMessageText == "A\nB")
    }

    @Test func maxTokensIsLength() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("cut", stopReason: .maxTokens)]))
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "go"]])
            )
            #expect(try reply.json()[path: "choices", 0, "finish_reason"] == "length")
        }
    }

    @Test func danglingToolCallsAreRefusedLikeTheRealAPI() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("never")]))
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [
                    ["role": "user", "content": "go"],
                    Fixtures.chatAssistantCall(id: "call_1", name: "read_file", arguments: "{}"),
                    ["role": "user", "content": "hello?"],
                ])
            )
            #expect(reply.status == 400)
            let error = try #require(try reply.json()["error"])
            #expect(error["type"] == "invalid_request_error")
            #expect(error["message"]?.stringValue?.contains("did not have response messages: call_1") == true)
        }
    }

    @Test func streamUsagePlacementIsConfigurable() async throws {
        func stream(_ placement: ScriptedModelServer.ChatStreamUsage, includeUsage: Bool) async throws -> [WireJSON] {
            var configuration = ScriptedModelServer.Configuration()
            configuration.chatStreamUsage = placement
            let server = ScriptedModelServer(
                script: .sequence([.text("words", usage: Self.usage)]),
                configuration: configuration
            )
            return try await server.withClient { client in
                try await client.stream(
                    "/v1/chat/completions",
                    json: Fixtures.chat(
                        messages: [["role": "user", "content": "x"]],
                        stream: true,
                        includeUsage: includeUsage
                    )
                ).payloads
            }
        }
        let always = try await stream(.always, includeUsage: false)
        #expect(always.last?["choices"] == [])
        #expect(always.last?["usage"] == Self.expectedUsage)
        let onFinish = try await stream(.onFinishChunk, includeUsage: true)
        #expect(onFinish.last?[path: "choices", 0, "finish_reason"] == "stop")
        #expect(onFinish.last?["usage"] == Self.expectedUsage)
        #expect(onFinish.dropLast().allSatisfy { $0["usage"] == nil })
        let never = try await stream(.never, includeUsage: true)
        #expect(never.allSatisfy { $0["usage"] == nil })
    }
}
