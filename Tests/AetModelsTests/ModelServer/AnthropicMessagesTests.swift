import AetCore
import AetModels
import Testing

@Suite("Scripted model server: Anthropic Messages")
struct AnthropicMessagesTests {
    static let usage = ScriptedReply.Usage(input: 42, output: 7, cacheRead: 3, cacheWrite: 5)

    @Test func nonStreamingTextReplyHasTheExactMessageShape() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("Hello from the script.", usage: Self.usage)]))
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/messages?beta=true",
                json: Fixtures.anthropic(messages: [Fixtures.user("hi")]),
                headers: Fixtures.anthropicHeaders
            )
            #expect(reply.status == 200)
            #expect(reply.header("content-type") == "application/json")
            #expect(reply.header("request-id") == "req_scripted_1")
            let expected: WireJSON = [
                "id": "msg_scripted_1", "type": "message", "role": "assistant", "model": "claude-scripted",
                "content": [["type": "text", "text": "Hello from the script."]],
                "stop_reason": "end_turn", "stop_sequence": nil,
                "usage": [
                    "input_tokens": 42, "output_tokens": 7, "cache_creation_input_tokens": 5,
                    "cache_read_input_tokens": 3,
                ],
            ]
            #expect(try reply.json() == expected)
        }
    }

    @Test func streamingTextReplyIsAWellFormedEventSequence() async throws {
        let text = "Hello from the streaming script."
        let server = ScriptedModelServer(script: .sequence([.text(text, usage: Self.usage)]))
        try await server.withClient { client in
            let stream = try await client.stream(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("hi")], stream: true),
                headers: Fixtures.anthropicHeaders
            )
            #expect(stream.status == 200)
            #expect(stream.header("content-type") == "text/event-stream")
            let deltas = (text.count + 7) / 8
            let expectedNames: [String?] =
                ["message_start", "ping", "content_block_start"]
                + Array(repeating: "content_block_delta", count: deltas)
                + ["content_block_stop", "message_delta", "message_stop"]
            #expect(stream.names == expectedNames)
            // Every data payload repeats its event name as `type`.
            for event in stream.events {
                #expect(event.json?["type"]?.stringValue == event.event)
            }
            let start = try #require(stream.payloads.first)
            #expect(start[path: "message", "id"] == "msg_scripted_1")
            #expect(start[path: "message", "content"] == [])
            #expect(start[path: "message", "stop_reason"] == .null)
            #expect(start[path: "message", "usage", "input_tokens"] == 42)
            #expect(start[path: "message", "usage", "cache_read_input_tokens"] == 3)
            #expect(start[path: "message", "usage", "cache_creation_input_tokens"] == 5)
            #expect(
                stream.payloads[2] == [
                    "type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""],
                ]
            )
            let pieces = stream.payloads.filter { $0["type"] == "content_block_delta" }
            #expect(pieces.allSatisfy { $0[path: "delta", "type"] == "text_delta" && $0["index"] == 0 })
            #expect(pieces.compactMap { $0[path: "delta", "text"]?.stringValue }.joined() == text)
            let messageDelta = try #require(stream.payloads.first { $0["type"] == "message_delta" })
            #expect(messageDelta["delta"] == ["stop_reason": "end_turn", "stop_sequence": nil])
            #expect(messageDelta[path: "usage", "output_tokens"] == 7)
        }
    }

    @Test func toolCallThenFinalTextNonStreaming() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    "write",
                    when: .turn(1),
                    .offersTools("Write"),
                    reply: .toolCall(
                        "Write",
                        arguments: Fixtures.writeArguments,
                        text: "Writing it.",
                        usage: Self.usage
                    )
                ),
                .init("done", when: .toolResult(for: "Write", contains: "File created"), reply: .text("Created. DONE")),
            ])
        )
        try await server.withClient { client in
            let first = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("create hello.txt")], tools: ["Read", "Write"]),
                headers: Fixtures.anthropicHeaders
            )
            #expect(first.status == 200)
            let message = try first.json()
            #expect(message["stop_reason"] == "tool_use")
            #expect(
                message["content"] == [
                    ["type": "text", "text": "Writing it."],
                    [
                        "type": "tool_use", "id": "toolu_scripted_1_1", "name": "Write",
                        "input": Fixtures.writeArguments,
                    ],
                ]
            )
            let toolUse = try #require(message[path: "content", 1])
            let second = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(
                    messages: [
                        Fixtures.user("create hello.txt"),
                        ["role": "assistant", "content": message["content"] ?? .null],
                        Fixtures.toolResult(
                            id: "toolu_scripted_1_1",
                            content: "File created successfully at: /work/tree/hello.txt"
                        ),
                    ],
                    tools: ["Read", "Write"]
                ),
                headers: Fixtures.anthropicHeaders
            )
            #expect(second.status == 200)
            #expect(try second.json()["content"] == [["type": "text", "text": "Created. DONE"]])
            #expect(try second.json()["stop_reason"] == "end_turn")
            #expect(toolUse["input"] == Fixtures.writeArguments)
        }
        #expect(server.unusedRules.isEmpty)
        let log = server.requests(for: .anthropic)
        #expect(log.map(\.matchedRule) == ["write", "done"])
        let second = try #require(log.last?.modelRequest)
        #expect(second.turn == 2)
        #expect(
            second.toolResults == [
                .init(callID: "toolu_scripted_1_1", content: "File created successfully at: /work/tree/hello.txt")
            ]
        )
        #expect(second.previousToolCalls.map(\.name) == ["Write"])
    }

    @Test func toolCallThenFinalTextStreaming() async throws {
        let arguments: WireJSON = ["command": "swift test --filter \"A B\"", "timeout": 120000]
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    when: .turn(1),
                    reply: .toolCall("Bash", arguments: arguments, id: "toolu_bash_1", usage: Self.usage)
                ),
                .init(when: .turn(2), .lastMessage(contains: "passed"), reply: .text("Tests pass.")),
            ])
        )
        try await server.withClient { client in
            let first = try await client.stream(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("run the tests")], tools: ["Bash"], stream: true),
                headers: Fixtures.anthropicHeaders
            )
            #expect(first.names.first == "message_start")
            #expect(first.names.last == "message_stop")
            let blockStart = try #require(first.payloads.first { $0["type"] == "content_block_start" })
            #expect(
                blockStart == [
                    "type": "content_block_start", "index": 0,
                    "content_block": ["type": "tool_use", "id": "toolu_bash_1", "name": "Bash", "input": [:]],
                ]
            )
            let fragments = first.payloads.filter { $0[path: "delta", "type"] == "input_json_delta" }
            #expect(fragments.count > 1, "arguments arrive in several fragments")
            let json = fragments.compactMap { $0[path: "delta", "partial_json"]?.stringValue }.joined()
            #expect(try WireJSON(parsing: json) == arguments)
            let messageDelta = try #require(first.payloads.first { $0["type"] == "message_delta" })
            #expect(messageDelta[path: "delta", "stop_reason"] == "tool_use")
            #expect(messageDelta[path: "usage", "output_tokens"] == 7)

            let second = try await client.stream(
                "/v1/messages",
                json: Fixtures.anthropic(
                    messages: [
                        Fixtures.user("run the tests"),
                        Fixtures.assistantToolUse(id: "toolu_bash_1", name: "Bash", input: arguments),
                        Fixtures.toolResult(id: "toolu_bash_1", content: "Test run with 3 tests passed"),
                    ],
                    tools: ["Bash"],
                    stream: true
                ),
                headers: Fixtures.anthropicHeaders
            )
            let text = second.payloads.compactMap { $0[path: "delta", "text"]?.stringValue }.joined()
            #expect(text == "Tests pass.")
            #expect(
                second.payloads.first { $0["type"] == "message_delta" }?[path: "delta", "stop_reason"] == "end_turn"
            )
        }
        #expect(server.unusedRules.isEmpty)
    }

    @Test func maxTokensAndRefusalStopReasons() async throws {
        let server = ScriptedModelServer(
            script: .sequence([.text("Partial answ", stopReason: .maxTokens), .text("I can't.", stopReason: .refusal)])
        )
        try await server.withClient { client in
            let body = Fixtures.anthropic(messages: [Fixtures.user("write a novel")])
            let cut = try await client.post("/v1/messages", json: body).json()
            let refused = try await client.post("/v1/messages", json: body).json()
            #expect(cut["stop_reason"] == "max_tokens")
            #expect(refused["stop_reason"] == "refusal")
        }
    }

    @Test func countTokensAnswersWithoutUsingARule() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("only reply")]))
        try await server.withClient { client in
            var body = Fixtures.anthropic(messages: [Fixtures.user("count me")], tools: ["Read"])
            if case .object(var members) = body {
                members["max_tokens"] = nil
                body = .object(members)
            }
            let counted = try await client.post(
                "/v1/messages/count_tokens?beta=true",
                json: body,
                headers: Fixtures.anthropicHeaders
            )
            #expect(counted.status == 200)
            let tokens = try #require(try counted.json()["input_tokens"]?.intValue)
            #expect(tokens > 10)
            #expect(
                try await client.post("/v1/messages", json: Fixtures.anthropic(messages: [Fixtures.user("go")])).status
                    == 200
            )
        }
        #expect(server.requests.map(\.endpoint) == [.countTokens, .messages])
        #expect(server.requests(for: .anthropic).count == 1)
    }

    @Test func unansweredToolUseIsRefusedLikeTheRealAPI() async throws {
        let server = ScriptedModelServer(script: ScriptedModel(rules: [.init(reply: .text("never")).repeatable()]))
        try await server.withClient { client in
            let dangling = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [
                    Fixtures.user("go"), Fixtures.assistantToolUse(id: "toolu_9", name: "Read", input: [:]),
                    Fixtures.user("and?"),
                ])
            )
            #expect(dangling.status == 400)
            #expect(try dangling.json()[path: "error", "type"] == "invalid_request_error")
            let message = try #require(try dangling.json()[path: "error", "message"]?.stringValue)
            #expect(
                message.contains("`tool_use` ids were found without `tool_result` blocks immediately after: toolu_9")
            )

            let stray = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.toolResult(id: "toolu_nobody", content: "x")])
            )
            #expect(stray.status == 400)
            #expect(try stray.json()[path: "error", "message"]?.stringValue?.contains("toolu_nobody") == true)

            var noMaxTokens = Fixtures.anthropic(messages: [Fixtures.user("go")])
            if case .object(var members) = noMaxTokens {
                members["max_tokens"] = nil
                noMaxTokens = .object(members)
            }
            let missing = try await client.post("/v1/messages", json: noMaxTokens)
            #expect(missing.status == 400)
            #expect(try missing.json()[path: "error", "message"] == "max_tokens: Field required")
        }
        #expect(server.unusedRules == ["rule 1"])
    }

    @Test func systemPromptAsTextBlocksIsJoined() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    when: .systemPrompt(contains: "You are Claude Code"),
                    .systemPrompt(contains: "Role: reviewer"),
                    reply: .text("approve")
                )
            ])
        )
        try await server.withClient { client in
            let system: WireJSON = [
                ["type": "text", "text": "You are Claude Code, Anthropic's official CLI."],
                ["type": "text", "text": "Role: reviewer", "cache_control": ["type": "ephemeral"]],
            ]
            let reply = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(system: system, messages: [Fixtures.user("review")])
            )
            #expect(reply.status == 200)
        }
        #expect(
            server.requests.first?.systemPrompt == "You are Claude Code, Anthropic's official CLI.\n\nRole: reviewer"
        )
    }

    /// Claude Code 2.1.3xx puts its environment notes (working directory, platform) in a `system`
    /// message inside `messages`; they join the system prompt and do not break tool pairing.
    @Test func systemMessagesInsideMessagesJoinTheSystemPrompt() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    when: .systemPrompt(contains: "Primary working directory: /tmp/wt"),
                    .turn(1),
                    reply: .toolCall("Read", arguments: ["file_path": "/tmp/wt/a"])
                ),
                .init(when: .turn(2), reply: .text("read")),
            ])
        )
        try await server.withClient { client in
            let environment: WireJSON = [
                "role": "system",
                "content": [
                    [
                        "type": "text", "text": "# Environment\n - Primary working directory: /tmp/wt",
                        "cache_control": ["type": "ephemeral"],
                    ]
                ],
            ]
            let first = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(
                    system: "You are Claude Code.",
                    messages: [Fixtures.user("read a"), environment]
                )
            )
            #expect(first.status == 200)
            let second = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(
                    system: "You are Claude Code.",
                    messages: [
                        Fixtures.user("read a"), environment,
                        Fixtures.assistantToolUse(
                            id: "toolu_scripted_1_1",
                            name: "Read",
                            input: ["file_path": "/tmp/wt/a"]
                        ),
                        Fixtures.toolResult(id: "toolu_scripted_1_1", content: "contents"),
                    ]
                )
            )
            #expect(second.status == 200)
        }
        let first = try #require(server.modelRequests.first)
        #expect(first.systemPrompt == "You are Claude Code.\n\n# Environment\n - Primary working directory: /tmp/wt")
        #expect(first.lastMessageText == "read a")
        #expect(first.messages.map(\.role) == [.system, .user, .system])
    }
}
