import AetAgents
import AetCore
import AetModels
import AetScheduler
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// The real Claude Code CLI (the binary bundled in PyPI's `claude-agent-sdk`, or `claude` on PATH)
/// working a full-mode ticket through every stage, pointed at the scripted model server. Only the
/// model's words are scripted: Claude Code's tools, permissions and output, the worktree, the
/// verdicts, the test gate and the merge are real. Disabled, with a printed `skipped:` line, when
/// the binary is absent (.ci/run installs it).
@Suite("Real Claude Code through the pipeline", .enabled(if: RealClaude.present))
struct RealClaudePipelineTests {
    @Test func aFullTicketWithAReviewReworkAndAFailingTestIsMerged() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file hello.txt")
            let file = fixture.manager().worktreePath(for: id) + "/hello.txt"
            let server = ScriptedModelServer(script: RealClaude.script(file: file))
            try await server.withRunning { baseURL in
                var settings = SchedulerSettings(retryBackoff: .zero)
                settings.testCommand =
                    "grep -q again hello.txt || { echo 'FAIL: hello.txt must say again' >&2; exit 1; }"
                var environment = try fixture.stageEnvironment(agents: [:], settings: settings)
                environment.roles = try RoleSet(
                    DefaultRoles.files.map { try Role(parsing: $0.text, path: $0.fileName) })
                environment.runtimes = RealClaude(
                    executable: try InstalledAgentCLIs.require(RealClaude.executable, "Claude Code"),
                    hostEnvironment: fixture.environment.merging([
                        "ANTHROPIC_BASE_URL": baseURL.absoluteString, "ANTHROPIC_API_KEY": "sk-test-scripted",
                    ]) { $1 })
                let report = try await PipelineRunner(environment: environment).run(RunnerOptions())
                let ticket = try await fixture.ticket(id)
                #expect(
                    report.tickets[id] == .completed,
                    "\(ticket.lastError ?? "") \(ticket.runs.map { "\($0.id): \($0.status) \($0.reason ?? "")" })")
                #expect(ticket.stages.map(\.name) == [.plan, .design, .implement, .review, .test, .integrate])
                #expect(
                    ticket.runs.map(\.stage) == [
                        .plan, .design, .implement, .review, .implement, .review, .test, .implement, .review, .test,
                        .integrate,
                    ])
                #expect(ticket.runs.filter { $0.runtime == "claude" }.count == 9)
                #expect(ticket.reworks == 2)
                #expect(
                    ticket.runs.filter { $0.runtime == "claude" }.allSatisfy { $0.costMicros != nil && $0.tokensIn > 0 }
                )
                // The reviewer sent it back once, the test gate once, with their feedback.
                let sentBack = try await fixture.events(id).compactMap { event -> StageSentBack? in
                    if case .stageSentBack(let p) = event { return p } else { return nil }
                }
                #expect(sentBack.map(\.stage) == [.review, .test])
                #expect(sentBack.first?.feedback.contains("say hello to the world") == true)
                #expect(sentBack.last?.feedback.contains("FAIL: hello.txt must say again") == true)
                // Claude Code really wrote the file; the result is on main.
                #expect(try await fixture.run(["show", "main:hello.txt"]) == "hello world again")
                #expect(ticket.status == .completed)
            }
        }
    }
}

/// Claude Code for every agent role, the project's test command for the tester.
struct RealClaude: RuntimeProvider {
    static let executable = InstalledAgentCLIs.claude
    static var present: Bool { InstalledAgentCLIs.present(executable, "Claude Code (claude)") }

    var executable: String
    var hostEnvironment: [String: String]

    func runtime(for role: Role, stage: Pipeline.Stage, testCommand: String?) throws -> any AgentRuntime {
        if role.runsProjectTestCommand {
            return try ShellCommand.testRuntime(
                testCommand ?? "false", configuration: .init(hostEnvironment: hostEnvironment))
        }
        return ClaudeRuntime(
            configuration: CLIRuntimeConfiguration(hostEnvironment: hostEnvironment, executable: executable))
    }

    /// The model's side of the ticket: plan, design, write hello.txt, a review asking for more, a
    /// rework, an approval, a failing test, a second rework, an approval, the merge description.
    static func script(file: String) -> ScriptedModel {
        ScriptedModel(
            models: ["claude-scripted"], strictness: .fallback(.text("(unscripted request)")),
            rules: [
                .init(
                    "test rework: read", when: .lastMessage(contains: "Feedback you must address"),
                    .lastMessage(contains: "must say again"),
                    reply: .toolCall("Read", arguments: ["file_path": .string(file)])),
                .init(
                    "test rework: write", when: .conversation(contains: "must say again"), .toolResult(for: "Read"),
                    reply: .toolCall(
                        "Write", arguments: ["file_path": .string(file), "content": "hello world again\n"])),
                .init(
                    "review rework: read", when: .lastMessage(contains: "Feedback you must address"),
                    reply: .toolCall("Read", arguments: ["file_path": .string(file)])),
                .init(
                    "review rework: write", when: .conversation(contains: "Feedback you must address"),
                    .toolResult(for: "Read"),
                    reply: .toolCall("Write", arguments: ["file_path": .string(file), "content": "hello world\n"])),
                .init(
                    "implement", when: .lastMessage(contains: "## Your stage: implement"),
                    reply: .toolCall("Write", arguments: ["file_path": .string(file), "content": "hello\n"])),
                .init("written", when: .toolResult(for: "Write"), reply: .text("Wrote hello.txt."), uses: .repeatable),
                .init(
                    "review: changes", when: .lastMessage(contains: "## Your stage: review"),
                    .offersTools("StructuredOutput"),
                    reply: .toolCall(
                        "StructuredOutput",
                        arguments: ["verdict": "request_changes", "reasons": ["say hello to the world"]])),
                .init(
                    "review: approve", when: .lastMessage(contains: "## Your stage: review"),
                    .offersTools("StructuredOutput"),
                    reply: .toolCall("StructuredOutput", arguments: ["verdict": "approve", "reasons": []]),
                    uses: .repeatable),
                .init(
                    "plan", when: .lastMessage(contains: "## Your stage: plan"),
                    reply: .text("Plan:\n1. Write hello.txt. Files: hello.txt (new).")),
                .init(
                    "design", when: .lastMessage(contains: "## Your stage: design"),
                    reply: .text("Design: one text file.")),
                .init(
                    "integrate", when: .lastMessage(contains: "## Your stage: integrate"),
                    reply: .text("Add hello.txt\n\nA greeting.")),
            ])
    }
}
