import AetAgents
import AetModels
import AetTesting
import Foundation
import Testing

@Suite("Native: API failures, retries and availability")
struct NativeFailureTests {
    @Test("429 with retry-after, then success: retried", arguments: [NativeProvider.anthropic, .openai])
    func rateLimitedThenSuccess(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let (outcome, server) = try await NativeScripts.run(
                .sequence([.failure(.rateLimited(retryAfterSeconds: 0)), .failure(.overloaded()), .text("ok")]),
                provider: provider,
                streaming: true,
                bench: bench
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText == "ok")
            #expect(server.requests.map(\.responseStatus) == [429, 529, 200])
        }
    }

    @Test(
        "a persistent 500 fails the run with a clear reason after the configured attempts",
        arguments: [NativeProvider.anthropic, .openai]
    )
    func persistentServerError(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let (outcome, server) = try await NativeScripts.run(
                ScriptedModel(rules: [
                    .init(reply: .failure(.serverError(message: "the backend is on fire")), uses: .repeatable)
                ]),
                provider: provider,
                streaming: false,
                bench: bench,
                attempts: 3
            )
            guard case .failed(let reason) = outcome.status else {
                Issue.record("expected failed, got \(outcome.status)")
                return
            }
            #expect(reason.contains("API answered HTTP 500"))
            #expect(reason.contains("the backend is on fire"))
            #expect(reason.hasSuffix("(after 3 attempts)"))
            #expect(!reason.contains("sk-test-secret-key"))
            #expect(server.requests.count == 3)
            #expect(outcome.turns == 0)
        }
    }

    @Test("a 401 is not retried")
    func unauthorized() async throws {
        try await NativeBench.with { bench in
            let (outcome, server) = try await NativeScripts.run(
                .sequence([.failure(.status(401, message: "invalid x-api-key"))]),
                provider: .anthropic,
                streaming: true,
                bench: bench
            )
            #expect(
                outcome.status
                    == .failed(
                        reason: "the Anthropic Messages API answered HTTP 401: authentication_error: invalid x-api-key"
                    )
            )
            #expect(server.requests.count == 1)
        }
    }

    @Test("a refused connection is retried, then fails with a clear reason")
    func connectionRefused() async throws {
        try await NativeBench.with { bench in
            // A port that was free a moment ago: bind and release through a server run.
            let server = ScriptedModelServer(script: .sequence([]))
            let url = try await server.withRunning { $0 }
            let runtime = NativeAgentRuntime(
                provider: .openai,
                configuration: NativeBench.configuration(
                    baseURL: url.absoluteString + "/v1",
                    streaming: true,
                    attempts: 2
                )
            )
            let outcome = try await runtime.run(bench.request(), events: AgentEventRecorder().record)
            guard case .failed(let reason) = outcome.status else {
                Issue.record("expected failed, got \(outcome.status)")
                return
            }
            #expect(reason.hasPrefix("cannot reach the OpenAI Chat Completions API"))
            #expect(reason.hasSuffix("(after 2 attempts)"))
        }
    }

    @Test("no key for a non-loopback base URL: not available; a loopback URL needs none")
    func availability() async throws {
        try await NativeBench.with { bench in
            let remote = NativeAgentRuntime(
                provider: .anthropic,
                configuration: .init(hostEnvironment: ["ANTHROPIC_BASE_URL": "https://models.example.com"])
            )
            let probe = await remote.probe()
            #expect(!probe.isAvailable)
            #expect(probe.reason?.contains("set ANTHROPIC_API_KEY") == true)
            #expect(probe.notes.contains("base URL https://models.example.com"))
            let outcome = try await remote.run(bench.request(), events: AgentEventRecorder().record)
            #expect(outcome.status == .notAvailable(reason: try #require(probe.reason)))

            let local = NativeAgentRuntime(
                provider: .openai,
                configuration: .init(hostEnvironment: ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
            )
            #expect(await local.probe().isAvailable)
            let keyed = NativeAgentRuntime(
                provider: .openai,
                configuration: .init(hostEnvironment: ["OPENAI_API_KEY": "sk-live-1234567890"])
            )
            let keyedProbe = await keyed.probe()
            #expect(keyedProbe.isAvailable)
            #expect(keyedProbe.notes.contains("base URL https://api.openai.com/v1"))
            #expect(!keyedProbe.notes.joined().contains("sk-live"))
            #expect(keyed.id == .openai)
            #expect(remote.id == .anthropic)
        }
    }

    @Test("a relative worktree is a setup error")
    func relativeWorktree() async throws {
        try await NativeBench.with { bench in
            let runtime = NativeAgentRuntime(id: .anthropic, client: RecordedModelClient(turns: []), defaultModel: "m")
            await #expect(throws: RuntimeError.invalidRequest()) {
                try await runtime.run(bench.request(worktree: "relative/dir"), events: AgentEventRecorder().record)
            }
        }
    }
}
