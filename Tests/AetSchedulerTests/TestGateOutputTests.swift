import AetAgents
import AetCore
import AetScheduler
import Foundation
import Testing

/// The test gate sends the end of the test command's output back to the developer, whichever stream
/// the runner reports on: stdout (pytest, cargo's test harness), stderr (unittest) or both, in the
/// order they were written, as a terminal shows them.
@Suite("Test gate output")
struct TestGateOutputTests {
    /// The developer writes hello.txt (appending "again" on a rework); the rest of the team passes.
    func team(_ fixture: SchedulerFixture) throws -> [String: String] {
        [
            "planner": try fixture.says("planner.sh", "Plan: add hello.txt"),
            "architect": try fixture.says("architect.sh", "Design: one file."),
            "developer": try fixture.script(
                "developer.sh",
                """
                if [ -f "$AET_WORKTREE/hello.txt" ]; then echo "again" >> "$AET_WORKTREE/hello.txt"; else echo "hello" > "$AET_WORKTREE/hello.txt"; fi
                echo "Wrote hello.txt"
                """),
            "reviewer": try fixture.reviewer(["approve"]),
            "integrator": try fixture.says("integrator.sh", "Add hello.txt"),
        ]
    }

    /// Runs one full ticket with `testCommand` (after committing `files`) and returns the test gate's
    /// first feedback to the developer.
    func firstFeedback(testCommand: String, files: [String: String] = [:]) async throws -> String {
        try await SchedulerFixture.with { fixture in
            for (path, text) in files { try fixture.write(path, text) }
            if !files.isEmpty {
                _ = try await fixture.run(["add", "-A"])
                _ = try await fixture.run(["commit", "--quiet", "-m", "tests"])
            }
            let id = try await fixture.create("Add a greeting file")
            var settings = SchedulerSettings(retryBackoff: .zero)
            settings.testCommand = testCommand
            _ = try await fixture.runner(agents: try team(fixture), settings: settings).run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed, "\(ticket.lastError ?? "")")
            let sentBack = try await fixture.events(id).compactMap { event -> StageSentBack? in
                if case .stageSentBack(let payload) = event, payload.stage == .test {
                    return payload
                } else {
                    return nil
                }
            }
            return try #require(sentBack.first).feedback
        }
    }

    @Test func stdoutAndStderrArriveInTheOrderTheyWereWritten() async throws {
        let feedback = try await firstFeedback(
            testCommand: """
                echo 'out 1'; echo 'err 2' >&2; echo 'out 3'; echo 'err 4' >&2; grep -q again hello.txt
                """)
        #expect(feedback.contains("out 1\nerr 2\nout 3\nerr 4"), "\(feedback)")
    }

    @Test func aRunnerThatReportsOnStderrOnlyIsHeard() async throws {
        // unittest writes its whole report to stderr.
        let feedback = try await firstFeedback(
            testCommand: "python3 -m unittest discover -s tests",
            files: ["tests/test_hello.py": Self.pythonTest])
        #expect(feedback.contains("FAIL: test_says_again"), "\(feedback)")
        #expect(feedback.contains("AssertionError"))
        #expect(feedback.contains("FAILED (failures=1)"))
    }

    @Test(.enabled(if: Self.hasPytest)) func aRunnerThatReportsOnStdoutIsHeard() async throws {
        let feedback = try await firstFeedback(
            testCommand: "python3 -m pytest -q -p no:cacheprovider tests",
            files: ["tests/test_hello.py": Self.pythonTest])
        #expect(feedback.contains("test_says_again"), "\(feedback)")
        #expect(feedback.contains("1 failed"))
    }

    @Test(.enabled(if: Self.has("cargo"))) func aRunnerThatReportsOnBothStreamsIsHeard() async throws {
        // cargo reports compiling on stderr, the test harness's failures on stdout, the verdict on stderr.
        // The fixture's HOME is a temporary one: point rustup at the real toolchain.
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        let feedback = try await firstFeedback(
            testCommand: "RUSTUP_HOME=\(home)/.rustup CARGO_HOME=\(home)/.cargo cargo test --offline --quiet",
            files: [
                ".gitignore": "target/\n",
                "Cargo.toml": "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
                "src/lib.rs": """
                #[test]
                fn says_again() {
                    let text = std::fs::read_to_string("hello.txt").unwrap();
                    assert!(text.contains("again"), "hello.txt must say again");
                }

                """,
            ])
        #expect(feedback.contains("hello.txt must say again"), "\(feedback)")  // stdout
        #expect(feedback.contains("test failed"), "\(feedback)")  // stderr: error: test failed, to rerun pass `--lib`
    }

    @Test func theFeedbackIsCappedToItsEnd() async throws {
        let feedback = try await firstFeedback(
            testCommand: "seq 1 20000 >&2; echo 'the last line'; grep -q again hello.txt")
        #expect(feedback.contains("the last line"))
        #expect(!feedback.contains("\n1\n2\n3\n"))
        #expect(feedback.count < 20_000)
    }

    static let pythonTest = """
        import pathlib
        import unittest


        class Hello(unittest.TestCase):
            def test_says_again(self):
                text = pathlib.Path("hello.txt").read_text()
                self.assertIn("again", text)


        if __name__ == "__main__":
            unittest.main()

        """

    static let hasPytest = succeeds(
        ["python3", "-m", "pytest", "--version"], else: "pytest is not installed for python3")

    static func has(_ tool: String) -> Bool { succeeds([tool, "--version"], else: "\(tool) is not installed") }

    /// Whether the command exits 0; prints a `skipped:` line when it does not.
    static func succeeds(_ arguments: [String], else reason: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        if process.terminationStatus != 0 { print("skipped: \(reason)") }
        return process.terminationStatus == 0
    }
}
