import AetTesting
import Foundation
import Testing

@testable import AetAgents

@Suite("ProcessSupervisor: spawning, output, exit")
struct ProcessSupervisorTests {
    @Test("a successful agent: lines in order per stream, exit 0, raw logs kept")
    func success() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor().run(
                bench.command(
                    ["FAKE_STDOUT": "hello from the agent", "FAKE_STDERR": "a warning", "FAKE_ARGS": "1"],
                    arguments: ["one", "two words"]
                ),
                onEvent: recorder.record
            )
            #expect(result.exit == .exited(0))
            #expect(result.stopReason == nil)
            #expect(recorder.texts(.standardOutput) == ["arg:one", "arg:two words", "hello from the agent"])
            #expect(recorder.texts(.standardError) == ["a warning"])
            #expect(recorder.spawnedPIDs == [result.processID])
            #expect(result.cleanup.ownProcessGroup)
            #expect(result.cleanup.groupGone)
            #expect(result.cleanup.leftoverProcesses == 0)
            #expect(result.output.lines == 4)
            let logs = try #require(result.logs)
            #expect(try bench.read(logs.standardOutput) == "arg:one\narg:two words\nhello from the agent\n")
            #expect(try bench.read(logs.standardError) == "a warning\n")
            #expect(result.commandLine.contains("'two words'"))
        }
    }

    @Test("a non-zero exit is reported with its code")
    func nonZeroExit() async throws {
        try await AgentBench.with { bench in
            let result = try await bench.supervisor().run(
                bench.command(["FAKE_EXIT": "3"]),
                onEvent: SupervisedEventRecorder().record
            )
            #expect(result.exit == .exited(3))
            #expect(result.stopReason == nil)
        }
    }

    @Test("a crash by signal is reported as the signal")
    func signal() async throws {
        try await AgentBench.with { bench in
            let result = try await bench.supervisor().run(
                bench.command(["FAKE_SIGNAL": "SEGV"]),
                onEvent: SupervisedEventRecorder().record
            )
            #expect(result.exit == .signaled(SIGSEGV))
            #expect(result.stopReason == nil)
        }
    }

    @Test("garbage output: invalid UTF-8, NUL, escapes and CRLF survive as bytes, lines still split")
    func binaryOutput() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor().run(bench.command(["FAKE_BINARY": "1"]), onEvent: recorder.record)
            #expect(result.exit == .exited(0))
            let lines = recorder.lines.map(\.bytes)
            #expect(lines.count == 3)
            #expect(lines.first == Array("before".utf8))
            #expect(lines.last == Array("after".utf8))
            let middle = try #require(lines.dropFirst().first)
            #expect(middle.first == 0xFF)
            #expect(middle.contains(0x00))
            #expect(middle.last != 0x0D, "the CR of a CRLF ending is dropped")
            #expect(recorder.texts[1].contains("\u{FFFD}"), "invalid UTF-8 becomes U+FFFD in text")
        }
    }

    @Test("the environment is exactly the one given, plus the run marker")
    func exactEnvironment() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let command = ProcessCommand(
                executable: "env",
                environment: ["PATH": "/usr/bin:/bin", "ONLY_THIS": "yes"],
                workingDirectory: bench.worktree
            )
            let result = try await bench.supervisor().run(command, onEvent: recorder.record)
            #expect(result.exit == .exited(0))
            let names = Set(recorder.texts.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
            #expect(names == ["PATH", "ONLY_THIS", ProcessSupervisor.markerVariable])
        }
    }

    @Test("stdin is closed: the first read sees end-of-file at once")
    func stdinClosed() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(wall: .seconds(120)).run(
                bench.command(["FAKE_STDIN": "1"]),
                onEvent: recorder.record
            )
            #expect(result.stopReason == nil, "the agent must not wait for input")
            #expect(recorder.texts == ["stdin:eof"])
        }
    }

    @Test("stdin from a file")
    func stdinFile() async throws {
        try await AgentBench.with { bench in
            let prompt = bench.runDirectory + "/prompt.md"
            try Data("the prompt\nsecond line\n".utf8).write(to: URL(fileURLWithPath: prompt))
            let recorder = SupervisedEventRecorder()
            _ = try await bench.supervisor().run(
                bench.command(["FAKE_STDIN": "1"], standardInput: .file(prompt)),
                onEvent: recorder.record
            )
            #expect(recorder.texts == ["stdin:the prompt"])
        }
    }

    @Test("a missing program is a clear executableNotFound error, before anything is spawned")
    func missingProgram() async throws {
        try await AgentBench.with { bench in
            let command = ProcessCommand(
                executable: "no-such-agent-\(UUID().uuidString.prefix(8))",
                environment: ["PATH": bench.searchPath],
                workingDirectory: bench.worktree
            )
            let error = try await #require(throws: RuntimeError.self) {
                try await bench.supervisor().run(command, onEvent: SupervisedEventRecorder().record)
            }
            #expect(error.isExecutableNotFound)
            #expect(error.description.contains("no-such-agent"))
            let relative = ProcessCommand(executable: "./missing.sh", workingDirectory: bench.worktree)
            await #expect(throws: RuntimeError.executableNotFound()) {
                try await bench.supervisor().run(relative, onEvent: SupervisedEventRecorder().record)
            }
        }
    }

    @Test("a missing working directory is a spawn error, not a crash")
    func missingWorkingDirectory() async throws {
        try await AgentBench.with { bench in
            var command = bench.command()
            command.workingDirectory = bench.root + "/does-not-exist"
            await #expect(throws: RuntimeError.spawnFailed()) {
                try await bench.supervisor().run(command, onEvent: SupervisedEventRecorder().record)
            }
        }
    }

    @Test("secrets are redacted in delivered lines, logs and the command line")
    func redaction() async throws {
        try await AgentBench.with { bench in
            let secret = "sk-test-0123456789abcdef"
            let redactor = Redactor(environment: ["ANTHROPIC_API_KEY": secret])
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(redactor: redactor).run(
                bench.command(
                    ["FAKE_STDOUT": "key is \(secret)!", "FAKE_ARGS": "1"],
                    arguments: ["--api-key", secret]
                ),
                onEvent: recorder.record
            )
            #expect(recorder.texts.contains("key is [REDACTED]!"))
            #expect(!recorder.texts.joined().contains(secret))
            #expect(!result.commandLine.contains(secret))
            #expect(result.commandLine.contains("--api-key [REDACTED]"))
            let logs = try #require(result.logs)
            #expect(!(try bench.read(logs.standardOutput)).contains(secret))
        }
    }
}
