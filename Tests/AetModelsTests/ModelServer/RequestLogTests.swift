import AetCore
import AetModels
import Testing

@Suite("Scripted model server: request log, routes, redaction")
struct RequestLogTests {
    @Test func recordsWhatTheAgentWasToldWithCredentialsRedacted() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("one"), .text("two"), .text("three")]))
        try await server.withClient { client in
            _ = try await client.post(
                "/v1/messages?beta=true",
                json: Fixtures.anthropic(
                    system: "You are the developer.",
                    messages: [Fixtures.user("build it")],
                    tools: ["Read", "Write"]
                ),
                headers: Fixtures.anthropicHeaders
            )
            _ = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "chat"]], tools: ["read_file"]),
                headers: Fixtures.openAIHeaders + [("api-key", "azure-SECRET"), ("x-custom", "kept")]
            )
            _ = try await client.post(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("bearer")]),
                headers: [("authorization", "Bearer ollama-SECRET"), ("anthropic-version", "2023-06-01")]
            )
        }
        let log = server.requests
        #expect(log.map(\.sequence) == [1, 2, 3])
        #expect(log.map(\.method) == ["POST", "POST", "POST"])
        #expect(log.map(\.path) == ["/v1/messages", "/v1/chat/completions", "/v1/messages"])
        #expect(log[0].query == "beta=true")
        #expect(log[0].headers["x-api-key"] == "<redacted>")
        #expect(log[0].headers["anthropic-version"] == "2023-06-01")
        #expect(log[0].headers["anthropic-beta"] == "claude-code-20250219,fine-grained-tool-streaming-2025-05-14")
        #expect(log[1].headers["authorization"] == "Bearer <redacted>")
        #expect(log[1].headers["api-key"] == "<redacted>")
        #expect(log[1].headers["x-custom"] == "kept")
        #expect(log[2].headers["authorization"] == "Bearer <redacted>")
        #expect(
            log.allSatisfy { !$0.bodyText.contains("SECRET") && !$0.headers.values.contains { $0.contains("SECRET") } }
        )
        #expect(log[0].systemPrompt == "You are the developer.")
        #expect(log[0].toolNames == ["Read", "Write"])
        #expect(log[0].body?["max_tokens"] == 4096)
        #expect(log[0].modelRequest?.messages.last == .init(role: .user, parts: [.text("build it")]))
        #expect(log[1].api == .openAIChat)
        #expect(log[1].toolNames == ["read_file"])
        #expect(log.map(\.matchedRule) == ["reply 1", "reply 2", "reply 3"])
        #expect(server.requests(for: .anthropic).map(\.sequence) == [1, 3])
        #expect(server.requests(for: .openAIResponses).isEmpty)
        server.clearRequests()
        #expect(server.requests.isEmpty)
    }

    @Test func modelsProbesAndUnknownRoutes() async throws {
        let server = ScriptedModelServer(script: ScriptedModel(models: ["claude-scripted", "gpt-scripted"], rules: []))
        try await server.withClient { client in
            let models = try await client.get("/v1/models", headers: [("anthropic-version", "2023-06-01")])
            #expect(models.status == 200)
            let list = try models.json()
            #expect(list["object"] == "list")
            #expect(list["has_more"] == false)
            #expect(
                list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["claude-scripted", "gpt-scripted"]
            )
            #expect(list[path: "data", 0, "type"] == "model")
            #expect(list[path: "data", 0, "object"] == "model")
            #expect(try await client.get("/models").status == 200)
            #expect(try await client.head("/").status == 200)
            #expect(try await client.get("/").status == 200)
            #expect(try await client.head("/v1/messages").status == 200)
            let unknown = try await client.post(
                "/v1/complete",
                json: ["prompt": "x"],
                headers: [("anthropic-version", "2023-06-01")]
            )
            #expect(unknown.status == 404)
            #expect(try unknown.json()[path: "error", "type"] == "not_found_error")
            #expect(
                try unknown.json()[path: "error", "message"]
                    == "aet scripted model server: no endpoint POST /v1/complete."
            )
            let getMessages = try await client.get("/v1/messages")
            #expect(getMessages.status == 404)
            #expect(try getMessages.json()[path: "error", "code"] == "unknown_url")
            let notJSON = try await client.post("/v1/messages", rawBody: "{not json")
            #expect(notJSON.status == 400)
            #expect(try notJSON.json()[path: "error", "message"] == "The request body is not valid JSON.")
        }
        #expect(
            server.requests.map(\.endpoint) == [
                .models, .models, .probe, .probe, .probe, .unknown, .unknown, .messages,
            ]
        )
        #expect(server.requests.last?.bodyText == "{not json")
        #expect(server.requests.last?.body == nil)
    }

    @Test func concurrentRequestsAreAllRecordedAndRuleLimitsHold() async throws {
        let server = ScriptedModelServer(
            script: ScriptedModel(rules: [.init("limited", reply: .text("ok")).times(25)])
        )
        let statuses = try await server.withClient { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let body = Fixtures.anthropic(
                            messages: [Fixtures.user("request \(index)")],
                            stream: index.isMultiple(of: 2)
                        )
                        return try await client.post("/v1/messages", json: body).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        #expect(statuses.filter { $0 == 200 }.count == 25)
        #expect(statuses.filter { $0 == 400 }.count == 15)
        #expect(server.requests.map(\.sequence) == Array(1...40))
        #expect(server.requests.filter { $0.matchedRule == "limited" }.count == 25)
        #expect(Set(server.requests.compactMap { $0.modelRequest?.lastMessageText }).count == 40)
    }

    @Test func redactionKeepsOnlyTheScheme() {
        #expect(
            ScriptedModelServer.redactedHeaderValue(name: "Authorization", value: "Bearer abc") == "Bearer <redacted>"
        )
        #expect(ScriptedModelServer.redactedHeaderValue(name: "authorization", value: "abc") == "<redacted>")
        #expect(ScriptedModelServer.redactedHeaderValue(name: "X-Api-Key", value: "abc") == "<redacted>")
        #expect(ScriptedModelServer.redactedHeaderValue(name: "x-goog-api-key", value: "abc") == "<redacted>")
        #expect(ScriptedModelServer.redactedHeaderValue(name: "anthropic-version", value: "2023-06-01") == "2023-06-01")
    }
}
