import AetAgents
import AetCore
import AetTesting
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch area for one test: a worktree, a run directory, and `bin/fake-agent`, all under a fresh
/// temporary directory that is removed afterwards.
struct AgentBench: Sendable {
    let root: String

    var worktree: String { root + "/worktree" }
    var runDirectory: String { root + "/run" }
    var binDirectory: String { root + "/bin" }
    var fakeAgent: String { binDirectory + "/fake-agent" }

    /// A `PATH` holding the fake agent first, then the system.
    var searchPath: String { binDirectory + ":/usr/local/bin:/usr/bin:/bin" }

    /// Runs `body` with a new bench.
    static func with<Result>(_ body: (AgentBench) async throws -> Result) async throws -> Result {
        try await TemporaryDirectory.with(prefix: "aet-agents") { root in
            let bench = AgentBench(root: root)
            for directory in [bench.worktree, bench.runDirectory, bench.binDirectory] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try bench.writeExecutable(FakeAgentScript.text, at: bench.fakeAgent)
            return try await body(bench)
        }
    }

    /// Writes an executable script.
    func writeExecutable(_ text: String, at path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// The fake agent, run directly, with the given knobs as its whole environment (plus `PATH`).
    func command(
        _ knobs: [String: String] = [:],
        arguments: [String] = [],
        standardInput: StandardInputSource = .closed
    ) -> ProcessCommand {
        ProcessCommand(
            executable: fakeAgent,
            arguments: arguments,
            environment: ["PATH": searchPath].merging(knobs) { $1 },
            workingDirectory: worktree,
            standardInput: standardInput
        )
    }

    /// A supervisor with test-sized limits: 5 s wall (so nothing hangs a test), 300 ms grace, logs in the
    /// run directory.
    func supervisor(
        // Generous: under a fully loaded test run a fake agent can take seconds to start; a test
        // that wants a wall timeout sets a short one itself.
        wall: Duration? = .seconds(120),
        idle: Duration? = nil,
        grace: Duration = .milliseconds(300),
        maxOutputBytes: Int = 1 << 20,
        maxLineBytes: Int = 1 << 20,
        redactor: Redactor = .none,
        sandbox: SandboxPolicy = .levelZero
    ) -> ProcessSupervisor {
        ProcessSupervisor(
            configuration: .init(
                wallTimeout: wall,
                idleTimeout: idle,
                terminationGracePeriod: grace,
                maxOutputBytes: maxOutputBytes,
                maxLineBytes: maxLineBytes,
                logDirectory: runDirectory,
                redactor: redactor,
                sandbox: sandbox
            )
        )
    }

    /// A request for the `command` runtime, with test-sized limits.
    func request(
        prompt: String = "Do the thing.",
        limits: RunLimits = RunLimits(wallTimeout: .seconds(5), idleTimeout: .seconds(5)),
        environment: [String: String] = [:],
        model: String? = nil
    ) -> AgentRunRequest {
        AgentRunRequest(
            runID: RunID(ticket: TicketID(7), stage: .test, attempt: 1),
            ticket: TicketID(7),
            stage: .test,
            roleName: "tester",
            worktree: worktree,
            prompt: prompt,
            instructions: "Run the tests.",
            model: model,
            limits: limits,
            environment: environment,
            runDirectory: runDirectory
        )
    }

    /// A `command` runtime configuration whose host environment is this test process's own plus `extra`.
    func runtimeConfiguration(hostExtra: [String: String] = [:]) -> CommandRuntime.Configuration {
        var host = ProcessInfo.processInfo.environment.merging(hostExtra) { $1 }
        host["PATH"] = searchPath
        return CommandRuntime.Configuration(hostEnvironment: host, terminationGracePeriod: .milliseconds(300))
    }

    /// Reads a file as text.
    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

/// Whether a process still runs: `kill -0` reaches it and it is not a zombie. (A killed process whose
/// parent died is reparented to init, and some inits, this machine's among them, reap only every
/// second or so; until then `kill -0` still succeeds on the corpse.)
func processIsRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),  // nil: already gone
        let close = stat.lastIndex(of: ")")
    else { return procAvailable ? false : true }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
}

/// Whether `prlimit` (util-linux) is installed where the sandbox looks for it.
let prlimitInstalled = SandboxPolicy.levelZero.prlimitPath != nil

/// Whether `setsid` (util-linux) is installed.
let setsidInstalled = ["/usr/bin/setsid", "/bin/setsid"].contains { FileManager.default.isExecutableFile(atPath: $0) }

/// Whether `/proc` is readable (Linux).
let procAvailable = FileManager.default.fileExists(atPath: "/proc/self/limits")
