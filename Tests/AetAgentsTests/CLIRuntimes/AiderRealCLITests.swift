import AetAgents
import AetModels
import AetTesting
import Foundation
import Testing

/// The real aider (pip `aider-chat`) driven by the `aider` runtime against the scripted model
/// server's OpenAI Chat API: "real CLI + scripted model". Disabled, with a printed `skipped:` line,
/// when aider is absent.
@Suite(
    "aider, real CLI + scripted model",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.aider, "aider"))
)
struct AiderRealCLITests {
    @Test("a scripted SEARCH/REPLACE reply creates the file; tokens reported, cost unknown for an unknown model")
    func editsAFile() async throws {
        try await CLIBench.with { bench in
            let server = ScriptedModelServer(
                script: ScriptedModel(
                    rules: [
                        .init(
                            "edit", when: .lastMessage(contains: "Create hello.txt"),
                            reply: .aiderCreatingFile("hello.txt", line: "hi from aider"))
                    ]
                )
            )
            let outcome = try await server.withRunning { baseURL in
                let runtime = AiderRuntime(
                    configuration: bench.configuration(
                        executable: InstalledAgentCLIs.aider,
                        hostExtra: [
                            "OPENAI_API_BASE": baseURL.absoluteString + "/v1", "OPENAI_API_KEY": "sk-test-scripted-key",
                        ],
                        extraArguments: ["--edit-format", "diff"]
                    )
                )
                return try await runtime.run(
                    bench.request(model: "openai/scripted-model"),
                    events: AgentEventRecorder().record
                )
            }
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings) \(outcome.finalText)")
            #expect(try bench.read(bench.worktree + "/hello.txt") == "hi from aider\n")
            #expect(server.unusedRules.isEmpty)
            #expect(outcome.usageReported)
            #expect(outcome.usage.output == 20, "the scripted reply's 20 output tokens")
            #expect(outcome.cost == .unknown, "no price for an unknown model: unknown, never 0")
            #expect(outcome.finalText.contains("Applied edit to hello.txt"))
            let request = try #require(server.requests(for: .openAIChat).last)
            #expect(request.bodyText.contains("You are the developer."), "instructions travel in the prompt file")
            #expect(outcome.artifacts.transcript.map { FileManager.default.fileExists(atPath: $0) } == true)
        }
    }
}
