import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation

/// Scripts and helpers shared by the native runtime tests.
enum NativeScripts {
    /// write_file hello.txt → edit_file world→aet → a final text.
    static func writeThenEdit() -> ScriptedModel {
        ScriptedModel(rules: [
            .init(
                "write",
                when: .turn(1),
                reply: .toolCall("write_file", arguments: ["path": "hello.txt", "content": "Hello, world\n"])
            ),
            .init(
                "edit",
                when: .toolResult(for: "write_file", contains: "created"),
                reply: .toolCall(
                    "edit_file",
                    arguments: ["path": "hello.txt", "old_string": "world", "new_string": "aet"],
                    text: "Now the greeting."
                )
            ),
            .init(
                "done",
                when: .toolResult(for: "edit_file", contains: "Replaced 1"),
                reply: .text("Created hello.txt and greeted aet.", usage: .init(input: 150, output: 30, cacheRead: 50))
            ),
        ])
    }

    /// The base URL a provider's client wants for a scripted server.
    static func baseURL(_ server: URL, for provider: NativeProvider) -> String {
        provider == .openai ? server.absoluteString + "/v1" : server.absoluteString
    }

    /// The wire API of a provider.
    static func api(_ provider: NativeProvider) -> ModelWireAPI {
        provider == .openai ? .openAIChat : .anthropic
    }

    /// Runs `script` with a provider's runtime against a scripted server.
    static func run(
        _ script: ScriptedModel,
        provider: NativeProvider,
        streaming: Bool,
        bench: NativeBench,
        request: AgentRunRequest? = nil,
        prices: PriceTable = .standard,
        attempts: Int = 3,
        log: AgentEventRecorder = AgentEventRecorder()
    ) async throws -> (AgentOutcome, ScriptedModelServer) {
        let server = ScriptedModelServer(script: script)
        let outcome = try await server.withRunning { url in
            let runtime = NativeAgentRuntime(
                provider: provider,
                configuration: NativeBench.configuration(
                    baseURL: baseURL(url, for: provider),
                    streaming: streaming,
                    prices: prices,
                    attempts: attempts
                )
            )
            return try await runtime.run(request ?? bench.request(), events: log.record)
        }
        return (outcome, server)
    }
}
