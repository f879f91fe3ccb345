import AetCore
import AetModels
import Testing

@Suite("Scripted model server: scripted HTTP errors")
struct ScriptedErrorTests {
    @Test func rateLimitWithRetryAfterThenSuccessAnthropic() async throws {
        let server = ScriptedModelServer(
            script: .sequence([.failure(.rateLimited(retryAfterSeconds: 3)), .text("after the retry")])
        )
        try await server.withClient { client in
            let body = Fixtures.anthropic(messages: [Fixtures.user("hi")], stream: true)
            let limited = try await client.post("/v1/messages", json: body, headers: Fixtures.anthropicHeaders)
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "3")
            #expect(limited.header("content-type") == "application/json", "errors are JSON even for stream: true")
            #expect(
                try limited.json() == [
                    "type": "error",
                    "error": ["type": "rate_limit_error", "message": "Scripted rate limit: too many requests."],
                ]
            )
            let retried = try await client.stream("/v1/messages", json: body, headers: Fixtures.anthropicHeaders)
            #expect(retried.status == 200)
            #expect(
                retried.payloads.compactMap { $0[path: "delta", "text"]?.stringValue }.joined() == "after the retry"
            )
        }
        #expect(server.requests.map(\.responseStatus) == [429, 200])
        #expect(server.requests.first?.errorMessage == "Scripted rate limit: too many requests.")
    }

    @Test func rateLimitInOpenAIShape() async throws {
        let server = ScriptedModelServer(
            script: .sequence([
                .failure(.rateLimited(retryAfterSeconds: 1)), .failure(.rateLimited(retryAfterSeconds: nil)),
            ])
        )
        try await server.withClient { client in
            let limited = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "x"]], stream: true)
            )
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "1")
            #expect(
                try limited.json() == [
                    "error": [
                        "message": "Scripted rate limit: too many requests.", "type": "requests", "param": nil,
                        "code": "rate_limit_exceeded",
                    ]
                ]
            )
            let noHeader = try await client.post(
                "/v1/responses",
                json: Fixtures.responses(input: [Fixtures.responsesUser("x")])
            )
            #expect(noHeader.status == 429)
            #expect(noHeader.header("retry-after") == nil)
        }
    }

    @Test func serverErrorsAndOverload() async throws {
        let server = ScriptedModelServer(
            script: .sequence([
                .failure(.serverError()), .failure(.overloaded()), .failure(.serverError(message: "boom")),
                .failure(.status(401, message: "invalid x-api-key")),
            ])
        )
        try await server.withClient { client in
            let anthropic = Fixtures.anthropic(messages: [Fixtures.user("x")])
            let first = try await client.post("/v1/messages", json: anthropic)
            #expect(first.status == 500)
            #expect(try first.json()[path: "error", "type"] == "api_error")
            let second = try await client.post("/v1/messages", json: anthropic)
            #expect(second.status == 529)
            #expect(try second.json()[path: "error", "type"] == "overloaded_error")
            let third = try await client.post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "x"]])
            )
            #expect(third.status == 500)
            #expect(try third.json()[path: "error", "type"] == "server_error")
            #expect(try third.json()[path: "error", "message"] == "boom")
            let fourth = try await client.post("/v1/messages", json: anthropic)
            #expect(fourth.status == 401)
            #expect(try fourth.json()[path: "error", "type"] == "authentication_error")
        }
    }

    @Test func rawFailureBodyIsSentVerbatim() async throws {
        let server = ScriptedModelServer(
            script: .sequence([
                .failure(
                    .unsafeRaw(
                        status: 502,
                        body: "<html>Bad Gateway</html>",
                        contentType: "text/html",
                        headers: ["X-Proxy": "edge"]
                    )
                )
            ])
        )
        try await server.withClient { client in
            let reply = try await client.post("/v1/messages", json: Fixtures.anthropic(messages: [Fixtures.user("x")]))
            #expect(reply.status == 502)
            #expect(reply.text == "<html>Bad Gateway</html>")
            #expect(reply.header("content-type") == "text/html")
            #expect(reply.header("x-proxy") == "edge")
        }
    }
}
