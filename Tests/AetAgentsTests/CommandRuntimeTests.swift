import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("The command runtime")
struct CommandRuntimeTests {
    @Test(
        "success: placeholders as argv elements, final text from stdout, no usage, unknown cost, artifacts kept"
    )
    func success() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(
                template: "fake-agent --prompt {prompt_file} --in {worktree} {ticket} {stage} {role} {run_id}",
                configuration: bench.runtimeConfiguration()
            )
            let recorder = AgentEventRecorder()
            let outcome = try await runtime.run(
                bench.request(environment: ["FAKE_ARGS": "1", "FAKE_STDOUT": "all good"]),
                events: recorder.record
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.status.runStatus == .succeeded)
            #expect(
                recorder.rawLines == [
                    "arg:--prompt", "arg:\(bench.runDirectory)/prompt.md", "arg:--in", "arg:\(bench.worktree)",
                    "arg:T-7",
                    "arg:test", "arg:tester", "arg:T-7.test.1", "all good",
                ]
            )
            #expect(outcome.finalText.hasSuffix("arg:T-7.test.1\nall good"))
            #expect(outcome.usage == .zero)
            #expect(!outcome.usageReported)
            #expect(outcome.cost == .unknown)
            #expect(outcome.cost.micros == nil, "an unknown cost is never 0")
            #expect(outcome.turns == nil)
            #expect(outcome.exitStatus == .exited(0))
            let start = try #require(recorder.start)
            #expect(start.processID != nil)
            #expect(start.commandLine == outcome.commandLine)
            let artifacts = outcome.artifacts
            let stdoutLog = try #require(artifacts.standardOutputLog)
            #expect(try bench.read(stdoutLog).hasSuffix("all good\n"))
            #expect(artifacts.standardErrorLog.map { FileManager.default.fileExists(atPath: $0) } == true)
            #expect(try bench.read(try #require(artifacts.promptFile)) == "Do the thing.")
            #expect(try bench.read(bench.runDirectory + "/instructions.md") == "Run the tests.")
        }
    }

    @Test("the prompt goes through a file, never argv, so a 200 KB prompt works")
    func promptFile() async throws {
        try await AgentBench.with { bench in
            let prompt = String(repeating: "0123456789abcdef\n", count: 12_000) + "THE END"
            let runtime = try CommandRuntime(template: "cat {prompt_file}", configuration: bench.runtimeConfiguration())
            let outcome = try await runtime.run(bench.request(prompt: prompt), events: AgentEventRecorder().record)
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText.hasSuffix("0123456789abcdef\nTHE END"))
            #expect(outcome.finalText.utf8.count <= 16 << 10, "the final text is the last 16 KiB of stdout")
            #expect(outcome.commandLine?.contains("0123456789abcdef") == false)
        }
    }

    @Test("the prompt can be delivered on stdin instead")
    func promptOnStdin() async throws {
        try await AgentBench.with { bench in
            var configuration = bench.runtimeConfiguration()
            configuration.standardInput = .promptFile
            let runtime = try CommandRuntime(template: "fake-agent", configuration: configuration)
            let outcome = try await runtime.run(
                bench.request(prompt: "first line of the prompt\nmore", environment: ["FAKE_STDIN": "1"]),
                events: AgentEventRecorder().record
            )
            #expect(outcome.finalText == "stdin:first line of the prompt")
        }
    }

    @Test("stdin is closed by default")
    func stdinClosed() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "fake-agent", configuration: bench.runtimeConfiguration())
            let outcome = try await runtime.run(
                bench.request(environment: ["FAKE_STDIN": "1"]),
                events: AgentEventRecorder().record
            )
            #expect(outcome.finalText == "stdin:eof")
        }
    }

    @Test("a non-zero exit fails the run with its code")
    func nonZeroExit() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(
                template: "sh -c 'echo 2 tests failed; exit 3'",
                configuration: bench.runtimeConfiguration()
            )
            let outcome = try await runtime.run(bench.request(), events: AgentEventRecorder().record)
            #expect(outcome.status == .failed(reason: "the command exited with code 3"))
            #expect(outcome.status.runStatus == .failed)
            #expect(outcome.exitStatus == .exited(3))
            #expect(outcome.finalText == "2 tests failed")
        }
    }

    @Test("a signal the command did not get from aet is a crash")
    func crash() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "fake-agent", configuration: bench.runtimeConfiguration())
            let outcome = try await runtime.run(
                bench.request(environment: ["FAKE_SIGNAL": "SEGV"]),
                events: AgentEventRecorder().record
            )
            #expect(outcome.status == .crashed(exitCode: nil, signal: SIGSEGV))
        }
    }

    @Test("timeouts: a hang ignoring SIGTERM is killed on the wall timeout; a silent agent on the idle timeout")
    func timeouts() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "fake-agent", configuration: bench.runtimeConfiguration())
            let wall = try await runtime.run(
                bench.request(
                    limits: RunLimits(wallTimeout: .milliseconds(300), idleTimeout: .seconds(5)),
                    environment: ["FAKE_IGNORE_TERM": "1", "FAKE_HANG": "1"]
                ),
                events: AgentEventRecorder().record
            )
            #expect(wall.status == .timedOut(.wall))
            #expect(wall.status.runStatus == .timedOut)
            #expect(wall.exitStatus == .signaled(SIGKILL), "it ignored SIGTERM: SIGKILL after the 300 ms grace period")
            #expect(wall.duration >= .milliseconds(600))
            let idle = try await runtime.run(
                bench.request(
                    limits: RunLimits(wallTimeout: .seconds(120), idleTimeout: .milliseconds(300)),
                    environment: ["FAKE_STDOUT": "started", "FAKE_HANG": "1"]
                ),
                events: AgentEventRecorder().record
            )
            #expect(idle.status == .timedOut(.idle))
            #expect(idle.finalText == "started")
        }
    }

    @Test("the environment is scrubbed: no secret of aet's own environment, HOME is the run's, AET_* set")
    func environmentScrubbed() async throws {
        try await AgentBench.with { bench in
            let secret = "s3cr3t-\(UUID().uuidString)"
            let configuration = bench.runtimeConfiguration(hostExtra: [
                "AET_TEST_SECRET_TOKEN": secret, "OPENAI_API_KEY": "sk-\(secret)",
            ])
            let runtime = try CommandRuntime(template: "fake-agent", configuration: configuration)
            let outcome = try await runtime.run(
                bench.request(environment: ["FAKE_ENV": "1"]),
                events: AgentEventRecorder().record
            )
            let lines = outcome.finalText.split(separator: "\n").map(String.init)
            var environment: [String: String] = [:]
            for line in lines {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { environment[parts[0]] = parts[1] }
            }
            #expect(!outcome.finalText.contains(secret))
            #expect(environment["AET_TEST_SECRET_TOKEN"] == nil)
            #expect(environment["OPENAI_API_KEY"] == nil)
            #expect(environment["HOME"] == bench.runDirectory + "/home")
            #expect(environment["AET_TICKET"] == "T-7")
            #expect(environment["AET_RUN_ID"] == "T-7.test.1")
            #expect(environment["PATH"] == bench.searchPath)
            let allowed = EnvironmentPolicy.defaultAllowList.union([
                "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "NO_COLOR", "PWD",
                "FAKE_ENV",
                "AET_RUN_ID", "AET_TICKET", "AET_STAGE", "AET_ROLE", "AET_WORKTREE", "AET_RUN_DIR", "AET_PROMPT_FILE",
                ProcessSupervisor.markerVariable,
            ])
            #expect(
                Set(environment.keys).subtracting(allowed).isEmpty,
                "unexpected: \(Set(environment.keys).subtracting(allowed))"
            )
            #expect(FileManager.default.fileExists(atPath: bench.runDirectory + "/home"))
        }
    }

    @Test("a secret in the command line or the output is redacted in the outcome, events and logs")
    func redaction() async throws {
        try await AgentBench.with { bench in
            let secret = "tok-\(UUID().uuidString)"
            let runtime = try CommandRuntime(
                template: "fake-agent --auth \(secret)",
                configuration: bench.runtimeConfiguration(hostExtra: ["SERVICE_TOKEN": secret])
            )
            let recorder = AgentEventRecorder()
            let outcome = try await runtime.run(bench.request(environment: ["FAKE_ARGS": "1"]), events: recorder.record)
            #expect(outcome.status == .succeeded)
            #expect(outcome.commandLine?.contains(secret) == false)
            #expect(outcome.commandLine?.contains("--auth [REDACTED]") == true)
            #expect(recorder.rawLines == ["arg:--auth", "arg:[REDACTED]"])
            #expect(!outcome.finalText.contains(secret))
            #expect(!(try bench.read(try #require(outcome.artifacts.standardOutputLog))).contains(secret))
        }
    }

    @Test("a missing program: probe says not available, run returns notAvailable")
    func missingProgram() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(
                template: "no-such-agent-xyz {prompt_file}",
                configuration: bench.runtimeConfiguration()
            )
            let availability = await runtime.probe()
            #expect(!availability.isAvailable)
            #expect(availability.reason?.contains("no-such-agent-xyz") == true)
            let outcome = try await runtime.run(bench.request(), events: AgentEventRecorder().record)
            guard case .notAvailable(let reason) = outcome.status else {
                Issue.record("expected notAvailable, got \(outcome.status)")
                return
            }
            #expect(reason.contains("no-such-agent-xyz"))
            #expect(outcome.status.runStatus == .failed)
        }
    }

    @Test("probe finds the program on the agent's PATH")
    func probe() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(
                template: "fake-agent {prompt_file}",
                configuration: bench.runtimeConfiguration()
            )
            let availability = await runtime.probe()
            #expect(availability.isAvailable)
            #expect(availability.executablePath == bench.fakeAgent)
            #expect(runtime.id == .command)
            #expect(runtime.capabilities.usageReporting == .none)
        }
    }

    @Test("a relative program is found in the worktree")
    func relativeProgram() async throws {
        try await AgentBench.with { bench in
            try bench.writeExecutable(
                "#!/bin/sh\necho \"custom agent in $(pwd) for $1\"\n",
                at: bench.worktree + "/agent.sh"
            )
            let runtime = try CommandRuntime(
                template: "./agent.sh {ticket}",
                configuration: bench.runtimeConfiguration()
            )
            let outcome = try await runtime.run(bench.request(), events: AgentEventRecorder().record)
            #expect(outcome.finalText == "custom agent in \(bench.worktree) for T-7")
        }
    }

    @Test("output beyond the log cap is dropped with a warning; the final text is still the end of stdout")
    func outputCap() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "fake-agent", configuration: bench.runtimeConfiguration())
            let recorder = AgentEventRecorder()
            let outcome = try await runtime.run(
                bench.request(
                    limits: RunLimits(wallTimeout: .seconds(120), idleTimeout: .seconds(120), maxOutputBytes: 10_000),
                    environment: ["FAKE_BIG": "100000", "FAKE_STDOUT": "last words"]
                ),
                events: recorder.record
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.warnings.contains { $0.contains("log cap was dropped") })
            #expect(recorder.warnings == outcome.warnings)
            #expect(outcome.finalText.hasSuffix(String(repeating: "x", count: 99)), "the flood came last")
            #expect(outcome.finalText.utf8.count <= 16 << 10)
        }
    }

    @Test("cancelling the calling task cancels the run and stops its processes")
    func cancellation() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "fake-agent", configuration: bench.runtimeConfiguration())
            let (starts, continuation) = AsyncStream.makeStream(of: Int32.self)
            let request = bench.request(
                limits: RunLimits(wallTimeout: .seconds(120), idleTimeout: .seconds(120)),
                environment: ["FAKE_IGNORE_TERM": "1", "FAKE_HANG": "1"]
            )
            let run = Task {
                defer { continuation.finish() }  // so the reader below never waits on a finished run
                return try await runtime.run(request) { event in
                    if case .started(let start) = event, let pid = start.processID { continuation.yield(pid) }
                }
            }
            var pid: Int32?
            for await started in starts {
                pid = started
                break
            }
            run.cancel()
            let outcome = try await run.value
            #expect(outcome.status == .cancelled)
            #expect(outcome.status.runStatus == .cancelled)
            #expect(!processIsRunning(try #require(pid)))
        }
    }

    @Test("relative paths in the request are refused")
    func relativePaths() async throws {
        try await AgentBench.with { bench in
            let runtime = try CommandRuntime(template: "true", configuration: bench.runtimeConfiguration())
            var request = bench.request()
            request.worktree = "relative/worktree"
            await #expect(throws: RuntimeError.invalidRequest()) {
                try await runtime.run(request, events: AgentEventRecorder().record)
            }
        }
    }
}
