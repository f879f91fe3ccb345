import AetTesting
import Foundation
import Testing

@testable import AetAgents

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("ProcessSupervisor: timeouts, group kill, cancellation")
struct ProcessTerminationTests {
    @Test("a hang that ignores SIGTERM is killed by SIGKILL after the grace period: wall timeout")
    func hangIgnoringTerm() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(wall: .milliseconds(300), grace: .milliseconds(300)).run(
                bench.command(["FAKE_IGNORE_TERM": "1", "FAKE_PID": "1", "FAKE_HANG": "1"]),
                onEvent: recorder.record
            )
            #expect(result.stopReason == .wallTimeout)
            #expect(result.exit == .signaled(SIGKILL), "SIGTERM was ignored, so only SIGKILL can have ended it")
            #expect(result.duration >= .milliseconds(600), "wall timeout + grace period")
            #expect(result.cleanup.groupGone)
            let pid = try #require(recorder.value(after: "pid:").flatMap { Int32($0) })
            #expect(!processIsRunning(pid))
        }
    }

    @Test("a hang that obeys SIGTERM ends at once with SIGTERM, no grace period spent")
    func hangObeyingTerm() async throws {
        try await AgentBench.with { bench in
            let result = try await bench.supervisor(wall: .milliseconds(300), grace: .seconds(6)).run(
                bench.command(["FAKE_HANG": "1"]),
                onEvent: SupervisedEventRecorder().record
            )
            #expect(result.stopReason == .wallTimeout)
            #expect(result.exit == .signaled(SIGTERM))
        }
    }

    @Test("an agent that prints once and then stays silent is stopped by the idle timeout")
    func idleTimeout() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(wall: .seconds(120), idle: .milliseconds(400)).run(
                bench.command(["FAKE_STDOUT": "working…", "FAKE_HANG": "1"]),
                onEvent: recorder.record
            )
            #expect(result.stopReason == .idleTimeout)
            #expect(recorder.texts == ["working…"])
            #expect(result.duration >= .milliseconds(400))
        }
    }

    @Test("a grandchild (`sleep 1000 &`) ignoring SIGTERM is killed with the group")
    func grandchildKilledWithGroup() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(wall: .milliseconds(400), grace: .milliseconds(300)).run(
                bench.command(["FAKE_IGNORE_TERM": "1", "FAKE_GRANDCHILD": "1", "FAKE_HANG": "1"]),
                onEvent: recorder.record
            )
            let grandchild = try #require(recorder.value(after: "grandchild:").flatMap { Int32($0) })
            #expect(result.stopReason == .wallTimeout)
            #expect(result.cleanup.groupGone)
            #expect(!processIsRunning(grandchild), "the grandchild must be gone (kill -0 fails) or dead (a zombie)")
        }
    }

    @Test("a grandchild left running after a normal exit is stopped before the supervisor returns")
    func leftoverAfterExit() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(wall: .seconds(120)).run(
                bench.command(["FAKE_GRANDCHILD": "1", "FAKE_STDOUT": "done"]),
                onEvent: recorder.record
            )
            let grandchild = try #require(recorder.value(after: "grandchild:").flatMap { Int32($0) })
            #expect(result.exit == .exited(0))
            #expect(result.stopReason == nil)
            #expect(result.cleanup.leftoverProcesses == 1)
            #expect(result.cleanup.groupGone)
            #expect(!processIsRunning(grandchild))
            #expect(recorder.texts.contains("done"), "the output pipe held by the grandchild does not block the run")
        }
    }

    @Test(
        "a process that leaves the group with setsid is found by its run marker and killed",
        .enabled(if: setsidInstalled && procAvailable, "needs setsid (util-linux) and /proc")
    )
    func escapedProcess() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor().run(bench.command(["FAKE_ESCAPE": "1"]), onEvent: recorder.record)
            let escaped = try #require(recorder.value(after: "escaped:").flatMap { Int32($0) })
            #expect(result.exit == .exited(0))
            #expect(result.cleanup.escapedProcesses == [escaped])
            #expect(!processIsRunning(escaped))
            #expect(result.warnings.contains { $0.contains("left the agent's process group") })
        }
    }

    @Test("an agent that closes its output and runs on is still stopped by the wall timeout")
    func closedOutputStillTimedOut() async throws {
        try await AgentBench.with { bench in
            let result = try await bench.supervisor(wall: .milliseconds(500)).run(
                bench.command(["FAKE_STDOUT": "bye", "FAKE_CLOSE_OUTPUT": "1"]),
                onEvent: SupervisedEventRecorder().record
            )
            #expect(result.stopReason == .wallTimeout)
            #expect(result.duration >= .milliseconds(500))
            #expect(result.exit == .signaled(SIGTERM), "the sleeping agent obeyed SIGTERM")
        }
    }

    @Test("the callback can stop the run (e.g. a budget), with its reason")
    func stopRequested() async throws {
        try await AgentBench.with { bench in
            let result = try await bench.supervisor(wall: .seconds(120)).run(
                bench.command(["FAKE_STDOUT": "usage 999", "FAKE_HANG": "1"])
            ) { event in
                if case .line(let line) = event, line.text.hasPrefix("usage") {
                    return .stop(reason: "tokens: 999 used, limit 100")
                }
                return .proceed
            }
            #expect(result.stopReason == .requested("tokens: 999 used, limit 100"))
            #expect(result.exit == .signaled(SIGTERM))
        }
    }

    @Test("cancelling the calling task kills the whole group and reports cancelled")
    func cancellation() async throws {
        try await AgentBench.with { bench in
            let (lines, continuation) = AsyncStream.makeStream(of: String.self)
            let supervisor = bench.supervisor(wall: .seconds(120), grace: .milliseconds(300))
            let command = bench.command([
                "FAKE_IGNORE_TERM": "1", "FAKE_PID": "1", "FAKE_GRANDCHILD": "1", "FAKE_HANG": "1",
            ])
            let run = Task {
                defer { continuation.finish() }  // so the reader below never waits on a finished run
                return try await supervisor.run(command) { event in
                    if case .line(let line) = event { continuation.yield(line.text) }
                    return .proceed
                }
            }
            var seen: [String] = []
            for await line in lines {
                seen.append(line)
                if line.hasPrefix("grandchild:") { break }
            }
            run.cancel()
            let result = try await run.value
            let pid = try #require(seen.first { $0.hasPrefix("pid:") }.flatMap { Int32($0.dropFirst(4)) })
            let grandchild = try #require(
                seen.first { $0.hasPrefix("grandchild:") }.flatMap { Int32($0.dropFirst(11)) }
            )
            #expect(result.stopReason == .cancelled)
            #expect(result.cleanup.groupGone)
            #expect(!processIsRunning(pid))
            #expect(!processIsRunning(grandchild))
        }
    }
}
