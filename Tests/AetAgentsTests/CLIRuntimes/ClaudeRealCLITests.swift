import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation
import Testing

/// The real Claude Code binary (pip `claude-agent-sdk` bundle or `claude` on PATH) driven by the
/// `claude` runtime against the scripted model server: "real CLI + scripted model". Disabled, with
/// a printed `skipped:` line, when the binary is absent.
@Suite(
    "Claude Code, real CLI + scripted model",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.claude, "Claude Code (claude)"))
)
struct ClaudeRealCLITests {
    /// Runs `request` with the real binary pointed at `server`, running it for the call.
    static func run(
        _ request: AgentRunRequest,
        bench: CLIBench,
        server: ScriptedModelServer,
        recorder: AgentEventRecorder = AgentEventRecorder()
    ) async throws -> AgentOutcome {
        try await server.withRunning { baseURL in
            let runtime = ClaudeRuntime(
                configuration: bench.configuration(
                    executable: InstalledAgentCLIs.claude,
                    hostExtra: [
                        "ANTHROPIC_BASE_URL": baseURL.absoluteString, "ANTHROPIC_API_KEY": "sk-test-scripted-key",
                    ]
                )
            )
            var request = request
            request.environment["CLAUDE_CODE_MAX_RETRIES"] = "0"  // a script mistake fails at once
            return try await runtime.run(request, events: recorder.record)
        }
    }

    /// A server for the `claude-scripted` model that answers requests no rule matches with a text.
    static func lenientServer(_ rules: [ScriptedModel.Rule]) -> ScriptedModelServer {
        ScriptedModelServer(
            script: ScriptedModel(
                models: ["claude-scripted"],
                strictness: .fallback(.text("(unscripted request)")),
                rules: rules
            )
        )
    }

    @Test("a Write tool call creates the file; success, usage, cost and the transcript are reported")
    func writesAFile() async throws {
        try await CLIBench.with { bench in
            let path = bench.worktree + "/hello.txt"
            let server = Self.lenientServer([
                .init("write", when: .offersTools("Write"), .turn(1), .lastMessage(contains: "Create hello.txt")) { _ in
                    .toolCall("Write", arguments: ["file_path": "\(path)", "content": "hi\n"])
                },
                .init("done", when: .toolResult(for: "Write"), reply: .text("Created hello.txt. DONE")),
            ])
            let recorder = AgentEventRecorder()
            let outcome = try await Self.run(
                bench.request(model: "claude-scripted"),
                bench: bench,
                server: server,
                recorder: recorder
            )
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            #expect(try bench.read(path) == "hi\n")
            #expect(outcome.finalText.contains("DONE"))
            #expect(server.unusedRules.isEmpty)
            #expect(outcome.usageReported)
            #expect(outcome.usage.input >= 200, "two scripted calls of 100 input tokens each")
            #expect(outcome.usage.output >= 40)
            #expect(outcome.cost.source == .reported)
            #expect(outcome.turns == 2)
            let transcript = try #require(outcome.artifacts.transcript)
            #expect(try bench.read(transcript).contains("Created hello.txt"))
            #expect(recorder.all.contains(.fileChanged(path: path, kind: .created)))
            // The role's instructions reached the system prompt through the file flag.
            let first = try #require(server.requests(for: .anthropic).first)
            #expect(first.systemPrompt.contains("You are the developer."))
            #expect(first.headers["x-api-key"] == "<redacted>")
        }
    }

    @Test("secrets the agent printed are redacted in its own transcript, the logs and the final text")
    func transcriptIsRedacted() async throws {
        try await CLIBench.with { bench in
            let shaped = "sk-ant-api03-" + String(repeating: "Q", count: 24)
            let leak =
                "Found sk-test-scripted-key and \(shaped), Authorization: Bearer abcdefghijklmnopqrstuv, "
                + "postgres://aet:pw-123456@db/x. DONE"
            let server = Self.lenientServer([.init("leak", when: .turn(1), reply: .text(leak))])
            let outcome = try await Self.run(bench.request(model: "claude-scripted"), bench: bench, server: server)
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            let transcript = try bench.read(try #require(outcome.artifacts.transcript))
            let log = try bench.read(try #require(outcome.artifacts.standardOutputLog))
            for text in [transcript, log, outcome.finalText] {
                for secret in ["sk-test-scripted-key", shaped, "abcdefghijklmnopqrstuv", "pw-123456"] {
                    #expect(!text.contains(secret), "\(secret)")
                }
                #expect(text.contains("[REDACTED]"))
            }
            #expect(outcome.finalText.contains("Bearer [REDACTED]"))
            #expect(outcome.finalText.contains("postgres://aet:[REDACTED]@db/x"))
        }
    }

    @Test("a reviewer with an output schema returns its structured verdict")
    func structuredVerdict() async throws {
        try await CLIBench.with { bench in
            let server = Self.lenientServer([
                .init(
                    "verdict",
                    when: .offersTools("StructuredOutput"),
                    .turn(1),
                    reply: .toolCall(
                        "StructuredOutput",
                        arguments: ["verdict": "approve", "summary": "The change matches the ticket."]
                    )
                )
                // Claude Code ends the run on the StructuredOutput call: no further request.
            ])
            let outcome = try await Self.run(
                bench.reviewRequest(model: "claude-scripted"),
                bench: bench,
                server: server
            )
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            let json = try #require(outcome.structuredOutput)
            let verdict = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
            #expect(verdict == ["verdict": "approve", "summary": "The change matches the ticket."])
            #expect(server.unusedRules.isEmpty)
        }
    }

    @Test("an HTTP 401 from the endpoint is 'not authenticated', naming the status and what to set")
    func apiError() async throws {
        try await CLIBench.with { bench in
            let server = ScriptedModelServer(
                script: ScriptedModel(
                    models: ["claude-scripted"],
                    rules: [.init("refuse", reply: .failure(.status(401, message: "invalid x-api-key"))).repeatable()]
                )
            )
            let outcome = try await Self.run(bench.request(model: "claude-scripted"), bench: bench, server: server)
            guard case .notAuthenticated(let reason) = outcome.status else {
                Issue.record("expected not authenticated, got \(outcome.status)")
                return
            }
            #expect(reason.contains("401"))
            #expect(reason.contains("CLAUDE_CODE_OAUTH_TOKEN"))
            #expect(outcome.exitStatus == .exited(1))
        }
    }
}
