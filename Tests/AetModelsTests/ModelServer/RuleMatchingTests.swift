import AetCore
import AetModels
import Testing

@Suite("Scripted model: rule matching")
struct RuleMatchingTests {
    /// Sends a non-streaming Anthropic request and returns the reply text, or the error message.
    static func ask(
        _ client: WireClient,
        system: String = "You are the developer.",
        messages: [WireJSON],
        tools: [String] = [],
        model: String = "claude-scripted"
    ) async throws -> (status: Int, text: String) {
        let reply = try await client.post(
            "/v1/messages",
            json: Fixtures.anthropic(system: .string(system), messages: messages, tools: tools, model: model)
        )
        let json = try reply.json()
        let text = json[path: "content", 0, "text"]?.stringValue ?? json[path: "error", "message"]?.stringValue ?? ""
        return (reply.status, text)
    }

    @Test func matchesBySystemPromptInOrder() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    "reviewer",
                    when: .systemPrompt(contains: "reviewer"),
                    reply: .text("approve"),
                    uses: .repeatable
                ),
                .init(
                    "developer",
                    when: .systemPrompt(.regex(#"^You are the (developer|implementer)\."#)),
                    reply: .text("implemented"),
                    uses: .repeatable
                ),
                .init("anyone", reply: .text("fallthrough"), uses: .repeatable),
            ])
        )
        try await server.withClient { client in
            let answer1 = try await Self.ask(client, system: "You are the reviewer.", messages: [Fixtures.user("x")])
            #expect(answer1.text == "approve")
            let answer2 = try await Self.ask(client, system: "You are the developer.", messages: [Fixtures.user("x")])
            #expect(answer2.text == "implemented")
            let answer3 = try await Self.ask(client, system: "You are the planner.", messages: [Fixtures.user("x")])
            #expect(answer3.text == "fallthrough")
        }
        #expect(server.requests.map(\.matchedRule) == ["reviewer", "developer", "anyone"])
    }

    @Test func matchesByLastMessageAndTurn() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    when: .turn(1),
                    .lastMessage(.regex(#"T-\d+"#)),
                    reply: .toolCall("Read", arguments: ["file_path": "/a"])
                ),
                .init(when: .turn(2), .lastMessage(.hasPrefix("contents:")), reply: .text("turn two")),
                .init(when: .turn(in: 3...9), reply: .text("later turn"), uses: .repeatable),
            ])
        )
        try await server.withClient { client in
            let first = try await Self.ask(client, messages: [Fixtures.user("work on T-12 please")], tools: ["Read"])
            #expect(first.status == 200)
            let history: [WireJSON] = [
                Fixtures.user("work on T-12 please"),
                Fixtures.assistantToolUse(id: "toolu_scripted_1_1", name: "Read", input: ["file_path": "/a"]),
                Fixtures.toolResult(id: "toolu_scripted_1_1", content: "contents: hello"),
            ]
            #expect(try await Self.ask(client, messages: history, tools: ["Read"]).text == "turn two")
            let later = history + [["role": "assistant", "content": "ok"], Fixtures.user("and now?")]
            #expect(try await Self.ask(client, messages: later).text == "later turn")
        }
        #expect(server.modelRequests.map(\.turn) == [1, 2, 3])
    }

    @Test func matchesByModelToolsAndStreaming() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(when: .model(.hasPrefix("claude-haiku")), reply: .text("small model"), uses: .repeatable),
                .init(when: .offersNoTools, reply: .text("no tools"), uses: .repeatable),
                .init(
                    when: .offersTools("Write", "Edit"),
                    .streaming(false),
                    reply: .text("can edit"),
                    uses: .repeatable
                ),
                .init(when: .streaming(false), reply: .text("read only"), uses: .repeatable),
            ])
        )
        try await server.withClient { client in
            let user = [Fixtures.user("x")]
            let answer4 = try await Self.ask(client, messages: user, tools: ["Read"], model: "claude-haiku-4")
            #expect(answer4.text == "small model")
            let answer5 = try await Self.ask(client, messages: user)
            #expect(answer5.text == "no tools")
            let answer6 = try await Self.ask(client, messages: user, tools: ["Read", "Edit", "Write"])
            #expect(answer6.text == "can edit")
            let answer7 = try await Self.ask(client, messages: user, tools: ["Read", "Edit"])
            #expect(answer7.text == "read only")
        }
    }

    @Test func onceTimesAndRepeatableUses() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init("first", reply: .text("one")),
                .init("twice", reply: .text("two")).times(2),
                .init("forever", when: .conversation(contains: "again"), reply: .text("again")).repeatable(),
            ])
        )
        try await server.withClient { client in
            let again = [Fixtures.user("again")]
            var answers: [String] = []
            for _ in 0..<5 { answers.append(try await Self.ask(client, messages: again).text) }
            #expect(answers == ["one", "two", "two", "again", "again"])
            let unmatched = try await Self.ask(client, messages: [Fixtures.user("something else")])
            #expect(unmatched.status == 400)
            #expect(unmatched.text.contains("#1 \"first\": used up (once)"))
            #expect(unmatched.text.contains("#2 \"twice\": used up (2 times)"))
            #expect(unmatched.text.contains("#3 \"forever\": wanted conversation contains \"again\""))
        }
    }

    @Test func unmatchedRequestFailsLoudlyInEachAPIsShape() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init("dev", when: .systemPrompt(contains: "developer"), .turn(1), reply: .text("hi"))
            ])
        )
        try await server.withClient { client in
            let anthropic = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(system: "You are the tester.", messages: [Fixtures.user("run it")])
            )
            #expect(anthropic.status == 400)
            let error = try anthropic.json()
            #expect(error["type"] == "error")
            #expect(error[path: "error", "type"] == "invalid_request_error")
            let message = try #require(error[path: "error", "message"]?.stringValue)
            #expect(message.hasPrefix("aet scripted model server: no rule matched this anthropic request"))
            #expect(message.contains("system prompt \"You are the tester.\""))
            #expect(message.contains("last message \"run it\""))
            #expect(message.contains("#1 \"dev\": wanted system prompt contains \"developer\""))

            let chat = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(system: "You are the tester.", messages: [["role": "user", "content": "x"]])
            )
            #expect(chat.status == 400)
            #expect(try chat.json()[path: "error", "code"] == "no_rule_matched")
            #expect(try chat.json()[path: "error", "type"] == "invalid_request_error")
            #expect(try chat.json()[path: "error", "message"]?.stringValue?.contains("openai-chat request") == true)
        }
        #expect(server.requests.allSatisfy { $0.responseStatus == 400 && $0.matchedRule == nil })
        #expect(server.requests.first?.errorMessage?.contains("no rule matched") == true)
        #expect(server.unusedRules == ["dev"])
    }

    @Test func fallbackStrictnessAnswersUnmatchedRequests() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(
                strictness: .fallback(.text("default answer")),
                rules: [
                    .init(when: .lastMessage(contains: "special"), reply: .text("special answer"))
                ]
            )
        )
        try await server.withClient { client in
            let answer8 = try await Self.ask(client, messages: [Fixtures.user("plain")])
            #expect(answer8.text == "default answer")
            let answer9 = try await Self.ask(client, messages: [Fixtures.user("special")])
            #expect(answer9.text == "special answer")
        }
        #expect(server.requests.map(\.matchedRule) == ["fallback", "rule 1"])
    }

    @Test func dynamicRepliesAndAddedRules() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init("write-into-worktree", when: .turn(1)) { request in
                    let line = request.systemPrompt.split(separator: "\n").first { $0.hasPrefix("Working directory: ") }
                    guard let directory = line?.dropFirst("Working directory: ".count) else {
                        throw ScriptedModel.ScriptError("no working directory in the system prompt")
                    }
                    return .toolCall(
                        "Write",
                        arguments: ["file_path": .string("\(directory)/hello.txt"), "content": "hi"]
                    )
                }
            ])
        )
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(
                    system: "You are Claude Code.\nWorking directory: /tmp/wt-7",
                    messages: [Fixtures.user("go")]
                )
            )
            #expect(try reply.json()[path: "content", 0, "input", "file_path"] == "/tmp/wt-7/hello.txt")
            #expect(try await Self.ask(client, messages: [Fixtures.user("go")]).status == 400)
            server.add(.init("late", reply: .text("added later")))
            #expect(try await Self.ask(client, messages: [Fixtures.user("go")]).text == "added later")
        }
    }

    @Test func scriptMistakesAreAnsweredAsScriptErrors() async throws {
        struct Oops: Error {}
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init("bad regex", when: .lastMessage(.regex("(unclosed")), reply: .text("never")),
                .init("throws", when: .conversation(contains: "boom")) { _ in throw Oops() },
            ])
        )
        try await server.withClient { client in
            let regex = try await Self.ask(client, messages: [Fixtures.user("x")])
            #expect(regex.status == 400)
            #expect(regex.text.contains("script error"))
            #expect(regex.text.contains("invalid regular expression \"(unclosed\""))
        }
        let other = ScriptedModelServer(
            script: ScriptedModel(rules: [.init("throws", when: .conversation(contains: "boom")) { _ in throw Oops() }])
        )
        try await other.withClient { client in
            let thrown = try await Self.ask(client, messages: [Fixtures.user("boom")])
            #expect(thrown.status == 400)
            #expect(thrown.text.contains("rule \"throws\" failed to reply"))
        }
    }

    @Test func malformedAnthropicToolArgumentsAreAScriptErrorOnlyWhereTheyCannotBeSent() async throws {
        let bad = ScriptedReply.ToolCall("Write", unsafeArgumentsText: #"{"file_path": "/a", "#)
        let server = ScriptedModelServer(script: ScriptedModel(rules: [.init(reply: .toolCalls([bad])).repeatable()]))
        try await server.withClient { client in
            let whole = try await client.post("/v1/messages", json: Fixtures.anthropic(messages: [Fixtures.user("x")]))
            #expect(whole.status == 400)
            let streamed = try await client.stream(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("x")], stream: true)
            )
            let json = streamed.payloads.compactMap { $0[path: "delta", "partial_json"]?.stringValue }.joined()
            #expect(json == #"{"file_path": "/a", "#)
            let chat = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "x"]])
            )
            #expect(
                try chat.json()[path: "choices", 0, "message", "tool_calls", 0, "function", "arguments"]
                    == #"{"file_path": "/a", "#
            )
        }
    }
}
