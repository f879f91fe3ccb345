import AetCore
import AetModels
import Testing

@Suite("Scripted model server: OpenAI Responses (Codex)")
struct OpenAIResponsesTests {
    static let usage = ScriptedReply.Usage(input: 2000, output: 60, cacheRead: 400, reasoning: 10)
    static let expectedUsage: WireJSON = [
        "input_tokens": 2400, "input_tokens_details": ["cached_tokens": 400], "output_tokens": 60,
        "output_tokens_details": ["reasoning_tokens": 10], "total_tokens": 2460,
    ]
    static let codexHeaders = [
        ("authorization", "Bearer sk-codex-SECRET"), ("originator", "codex_exec"), ("accept", "text/event-stream"),
    ]

    @Test func streamingTextReplyFollowsTheResponsesEventSequence() async throws {
        let text = "All done, the file exists."
        let server = ScriptedModelServer(script: .sequence([.text(text, usage: Self.usage)]))
        try await server.withClient { client in
            let stream = try await client.stream(
                "/v1/responses",
                json: Fixtures.responses(input: [Fixtures.responsesUser("make made.txt")]),
                headers: Self.codexHeaders
            )
            #expect(stream.status == 200)
            #expect(stream.header("content-type") == "text/event-stream")
            let deltas = (text.count + 7) / 8
            let expectedNames: [String?] =
                [
                    "response.created", "response.in_progress", "response.output_item.added",
                    "response.content_part.added",
                ]
                + Array(repeating: "response.output_text.delta", count: deltas)
                + [
                    "response.output_text.done", "response.content_part.done", "response.output_item.done",
                    "response.completed",
                ]
            #expect(stream.names == expectedNames)
            for (index, event) in stream.events.enumerated() {
                #expect(event.json?["type"]?.stringValue == event.event)
                #expect(event.json?["sequence_number"]?.intValue == index)
            }
            let created = try #require(stream.payloads.first?["response"])
            #expect(created["status"] == "in_progress")
            #expect(created["id"] == "resp_scripted_1")
            #expect(created["output"] == [])
            let text2 = stream.payloads.filter { $0["type"] == "response.output_text.delta" }
                .compactMap { $0["delta"]?.stringValue }.joined()
            #expect(text2 == text)
            let itemDone = try #require(stream.payloads.first { $0["type"] == "response.output_item.done" })
            #expect(
                itemDone["item"] == [
                    "type": "message", "id": "msg_scripted_1", "status": "completed", "role": "assistant",
                    "content": [["type": "output_text", "text": .string(text), "annotations": []]],
                ]
            )
            let completed = try #require(stream.payloads.last?["response"])
            #expect(completed["status"] == "completed")
            #expect(completed["usage"] == Self.expectedUsage)
            #expect(completed["output"] == [itemDone["item"] ?? .null])
        }
    }

    @Test func functionCallThenFinalTextStreaming() async throws {
        let arguments: WireJSON = ["cmd": "printf hi > made.txt", "workdir": "/work/tree"]
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [
                .init(
                    when: .api(.openAIResponses),
                    .turn(1),
                    .offersTools("exec_command"),
                    reply: .toolCall("exec_command", arguments: arguments, usage: Self.usage)
                ),
                .init(
                    when: .toolResult(for: "exec_command", contains: "Process exited with code 0"),
                    reply: .text("All done.")
                ),
            ])
        )
        try await server.withClient { client in
            let first = try await client.stream(
                "/v1/responses",
                json: Fixtures.responses(input: [Fixtures.responsesUser("make made.txt")]),
                headers: Self.codexHeaders
            )
            #expect(
                first.names == [
                    "response.created", "response.in_progress", "response.output_item.added",
                    "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                    "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                    "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                    "response.function_call_arguments.delta", "response.function_call_arguments.done",
                    "response.output_item.done", "response.completed",
                ]
            )
            let added = try #require(first.payloads.first { $0["type"] == "response.output_item.added" })
            #expect(added[path: "item", "status"] == "in_progress")
            #expect(added[path: "item", "arguments"] == "")
            let done = try #require(first.payloads.first { $0["type"] == "response.output_item.done" })
            let item = try #require(done["item"])
            #expect(
                item == [
                    "type": "function_call", "id": "fc_scripted_1_1", "call_id": "call_scripted_1_1",
                    "name": "exec_command", "arguments": .string(arguments.serialized), "status": "completed",
                ]
            )
            let fragments = first.payloads.filter { $0["type"] == "response.function_call_arguments.delta" }
            #expect(fragments.allSatisfy { $0["item_id"] == "fc_scripted_1_1" && $0["output_index"] == 0 })
            #expect(try WireJSON(parsing: fragments.compactMap { $0["delta"]?.stringValue }.joined()) == arguments)
            #expect(first.payloads.last?[path: "response", "usage"] == Self.expectedUsage)

            let second = try await client.stream(
                "/v1/responses",
                json: Fixtures.responses(input: [
                    Fixtures.responsesUser("make made.txt"),
                    Fixtures.responsesCall(
                        callID: "call_scripted_1_1",
                        name: "exec_command",
                        arguments: arguments.serialized
                    ),
                    Fixtures.responsesOutput(
                        callID: "call_scripted_1_1",
                        output: "Chunk ID: 1\nWall time: 0.1s\nProcess exited with code 0\n"
                    ),
                ])
            )
            let message = try #require(second.payloads.first { $0["type"] == "response.output_item.done" })
            #expect(message[path: "item", "content", 0, "text"] == "All done.")
            #expect(second.payloads.last?["type"] == "response.completed")
        }
        #expect(server.unusedRules.isEmpty)
        let requests = server.requests(for: .openAIResponses)
        #expect(requests.map { $0.modelRequest?.turn } == [1, 2])
        #expect(requests.first?.systemPrompt == "You are Codex, a coding agent.\n\nSandbox: workspace-write.")
        #expect(requests.first?.headers["originator"] == "codex_exec")
        #expect(requests.first?.headers["authorization"] == "Bearer <redacted>")
    }

    @Test func nonStreamingResponseObject() async throws {
        let server = ScriptedModelServer(
            script: .sequence([.toolCall("exec_command", arguments: ["cmd": "ls"], text: "Listing.", usage: Self.usage)]
            )
        )
        try await server.withClient { client in
            let reply = try await client.post(
                "/v1/responses",
                json: Fixtures.responses(input: [Fixtures.responsesUser("list")], stream: false)
            )
            #expect(reply.status == 200)
            let response = try reply.json()
            #expect(response["object"] == "response")
            #expect(response["status"] == "completed")
            #expect(response["incomplete_details"] == .null)
            #expect(response["usage"] == Self.expectedUsage)
            #expect(response[path: "output", 0, "type"] == "message")
            #expect(response[path: "output", 0, "content", 0, "text"] == "Listing.")
            #expect(response[path: "output", 1, "type"] == "function_call")
            #expect(response[path: "output", 1, "arguments"] == #"{"cmd":"ls"}"#)
        }
    }

    @Test func maxTokensEndsWithResponseIncomplete() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("trunc", stopReason: .maxTokens)]))
        try await server.withClient { client in
            let stream = try await client.stream(
                "/v1/responses",
                json: Fixtures.responses(input: [Fixtures.responsesUser("go")])
            )
            #expect(stream.names.last == "response.incomplete")
            #expect(stream.payloads.last?[path: "response", "status"] == "incomplete")
            #expect(stream.payloads.last?[path: "response", "incomplete_details"] == ["reason": "max_output_tokens"])
        }
    }

    @Test func stringInputAndMissingFunctionOutput() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [.init(when: .lastMessage(contains: "plain string"), reply: .text("ok"))])
        )
        try await server.withClient { client in
            let plain = try await client.post(
                "/v1/responses",
                json: ["model": "codex-scripted", "input": "a plain string prompt", "stream": false]
            )
            #expect(plain.status == 200)
            let dangling = try await client.post(
                "/v1/responses",
                json: Fixtures.responses(input: [
                    Fixtures.responsesUser("go"),
                    Fixtures.responsesCall(callID: "call_x", name: "exec_command", arguments: "{}"),
                ])
            )
            #expect(dangling.status == 400)
            #expect(try dangling.json()[path: "error", "message"] == "No tool output found for function call call_x.")
        }
    }
}
