import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

/// The `aider` runtime: its command builder, its text decoder, and runs of a fake `aider`.
@Suite struct AiderTests {
    static func invocation(_ permission: PermissionPolicy, host: [String: String] = [:]) -> CLIInvocation {
        AiderCommand.invocation(
            for: CLIRuntimeSamples.request(model: "openai/gpt-test", permission: permission),
            files: CLIRuntimeSamples.files(),
            configuration: CLIRuntimeConfiguration(hostEnvironment: host, extraArguments: ["--edit-format", "diff"])
        )
    }

    @Test("one message from a file, no commits, histories in the run directory, stdin closed")
    func arguments() {
        let invocation = Self.invocation(.editWorkspace)
        let arguments = invocation.arguments
        #expect(Array(arguments.prefix(2)) == ["--message-file", "/runs/r1/prompt.md"])
        for flag in [
            "--yes-always", "--no-auto-commits", "--no-dirty-commits", "--no-gitignore", "--no-suggest-shell-commands",
        ] {
            #expect(arguments.contains(flag))
        }
        #expect(arguments.contains("/runs/r1/aider/chat-history.md"))
        #expect(arguments.suffix(2) == ["--edit-format", "diff"])
        #expect(arguments.joined(separator: " ").contains("--model openai/gpt-test"))
        #expect(!arguments.contains("--dry-run"))
        #expect(invocation.standardInput == .closed)
        #expect(Self.invocation(.readOnly).arguments.contains("--dry-run"))
        #expect(!Self.invocation(.fullAuto).arguments.contains("--no-suggest-shell-commands"))
        #expect(Self.invocation(.editAndRunAllowlisted(["swift test"])).warnings.count == 1)
    }

    @Test("only the model variables pass; OPENAI_BASE_URL also becomes OPENAI_API_BASE; no price download")
    func environment() {
        let environment = Self.invocation(
            .editWorkspace,
            host: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-x", "GEMINI_API_KEY": "g"]
        ).environment
        #expect(environment["OPENAI_API_BASE"] == "http://127.0.0.1:9/v1")
        #expect(environment["OPENAI_API_KEY"] == "sk-x")
        #expect(environment["GEMINI_API_KEY"] == nil)
        #expect(environment["LITELLM_LOCAL_MODEL_COST_MAP"] == "True")
    }

    @Test(
        "Tokens lines, with aider's rounding and cache counts",
        arguments: [
            ("Tokens: 2.3k sent, 20 received.", TokenUsage(input: 2300, output: 20)),
            (
                "Tokens: 980 sent, 1.2k received. Cost: $0.01 message, $0.02 session.",
                TokenUsage(input: 980, output: 1200)
            ),
            (
                "Tokens: 12k sent, 1.0k cache write, 3.5k cache hit, 300 received.",
                TokenUsage(input: 11000, output: 300, cacheRead: 3500, cacheWrite: 1000)
            ),
        ]
    )
    func tokens(line: String, expected: TokenUsage) {
        #expect(AiderOutput.tokens(in: line) == expected)
    }

    @Test func costAndNoise() {
        #expect(AiderOutput.sessionCost(in: "Cost: $0.0012 message, $0.05 session.") == 50_000)
        #expect(AiderOutput.sessionCost(in: "Cost: $0.00 message, $0.00 session.") == 0)
        #expect(AiderOutput.tokens(in: "Tokens are fun") == nil)
        #expect(AiderOutput.tokens(in: "Repo-map: using 1024 tokens, auto refresh") == nil)
    }

    static let successfulOutput = [
        "Aider v0.86.2", "Model: openai/scripted with diff edit format", "Git repo: .git with 1 files",
        "", "hello.txt", "```", "<<<<<<< SEARCH", "=======", "hi", ">>>>>>> REPLACE", "```", "",
        "Tokens: 2.3k sent, 20 received. Cost: $0.0031 message, $0.0031 session.", "", "Applied edit to hello.txt",
    ]

    @Test(
        "success through a fake aider: tokens and cost from its lines, edits as events, prompt file with instructions"
    )
    func success() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration())
            let recorder = AgentEventRecorder()
            let outcome = try await bench.run(
                runtime,
                knobs: try bench.output(Self.successfulOutput),
                recorder: recorder
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.usage == TokenUsage(input: 2300, output: 20))
            #expect(outcome.usageReported)
            #expect(outcome.cost == .reported(micros: 3100))
            #expect(outcome.finalText.hasSuffix("Applied edit to hello.txt"))
            #expect(recorder.all.contains(.fileChanged(path: bench.worktree + "/hello.txt", kind: .modified)))
            #expect(
                try bench.read(bench.runDirectory + "/prompt.md")
                    == "You are the developer.\n\n---\n\nCreate hello.txt."
            )
            #expect(try bench.read(bench.seenStandardInput).isEmpty)
        }
    }

    @Test("no Tokens line: tokens not reported, cost unknown (never 0)")
    func noUsage() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration())
            let outcome = try await bench.run(runtime, knobs: try bench.output(["Aider v0.86.2"]))
            #expect(outcome.status == .succeeded)
            #expect(!outcome.usageReported)
            #expect(outcome.cost == .unknown)
            #expect(outcome.cost.micros == nil)
        }
    }

    @Test("a model API error with exit 0 is a failure; a non-zero exit fails; a signal crashes")
    func failures() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration())
            let apiError = try bench.output([
                "Aider v0.86.2", "litellm.AuthenticationError: OpenAIException - invalid api key",
            ])
            try await bench.expectStatuses(
                of: runtime,
                [
                    (
                        apiError,
                        .failed(
                            reason:
                                "aider reported a model API error: litellm.AuthenticationError: OpenAIException - invalid api key"
                        )
                    ),
                    (["FAKE_EXIT": "1", "FAKE_STDERR": "boom"], .failed(reason: "aider exited with code 1: boom")),
                    (["FAKE_SIGNAL": "KILL"], .crashed(exitCode: nil, signal: 9)),
                ]
            )
        }
    }

    @Test("a retried error followed by a reply is not a failure")
    func retriedError() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration())
            let lines = [
                "litellm.InternalServerError: server error", "Retrying in 0.2 seconds...",
                "Tokens: 100 sent, 5 received.",
            ]
            let outcome = try await bench.run(runtime, knobs: try bench.output(lines))
            #expect(outcome.status == .succeeded)
        }
    }

    @Test("tokens over the budget stop a hanging aider")
    func budget() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration())
            let knobs = try bench.output(["Tokens: 12k sent, 300 received."], hang: true)
            let outcome = try await bench.run(runtime, knobs: knobs, limits: CLIBench.budget(maxTokens: 10_000))
            #expect(outcome.status == .budgetExceeded("tokens: 12300 used, limit 10000"))
        }
    }

    @Test("a missing binary is notAvailable")
    func missing() async throws {
        try await CLIBench.with { bench in
            let runtime = AiderRuntime(configuration: bench.configuration(executable: "aider-not-installed-anywhere"))
            try await bench.expectNotAvailable(runtime)
        }
    }
}
