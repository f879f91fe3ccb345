import AetAgents
import AetCore
import AetTesting
import Foundation

/// A scratch area for one CLI-runtime test: a git worktree, a run directory, a `bin/` for fake
/// CLIs, under a fresh temporary directory removed afterwards.
struct CLIBench: Sendable {
    let root: String

    /// The git repository (``GitRepositoryFixture/root``).
    var worktree: String { root + "/repo" }
    var runDirectory: String { root + "/run" }
    var binDirectory: String { root + "/bin" }
    /// The fake CLI (``FakeCLIScript``).
    var fakeCLI: String { binDirectory + "/fake-cli" }
    /// What the fake CLI saw: its arguments (one per line), environment, stdin.
    var seenArguments: String { binDirectory + "/args.txt" }
    var seenEnvironment: String { binDirectory + "/env.txt" }
    var seenStandardInput: String { binDirectory + "/stdin.txt" }

    /// Runs `body` with a new bench whose worktree is a git repository with one commit (the test kit's
    /// ``GitRepositoryFixture``: git isolated from the machine's config).
    static func with<Result>(_ body: (CLIBench) async throws -> Result) async throws -> Result {
        try await GitRepositoryFixture.with(prefix: "aet-cli-runtime", files: ["README.md": "# scratch\n"]) {
            repository in
            let bench = CLIBench(root: repository.directory)
            for directory in [bench.runDirectory, bench.binDirectory] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try bench.writeExecutable(FakeCLIScript.text, at: bench.fakeCLI)
            return try await body(bench)
        }
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func writeExecutable(_ text: String, at path: String) throws {
        try write(text, to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// The arguments the fake CLI saw.
    func arguments() throws -> [String] {
        try read(seenArguments).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The environment the fake CLI saw.
    func environment() throws -> [String: String] {
        var environment: [String: String] = [:]
        for line in try read(seenEnvironment).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return environment
    }

    /// A request with generous limits (``limits``).
    func request(
        prompt: String = "Create hello.txt.",
        instructions: String = "You are the developer.",
        model: String? = nil,
        permission: PermissionPolicy = .editWorkspace,
        outputSchema: String? = nil,
        limits: RunLimits = CLIBench.limits,
        environment: [String: String] = [:]
    ) -> AgentRunRequest {
        AgentRunRequest(
            runID: RunID(ticket: TicketID(3), stage: .implement, attempt: 1),
            ticket: TicketID(3),
            stage: .implement,
            roleName: "developer",
            worktree: worktree,
            prompt: prompt,
            instructions: instructions,
            model: model,
            permission: permission,
            outputSchema: outputSchema,
            limits: limits,
            environment: environment,
            runDirectory: runDirectory
        )
    }

    /// A configuration running `executable` (the fake CLI by default) with this process's
    /// environment plus `hostExtra` as the host environment.
    func configuration(
        executable: String? = nil,
        hostExtra: [String: String] = [:],
        extraArguments: [String] = [],
        runsAsRoot: Bool? = nil
    ) -> CLIRuntimeConfiguration {
        CLIRuntimeConfiguration(
            hostEnvironment: ProcessInfo.processInfo.environment.merging(hostExtra) { $1 },
            executable: executable ?? fakeCLI,
            extraArguments: extraArguments,
            terminationGracePeriod: .milliseconds(500),
            runsAsRoot: runsAsRoot
        )
    }
}

/// A stand-in for an agent CLI: records its arguments, environment and stdin next to itself, then
/// prints a prepared file and behaves as the `FAKE_*` variables say.
enum FakeCLIScript {
    static let text = #"""
        #!/bin/sh
        # fake-cli: FAKE_LINES=<file> print it; FAKE_STDERR=<text>; FAKE_HANG=1 hang afterwards;
        # FAKE_SIGNAL=<name> kill itself; FAKE_EXIT=<n> exit code.
        d="$(dirname "$0")"
        for a in "$@"; do printf '%s\n' "$a"; done > "$d/args.txt"
        env > "$d/env.txt"
        cat > "$d/stdin.txt"
        [ -n "$FAKE_STDERR" ] && printf '%s\n' "$FAKE_STDERR" >&2
        [ -n "$FAKE_LINES" ] && cat "$FAKE_LINES"
        [ -n "$FAKE_HANG" ] && sleep 1000
        [ -n "$FAKE_SIGNAL" ] && kill -s "$FAKE_SIGNAL" $$
        exit "${FAKE_EXIT:-0}"
        """#
}
