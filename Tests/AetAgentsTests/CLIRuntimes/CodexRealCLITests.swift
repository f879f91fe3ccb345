import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation
import Testing

/// The real Codex binary (pip `openai-codex-cli-bin` or `codex` on PATH) driven by the `codex`
/// runtime against the scripted model server's Responses API: "real CLI + scripted model".
/// Disabled, with a printed `skipped:` line, when the binary is absent.
@Suite(
    "Codex, real CLI + scripted model",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.codex, "Codex (codex)"))
)
struct CodexRealCLITests {
    /// Runs `request` with the real binary pointed at `server`, running it for the call.
    static func run(
        _ request: AgentRunRequest,
        bench: CLIBench,
        server: ScriptedModelServer
    ) async throws
        -> AgentOutcome
    {
        try await server.withRunning { baseURL in
            let runtime = CodexRuntime(
                configuration: bench.configuration(
                    executable: InstalledAgentCLIs.codex,
                    hostExtra: [
                        "OPENAI_BASE_URL": baseURL.absoluteString + "/v1", "OPENAI_API_KEY": "sk-test-scripted-key",
                    ]
                )
            )
            return try await runtime.run(request, events: AgentEventRecorder().record)
        }
    }

    /// A server for `scripted-model` with `rules`.
    static func server(_ rules: [ScriptedModel.Rule]) -> ScriptedModelServer {
        ScriptedModelServer(script: ScriptedModel(models: ["scripted-model"], rules: rules))
    }

    @Test("a scripted exec_command call writes a file in the worktree; usage and the rollout are reported")
    func writesAFile() async throws {
        try await CLIBench.with { bench in
            let server = Self.server([
                .init(
                    "shell",
                    when: .offersTools("exec_command"),
                    .turn(1),
                    reply: .toolCall("exec_command", arguments: ["cmd": "printf 'hi\\n' > hello.txt"])
                ),
                .init("done", when: .toolResult(for: "exec_command"), reply: .text("All done.")),
            ])
            let outcome = try await Self.run(bench.request(model: "scripted-model"), bench: bench, server: server)
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            #expect(try bench.read(bench.worktree + "/hello.txt") == "hi\n")
            #expect(outcome.finalText == "All done.")
            #expect(server.unusedRules.isEmpty)
            #expect(outcome.usageReported)
            #expect(outcome.usage.input + outcome.usage.cacheRead >= 200, "two scripted calls of 100 input tokens")
            #expect(outcome.cost == .unknown)
            let transcript = try #require(outcome.artifacts.transcript)
            #expect(transcript.contains("/codex-home/sessions/"))
            let rollout = try bench.read(transcript)
            #expect(rollout.contains("All done."))
            // The role's instructions reached the model through config.toml.
            let first = try #require(server.requests(for: .openAIResponses).first)
            #expect(first.bodyText.contains("You are the developer."))
        }
    }

    @Test("with an output schema, the final message is the structured output")
    func structuredVerdict() async throws {
        try await CLIBench.with { bench in
            let server = Self.server([
                .init("verdict", when: .turn(1), reply: .text(#"{"verdict":"reject","summary":"Tests missing."}"#))
            ])
            let outcome = try await Self.run(bench.reviewRequest(model: "scripted-model"), bench: bench, server: server)
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            #expect(outcome.structuredOutput == #"{"summary":"Tests missing.","verdict":"reject"}"#)
            let request = try #require(server.requests(for: .openAIResponses).first)
            #expect(request.bodyText.contains("Tests") == false, "the schema, not the answer, went to the model")
            #expect(request.bodyText.contains("verdict"), "Codex sent the output schema")
        }
    }
}
