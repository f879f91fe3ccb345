import AetCore
import AetStore
import AetWorkspace
import Foundation
import Testing

/// `aet process` and `aet doctor` when no usable agent is there: no `claude` on PATH, or a Claude
/// Code that says "Not logged in". The ticket is not retried or dead-lettered: `aet process` stops
/// with exit 2 and one sentence, and the stage runs again once the runtime is fixed.
@Suite("Runtime readiness on the command line")
struct RuntimeReadinessCommandTests {
    /// A `bin` directory holding only `git` (so PATH has no agent CLI).
    static func gitOnlyPath(_ project: GitProject) throws -> String {
        let bin = project.home + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/git", withDestinationPath: "/usr/bin/git")
        return bin
    }

    /// A fake `claude` in `bin` that answers `--version`, counts its runs and prints Claude Code's
    /// "Not logged in" result.
    static func notLoggedInClaude(in bin: String, counter: String) throws {
        let line =
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"num_turns":1,"result":"Not logged in · Please run /login","session_id":"s","total_cost_usd":0,"usage":{"input_tokens":0,"output_tokens":0},"terminal_reason":"api_error"}"#
        let script = """
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo '2.1.0 (Claude Code)'; exit 0; fi
            cat > /dev/null
            echo run >> '\(counter)'
            printf '%s\\n' '\(line)'
            exit 1

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: bin + "/claude"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/claude")
    }

    static func ticket(_ project: GitProject) async throws -> (TicketState, [DomainEvent]) {
        let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
        defer { try? store.close() }  // best effort: the test only read
        let ticket = try #require(try await store.ticket(TicketID(1)))
        let events = try await store.readStream(.ticket(TicketID(1))).map { try $0.decoded() }
        return (ticket, events)
    }

    @Test func processWithoutClaudeOnPathStopsWithExitTwoAndLeavesTheTicketQueued() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            #expect(await project.run("create", "Fix the typo in README.md").code == 0)
            let path = try Self.gitOnlyPath(project)
            let result = await project.run("process", variables: ["PATH": path])
            #expect(result.code == 2, "\(result.stdout)\(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "one sentence: \(result.stderr)")
            #expect(result.stderr.contains("T-1 was not started"))
            #expect(
                result.stderr.contains("claude") && result.stderr.contains("npm install -g @anthropic-ai/claude-code"))
            #expect(result.stderr.contains("runtimes.claude.executable") && result.stderr.contains("AET_RUNTIME"))
            let (ticket, events) = try await Self.ticket(project)
            #expect(ticket.status == .queued)
            #expect(!events.contains { if case .runStarted = $0 { true } else { false } })
            #expect(!events.contains { if case .stageStarted = $0 { true } else { false } })
            #expect(!FileManager.default.fileExists(atPath: project.root + "/.aet/worktrees/T-1"))
            #expect(try await project.git("branch", "--list", "aet/*").isEmpty)
        }
    }

    @Test func simpleWithoutClaudeOnPathCreatesNothingAndExitsTwo() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let path = try Self.gitOnlyPath(project)
            let result = await project.run("simple", "Fix the typo in README.md", variables: ["PATH": path])
            #expect(result.code == 2, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stderr.contains("nothing was started")
                    && result.stderr.contains("npm install -g @anthropic-ai/claude-code"))
            let show = await project.run("show", "T-1")
            #expect(
                show.code == 2 && show.stderr.contains("T-1 does not exist"), "no ticket was created: \(show.stdout)")
        }
    }

    @Test func claudeNotLoggedInIsNotRetriedAndTheStageRunsAgainNextTime() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            #expect(await project.run("create", "Fix the typo in README.md", "--mode", "simple").code == 0)
            let bin = try Self.gitOnlyPath(project)
            let counter = project.home + "/claude-runs"
            try Self.notLoggedInClaude(in: bin, counter: counter)
            let variables = ["PATH": bin + ":/usr/bin:/bin", "ANTHROPIC_API_KEY": "sk-test-not-a-real-key"]

            let first = await project.run("process", variables: variables)
            #expect(first.code == 2, "\(first.stdout)\(first.stderr)")
            #expect(first.stderr.contains("Not logged in") && first.stderr.contains("CLAUDE_CODE_OAUTH_TOKEN"))
            #expect(first.stderr.split(separator: "\n").count == 1)
            #expect(try String(contentsOfFile: counter, encoding: .utf8) == "run\n", "run once, not retried")
            var (ticket, events) = try await Self.ticket(project)
            #expect(ticket.runs.map(\.status) == [.notReady])
            #expect(ticket.status == .queued, "back in the queue, at its stage")
            #expect(ticket.currentStage == .implement && ticket.stages.map(\.status) == [.running])
            #expect(!events.contains { if case .stageFailed = $0 { true } else { false } })

            let second = await project.run("process", variables: variables)
            #expect(second.code == 2)
            #expect(try String(contentsOfFile: counter, encoding: .utf8) == "run\nrun\n")
            (ticket, events) = try await Self.ticket(project)
            #expect(ticket.runs.map(\.status) == [.notReady, .notReady])
            #expect(ticket.status == .queued)
            let status = await project.run("status")
            #expect(status.lines.first?.split(separator: " ") == ["queued", "1"], "\(status.stdout)")
            #expect(await project.run("verify-state").code == 0)
            #expect(!events.contains { if case .ticketDeadLettered = $0 { true } else { false } })
        }
    }

    @Test func doctorNamesTheCredentialsSourceAndTheFix() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            let bin = try Self.gitOnlyPath(project)
            let missing = await project.run("doctor", "--json", variables: ["PATH": bin])
            #expect(missing.code == 1)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any])
            let runtimes = try #require(object["runtimes"] as? [[String: Any]])
            let claude = try #require(runtimes.first { $0["runtime"] as? String == "claude" })
            #expect(claude["status"] as? String == "not_installed")
            #expect((claude["fix"] as? String)?.contains("npm install -g @anthropic-ai/claude-code") == true)

            try Self.notLoggedInClaude(in: bin, counter: project.home + "/unused")
            let token = "sk-ant-oat01-doctor-test-token"
            let ready = await project.run("doctor", variables: ["PATH": bin, "CLAUDE_CODE_OAUTH_TOKEN": token])
            #expect(ready.code == 0, "\(ready.stdout)")
            #expect(ready.stdout.contains("claude     ok 2.1.0 (Claude Code)"))
            #expect(ready.stdout.contains("credentials: CLAUDE_CODE_OAUTH_TOKEN"))
            #expect(!ready.stdout.contains(token) && !ready.stderr.contains(token))

            let unauthenticated = await project.run("doctor", variables: ["PATH": bin])
            #expect(unauthenticated.code == 1)
            #expect(unauthenticated.stdout.contains("claude     not authenticated"))
            #expect(unauthenticated.stdout.contains("fix: Claude Code has no credentials"))
        }
    }
}
