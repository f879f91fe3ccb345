import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

/// The `claude` runtime driving a fake `claude` that replays recorded Claude Code output: success,
/// failures, hangs, budgets, a missing binary.
@Suite struct ClaudeRuntimeTests {
    @Test("success: events, final text, tokens and cost from the result line, artifacts, redacted command line")
    func success() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(
                configuration: bench.configuration(hostExtra: ["ANTHROPIC_API_KEY": "sk-ant-very-secret-key"])
            )
            let recorder = AgentEventRecorder()
            let knobs = try bench.output(ClaudeCodeFixtures.successfulRun)
            let outcome = try await bench.run(runtime, knobs: knobs, recorder: recorder)
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText == "Created hello.txt. DONE")
            #expect(outcome.sessionID == ClaudeCodeFixtures.session)
            #expect(outcome.usage == TokenUsage(input: 8826, output: 40))
            #expect(outcome.usageReported)
            #expect(outcome.cost == .reported(micros: 36_104))
            #expect(outcome.turns == 2)
            #expect(outcome.exitStatus == .exited(0))
            #expect(outcome.structuredOutput == nil)
            let events = recorder.all
            #expect(
                events.contains(
                    .toolCall(
                        ToolCall(
                            id: "toolu_1",
                            name: "Write",
                            inputJSON: #"{"content":"hi\n","file_path":"/w/T-3/hello.txt"}"#
                        )
                    )
                )
            )
            #expect(events.contains(.fileChanged(path: "/w/T-3/hello.txt", kind: .created)))
            #expect(events.contains(.assistantText("Created hello.txt. DONE", isFinal: true)))
            #expect(events.contains(.usage(UsageSample(tokens: TokenUsage(input: 4390, output: 1)), cumulative: false)))
            #expect(recorder.rawLines.count == 5)
            // Prompt on stdin, instructions in a file, secrets out of the command line.
            #expect(try bench.read(bench.seenStandardInput) == "Create hello.txt.")
            let arguments = try bench.arguments()
            #expect(arguments.contains("--append-system-prompt-file"))
            #expect(try bench.read(bench.runDirectory + "/instructions.md") == "You are the developer.")
            let environment = try bench.environment()
            #expect(environment["CLAUDE_CONFIG_DIR"] == bench.runDirectory + "/claude-config")
            #expect(environment["HOME"] == bench.runDirectory + "/home")
            #expect(environment["ANTHROPIC_API_KEY"] == "sk-ant-very-secret-key")
            let commandLine = try #require(outcome.commandLine)
            #expect(commandLine.contains("--output-format stream-json"))
            #expect(!commandLine.contains("sk-ant-very-secret-key"))
            #expect(recorder.start?.sessionID != nil)
            let stdoutLog = try #require(outcome.artifacts.standardOutputLog)
            #expect(try bench.read(stdoutLog).contains("\"subtype\":\"success\""))
            #expect(outcome.artifacts.promptFile == bench.runDirectory + "/prompt.md")
        }
    }

    @Test("the transcript Claude Code writes in its config dir is reported")
    func transcript() async throws {
        try await CLIBench.with { bench in
            // The fake writes the transcript where Claude Code would, for the session id it was given.
            let script = """
                #!/bin/sh
                while [ "$1" != "--session-id" ]; do shift; done
                mkdir -p "$CLAUDE_CONFIG_DIR/projects/-w-T-3" && echo '{}' > "$CLAUDE_CONFIG_DIR/projects/-w-T-3/$2.jsonl"
                cat "$FAKE_LINES"
                """
            try bench.writeExecutable(script, at: bench.binDirectory + "/claude")
            let runtime = ClaudeRuntime(configuration: bench.configuration(executable: bench.binDirectory + "/claude"))
            let knobs = try bench.output([ClaudeCodeFixtures.success])
            let outcome = try await bench.run(runtime, knobs: knobs)
            #expect(outcome.status == .succeeded)
            let transcript = try #require(outcome.artifacts.transcript)
            #expect(transcript.hasPrefix(bench.runDirectory + "/claude-config/projects/-w-T-3/"))
            #expect(FileManager.default.fileExists(atPath: transcript))
        }
    }

    @Test("an HTTP 401 reported as success with is_error is 'not authenticated', naming the status and message")
    func apiError() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output(ClaudeCodeFixtures.apiError, exit: 1)
            let outcome = try await bench.run(runtime, knobs: knobs)
            guard case .notAuthenticated(let reason) = outcome.status else {
                Issue.record("expected not authenticated, got \(outcome.status)")
                return
            }
            #expect(reason.contains("HTTP 401"))
            #expect(reason.contains("invalid api key given"))
            #expect(outcome.cost == .reported(micros: 0))
        }
    }

    @Test("is_error with exit 0 is still a failure")
    func isErrorWithExitZero() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output([ClaudeCodeFixtures.initLine, ClaudeCodeFixtures.duringExecution])
            guard case (let reason, _)? = try await bench.runExpectingFailure(runtime, knobs: knobs) else { return }
            #expect(reason.contains("error_during_execution"))
            #expect(reason.contains("Tool execution aborted"))
            #expect(reason.contains("permission denied for Bash"))
        }
    }

    @Test("error_max_turns is maxTurns, and the limit reaches Claude Code as --max-turns")
    func maxTurns() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output([ClaudeCodeFixtures.initLine, ClaudeCodeFixtures.maxTurns], exit: 1)
            var limits = CLIBench.limits
            limits.maxTurns = 2
            let outcome = try await bench.run(runtime, knobs: knobs, limits: limits)
            #expect(outcome.status == .maxTurns)
            let arguments = try bench.arguments()
            let index = try #require(arguments.firstIndex(of: "--max-turns"))
            #expect(arguments[index + 1] == "2")
        }
    }

    @Test("structured output comes from the result's structured_output")
    func structuredOutput() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let line =
                #"{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"","structured_output":{"verdict":"approve"},"usage":{"input_tokens":5,"output_tokens":1},"total_cost_usd":0.0001}"#
            let knobs = try bench.output([line])
            let schema = #"{"type":"object","properties":{"verdict":{"type":"string"}},"required":["verdict"]}"#
            let outcome = try await runtime.run(
                bench.request(permission: .readOnly, outputSchema: schema, environment: knobs),
                events: AgentEventRecorder().record
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.structuredOutput == #"{"verdict":"approve"}"#)
            let arguments = try bench.arguments()
            #expect(arguments.contains(schema))
            #expect(try bench.read(bench.runDirectory + "/output-schema.json") == schema)
        }
    }

    @Test("a non-zero exit without a result line is a crash, with its error output as a warning")
    func exitWithoutResult() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = ["FAKE_EXIT": "1", "FAKE_STDERR": "--dangerously-skip-permissions cannot be used with root"]
            let outcome = try await bench.run(runtime, knobs: knobs)
            #expect(outcome.status == .crashed(exitCode: 1, signal: nil))
            #expect(outcome.warnings.contains { $0.contains("cannot be used with root") })
            #expect(!outcome.usageReported)
            #expect(outcome.cost == .unknown)
        }
    }

    @Test("killed by a signal is a crash")
    func signal() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output([ClaudeCodeFixtures.initLine], signal: "KILL")
            let outcome = try await bench.run(runtime, knobs: knobs)
            #expect(outcome.status == .crashed(exitCode: nil, signal: 9))
        }
    }

    @Test("garbage output is counted, never fatal, and without a result the run is not a success")
    func garbage() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output(["not json", "{\"type\":", "\u{1B}[31m red", "[1,2]"])
            let outcome = try await bench.run(runtime, knobs: knobs)
            #expect(outcome.status == .crashed(exitCode: 0, signal: nil))
            #expect(outcome.warnings.contains { $0.contains("4 line(s)") })
        }
    }

    @Test("a hang is stopped by the idle timeout")
    func idleTimeout() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output([ClaudeCodeFixtures.initLine], hang: true)
            let limits = RunLimits(wallTimeout: .seconds(300), idleTimeout: .milliseconds(500))
            let outcome = try await bench.run(runtime, knobs: knobs, limits: limits)
            #expect(outcome.status == .timedOut(.idle))
        }
    }

    @Test("streamed usage over maxTokens stops the run mid-stream: budgetExceeded")
    func budget() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            // Two messages of 4390 + 1 tokens each, then the fake hangs: only aet's stop ends it.
            let knobs = try bench.output(
                [
                    ClaudeCodeFixtures.initLine, ClaudeCodeFixtures.toolUse(id: "msg_1"),
                    ClaudeCodeFixtures.toolUse(id: "msg_1"), ClaudeCodeFixtures.toolUse(id: "msg_2"),
                ],
                hang: true
            )
            let outcome = try await bench.run(runtime, knobs: knobs, limits: CLIBench.budget(maxTokens: 5000))
            #expect(outcome.status == .budgetExceeded("tokens: 8782 used, limit 5000"))
            #expect(outcome.usage == TokenUsage(input: 8780, output: 2), "one message counted once")
            #expect(outcome.usageReported)
        }
    }

    @Test("a reported cost over maxCostMicros is budgetExceeded, and the limit reaches Claude Code too")
    func costBudget() async throws {
        try await CLIBench.with { bench in
            let runtime = ClaudeRuntime(configuration: bench.configuration())
            let knobs = try bench.output(ClaudeCodeFixtures.successfulRun)
            var limits = CLIBench.limits
            limits.maxCostMicros = 10_000
            let outcome = try await bench.run(runtime, knobs: knobs, limits: limits)
            #expect(outcome.status == .budgetExceeded("cost: $0.04 spent, limit $0.01"))
            #expect(outcome.cost == .reported(micros: 36_104))
            let arguments = try bench.arguments()
            let index = try #require(arguments.firstIndex(of: "--max-budget-usd"))
            #expect(arguments[index + 1] == "0.010000")
        }
    }

    @Test("a missing binary is notAvailable, in the outcome and the probe")
    func missingBinary() async throws {
        try await CLIBench.with { bench in
            for executable in [bench.root + "/nowhere/claude", "claude-not-installed-anywhere"] {
                let runtime = ClaudeRuntime(configuration: bench.configuration(executable: executable))
                guard case (let reason, let outcome)? = try await bench.expectNotAvailable(runtime) else { continue }
                #expect(reason.contains("not found"))
                #expect(outcome.commandLine?.contains("stream-json") == true)
                let availability = await runtime.probe()
                #expect(!availability.isAvailable)
            }
        }
    }

    @Test("probe reports the path and the version line")
    func probe() async throws {
        try await CLIBench.with { bench in
            try bench.writeExecutable("#!/bin/sh\necho '2.1.332 (Claude Code)'\n", at: bench.binDirectory + "/claude")
            let runtime = ClaudeRuntime(configuration: bench.configuration(executable: bench.binDirectory + "/claude"))
            let availability = await runtime.probe()
            #expect(availability.isAvailable)
            #expect(availability.executablePath == bench.binDirectory + "/claude")
            #expect(availability.version == "2.1.332 (Claude Code)")
        }
    }
}
