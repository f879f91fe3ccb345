import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

/// The `codex` runtime: its command builder, decoder, and runs of a fake `codex`.
@Suite struct CodexTests {
    static let files = CLIRuntimeSamples.files(withSchema: true)

    static func request(permission: PermissionPolicy = .editWorkspace, schema: String? = nil) -> AgentRunRequest {
        CLIRuntimeSamples.request(
            instructions: "Say \"hi\"\nthen \\ stop.",
            model: "gpt-test",
            permission: permission,
            outputSchema: schema
        )
    }

    static let host = [
        "PATH": "/usr/bin", "OPENAI_API_KEY": "sk-openai-secret", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "ANTHROPIC_API_KEY": "sk-ant-secret",
    ]

    @Test(
        "permission policies map to Codex's sandbox flags",
        arguments: [
            (PermissionPolicy.readOnly, ["--sandbox", "read-only"]),
            (.editWorkspace, ["--sandbox", "workspace-write"]),
            (.editAndRunAllowlisted(["swift test"]), ["--sandbox", "workspace-write"]),
            (.fullAuto, ["--dangerously-bypass-approvals-and-sandbox"]),
        ]
    )
    func permissions(policy: PermissionPolicy, expected: [String]) {
        let invocation = CodexCommand.invocation(
            for: Self.request(permission: policy),
            files: Self.files,
            configuration: CLIRuntimeConfiguration(hostEnvironment: Self.host)
        )
        let arguments = invocation.arguments
        #expect(Array(arguments.prefix(5)) == ["exec", "--json", "--skip-git-repo-check", "-C", "/w/T-1"])
        #expect(Array(arguments[5..<(5 + expected.count)]) == expected)
        #expect(arguments.last == "-", "the prompt comes from stdin")
        #expect(invocation.standardInput == .file("/runs/r1/prompt.md"))
    }

    @Test("model, output schema, CODEX_HOME, only OpenAI variables, config.toml with provider and instructions")
    func invocation() throws {
        let invocation = CodexCommand.invocation(
            for: Self.request(schema: "{}"),
            files: Self.files,
            configuration: CLIRuntimeConfiguration(hostEnvironment: Self.host)
        )
        let text = invocation.arguments.joined(separator: " ")
        #expect(text.contains("--model gpt-test"))
        #expect(text.contains("--output-schema /runs/r1/output-schema.json"))
        #expect(!text.contains("then"), "instructions never go on argv")
        #expect(invocation.environment["CODEX_HOME"] == "/runs/r1/codex-home")
        #expect(invocation.environment["OPENAI_API_KEY"] == "sk-openai-secret")
        #expect(invocation.environment["ANTHROPIC_API_KEY"] == nil)
        let config = try #require(invocation.files["/runs/r1/codex-home/config.toml"])
        #expect(config.contains("model_provider = \"aet\""))
        #expect(config.contains(#"developer_instructions = "Say \"hi\"\nthen \\ stop.""#))
        #expect(config.contains("[model_providers.aet]"))
        #expect(config.contains(#"base_url = "http://127.0.0.1:9/v1""#))
        #expect(config.contains(#"wire_api = "responses""#))
        #expect(config.contains(#"env_key = "OPENAI_API_KEY""#))
    }

    @Test(
        "each run has its own TMPDIR beside CODEX_HOME, so Codex creates its helpers even for a repository under /tmp")
    func privateTemporaryDirectory() {
        let invocation = CodexCommand.invocation(
            for: Self.request(schema: nil),
            files: Self.files,
            configuration: CLIRuntimeConfiguration(hostEnvironment: Self.host.merging(["TMPDIR": "/runs"]) { $1 })
        )
        #expect(invocation.environment["TMPDIR"] == "/runs/r1/tmp")
        #expect(
            !CodexCommand.refusesHelperBinaries(
                codexHome: invocation.environment["CODEX_HOME"] ?? "",
                temporaryDirectory: invocation.environment["TMPDIR"]))
        #expect(invocation.warnings.isEmpty)
    }

    @Test(
        "Codex's rule: a CODEX_HOME inside the temporary directory (by path components) gets no helper binaries",
        arguments: [
            ("/tmp/repo/.aet/runs/r1/codex-home", nil, true),
            ("/tmp/repo/.aet/runs/r1/codex-home", "/tmp", true),
            ("/tmp/repo/.aet/runs/r1/codex-home", "/tmp/", true),
            ("/tmp", "/tmp", true),
            ("/tmp/repo/.aet/runs/r1/codex-home", "/tmp/repo/.aet/runs/r1/tmp", false),
            ("/tmpfoo/codex-home", "/tmp", false),
            ("/home/u/repo/.aet/runs/r1/codex-home", nil, false),
        ] as [(String, String?, Bool)])
    func helperRule(home: String, temporary: String?, refused: Bool) {
        #expect(CodexCommand.refusesHelperBinaries(codexHome: home, temporaryDirectory: temporary) == refused)
    }

    @Test("without OPENAI_BASE_URL there is no provider entry")
    func noBaseURL() {
        let config = CodexCommand.configTOML(instructions: "", baseURL: nil)
        #expect(!config.contains("model_provider"))
        #expect(!config.contains("developer_instructions"))
        #expect(CodexCommand.tomlString("a\u{1}b") == #""a\u0001b""#)
    }

    @Test("the decoder: thread, commands, file changes, final message, usage as a cumulative sample")
    func decoder() {
        var output = CodexOutput()
        var events: [AgentEvent] = []
        var usage: [CLILineReport.UsageReport] = []
        for line in CodexFixtures.successfulRun {
            let report = output.consume(OutputLine(stream: .standardOutput, bytes: Array(line.utf8)))
            events += report.events
            usage += report.usage
        }
        #expect(output.threadID == CodexFixtures.thread)
        #expect(output.lastAgentMessage == "All done.")
        #expect(output.completedTurns == 1)
        #expect(output.turnFailure == nil)
        #expect(events.contains(.commandRan(command: "/bin/bash -lc 'printf hi > made.txt'", exitCode: 0)))
        #expect(events.contains(.fileChanged(path: "/w/T-3/a.swift", kind: .modified)))
        #expect(events.contains(.fileChanged(path: "/w/T-3/b.swift", kind: .created)))
        #expect(events.contains(.assistantText("All done.", isFinal: true)))
        #expect(events.contains { if case .warning(let text) = $0 { text.contains("Model metadata") } else { false } })
        #expect(
            usage == [
                .init(
                    sample: UsageSample(tokens: TokenUsage(input: 2000, output: 60, cacheRead: 400)),
                    cumulative: true
                )
            ]
        )
    }

    @Test("success through a fake codex; a Reconnecting error is only a warning")
    func success() async throws {
        try await CLIBench.with { bench in
            let runtime = CodexRuntime(configuration: bench.configuration())
            var lines = CodexFixtures.successfulRun
            lines.insert(CodexFixtures.reconnecting, at: 2)
            let recorder = AgentEventRecorder()
            let outcome = try await bench.run(runtime, knobs: try bench.output(lines), recorder: recorder)
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText == "All done.")
            #expect(outcome.sessionID == CodexFixtures.thread)
            #expect(outcome.usage == TokenUsage(input: 2000, output: 60, cacheRead: 400))
            #expect(outcome.usageReported)
            #expect(outcome.cost == .unknown)
            #expect(recorder.warnings.contains { $0.contains("Reconnecting") })
            #expect(try bench.read(bench.seenStandardInput) == "Create hello.txt.")
            #expect(FileManager.default.fileExists(atPath: bench.runDirectory + "/codex-home/config.toml"))
        }
    }

    @Test("turn.failed fails the run with Codex's message")
    func turnFailed() async throws {
        try await CLIBench.with { bench in
            let runtime = CodexRuntime(configuration: bench.configuration())
            let knobs = try bench.output(
                [CodexFixtures.successfulRun[0], #"{"type":"turn.started"}"#, CodexFixtures.turnFailed],
                exit: 1
            )
            let outcome = try await bench.run(runtime, knobs: knobs)
            #expect(
                outcome.status
                    == .failed(reason: "Codex's turn failed: unexpected status 401 Unauthorized: invalid api key")
            )
        }
    }

    @Test("exit 0 without turn.completed, a non-zero exit, a signal: crashes")
    func crashes() async throws {
        try await CLIBench.with { bench in
            let runtime = CodexRuntime(configuration: bench.configuration())
            try await bench.expectStatuses(
                of: runtime,
                [
                    (try bench.output(["garbage", #"{"type":"turn.started"}"#]), .crashed(exitCode: 0, signal: nil)),
                    (["FAKE_EXIT": "2", "FAKE_STDERR": "error: bad config"], .crashed(exitCode: 2, signal: nil)),
                    (["FAKE_SIGNAL": "KILL"], .crashed(exitCode: nil, signal: 9)),
                ]
            )
        }
    }

    @Test("turn usage over maxTokens stops a hanging codex: budgetExceeded")
    func budget() async throws {
        try await CLIBench.with { bench in
            let runtime = CodexRuntime(configuration: bench.configuration())
            let knobs = try bench.output(
                [CodexFixtures.successfulRun[0], CodexFixtures.turnCompleted(input: 9000, cached: 1000, output: 500)],
                hang: true
            )
            let outcome = try await bench.run(runtime, knobs: knobs, limits: CLIBench.budget(maxTokens: 5000))
            #expect(outcome.status == .budgetExceeded("tokens: 9500 used, limit 5000"))
        }
    }

    @Test("a missing binary is notAvailable")
    func missing() async throws {
        try await CLIBench.with { bench in
            let runtime = CodexRuntime(configuration: bench.configuration(executable: bench.root + "/no/codex"))
            try await bench.expectNotAvailable(runtime)
            #expect(await !runtime.probe().isAvailable)
        }
    }
}
