import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

/// The `gemini` runtime against the documented stream-json format, with a fake `gemini` (the real
/// CLI is npm-only and not installable here; see GeminiRealCLITests for the visible skip).
@Suite struct GeminiTests {
    static func invocation(_ permission: PermissionPolicy, maxTurns: Int? = nil) -> CLIInvocation {
        let request = CLIRuntimeSamples.request(
            model: "gemini-2.5-pro",
            permission: permission,
            limits: RunLimits(maxTurns: maxTurns)
        )
        let host = [
            "GEMINI_API_KEY": "g-secret", "GOOGLE_GEMINI_BASE_URL": "http://127.0.0.1:9", "OPENAI_API_KEY": "o",
        ]
        return GeminiCommand.invocation(
            for: request,
            files: CLIRuntimeSamples.files(),
            configuration: CLIRuntimeConfiguration(hostEnvironment: host)
        )
    }

    @Test(
        "permission policies map to approval modes; prompt on stdin; Gemini variables only",
        arguments: [
            (PermissionPolicy.readOnly, ["--approval-mode", "plan"]),
            (.editWorkspace, ["--approval-mode", "auto_edit"]),
            (
                .editAndRunAllowlisted(["swift test", "git diff"]),
                [
                    "--approval-mode", "auto_edit", "--allowed-tools",
                    "run_shell_command(swift test),run_shell_command(git diff)",
                ]
            ),
            (.fullAuto, ["--approval-mode", "yolo"]),
        ]
    )
    func command(policy: PermissionPolicy, expected: [String]) {
        let invocation = Self.invocation(policy)
        #expect(Array(invocation.arguments.prefix(2)) == ["--output-format", "stream-json"])
        #expect(Array(invocation.arguments.dropFirst(2).prefix(expected.count)) == expected)
        #expect(invocation.arguments.suffix(2) == ["-m", "gemini-2.5-pro"])
        #expect(invocation.standardInput == .file("/runs/r1/prompt.md"))
        #expect(invocation.environment["GEMINI_API_KEY"] == "g-secret")
        #expect(invocation.environment["GOOGLE_GEMINI_BASE_URL"] == "http://127.0.0.1:9")
        #expect(invocation.environment["OPENAI_API_KEY"] == nil)
        #expect(invocation.environment["HOME"] == "/runs/r1/home")
    }

    @Test("the turn limit goes into the run's settings.json")
    func settings() throws {
        let settings = try #require(
            Self.invocation(.editWorkspace, maxTurns: 12).files["/runs/r1/home/.gemini/settings.json"]
        )
        let object = try JSONSerialization.jsonObject(with: Data(settings.utf8)) as? [String: Any]
        #expect((object?["model"] as? [String: Any])?["maxSessionTurns"] as? Int == 12)
        let plain = try #require(Self.invocation(.editWorkspace).files["/runs/r1/home/.gemini/settings.json"])
        #expect(!plain.contains("maxSessionTurns"))
    }

    @Test("success through a fake gemini: text deltas joined, tool events, tokens from stats, no cost")
    func success() async throws {
        try await CLIBench.with { bench in
            let runtime = GeminiRuntime(configuration: bench.configuration())
            let recorder = AgentEventRecorder()
            let outcome = try await bench.run(
                runtime,
                knobs: try bench.output(GeminiFixtures.successfulRun),
                recorder: recorder
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText == "Created hello.txt.")
            #expect(outcome.sessionID == GeminiFixtures.session)
            #expect(outcome.usage == TokenUsage(input: 1500, output: 100, cacheRead: 500))
            #expect(outcome.usageReported)
            #expect(outcome.cost == .unknown)
            let events = recorder.all
            #expect(events.contains(.assistantText("I'll write the file.", isFinal: false)))
            #expect(
                events.contains(
                    .toolCall(
                        ToolCall(
                            id: "write-1",
                            name: "write_file",
                            inputJSON: #"{"content":"hi\n","file_path":"/w/T-3/hello.txt"}"#
                        )
                    )
                )
            )
            #expect(
                events.contains {
                    if case .toolResult(let result) = $0 { result.id == "write-1" && !result.isError } else { false }
                }
            )
            #expect(events.contains(.assistantText("Created hello.txt.", isFinal: true)))
            #expect(recorder.warnings.contains { $0.contains("Loop detection") })
            #expect(try bench.read(bench.seenStandardInput) == "You are the developer.\n\n---\n\nCreate hello.txt.")
            #expect(FileManager.default.fileExists(atPath: bench.runDirectory + "/home/.gemini/settings.json"))
        }
    }

    @Test("error results, exit 53, exit 42, no result: the right statuses")
    func failures() async throws {
        try await CLIBench.with { bench in
            let runtime = GeminiRuntime(configuration: bench.configuration())
            let turnLimit = try bench.output([GeminiFixtures.turnLimit], name: "turns.jsonl", exit: 53)
            let apiError = try bench.output([GeminiFixtures.apiError], name: "api.jsonl", exit: 1)
            try await bench.expectStatuses(
                of: runtime,
                [
                    (turnLimit, .maxTurns),
                    (
                        apiError,
                        .failed(reason: "Gemini CLI reported an error: ApiError: [API Error: 400 API key not valid]")
                    ),
                    (["FAKE_EXIT": "42"], .failed(reason: "Gemini CLI rejected its input or arguments (exit code 42)")),
                    (try bench.output(["not json"], name: "junk.jsonl"), .crashed(exitCode: 0, signal: nil)),
                    (["FAKE_SIGNAL": "TERM"], .crashed(exitCode: nil, signal: 15)),
                ]
            )
        }
    }

    @Test("a hang is stopped by the idle timeout; a missing binary is notAvailable")
    func hangAndMissing() async throws {
        try await CLIBench.with { bench in
            let runtime = GeminiRuntime(configuration: bench.configuration())
            let limits = RunLimits(wallTimeout: .seconds(300), idleTimeout: .milliseconds(500))
            let hung = try await bench.run(runtime, knobs: ["FAKE_HANG": "1"], limits: limits)
            #expect(hung.status == .timedOut(.idle))

            let missing = GeminiRuntime(configuration: bench.configuration(executable: "gemini-not-installed-anywhere"))
            try await bench.expectNotAvailable(missing)
        }
    }
}

/// The real Gemini CLI, when one is on PATH: only its probe (no scripted Gemini wire format yet).
@Suite(
    "Gemini CLI, real binary",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.gemini, "Gemini CLI (gemini; npm-only)", optional: true))
)
struct GeminiRealCLITests {
    @Test func probeFindsItsVersion() async {
        let runtime = GeminiRuntime(
            configuration: CLIRuntimeConfiguration(
                hostEnvironment: ProcessInfo.processInfo.environment,
                executable: InstalledAgentCLIs.gemini
            )
        )
        let availability = await runtime.probe()
        #expect(availability.isAvailable)
        #expect(availability.version != nil)
    }
}
