import AetCLI
import AetCore
import AetStore
import AetTesting
import Foundation

/// The outcome of one in-process `aet` invocation.
struct CLIResult {
    var code: Int32
    var stdout: String
    var stderr: String

    /// Standard output split into lines (without the final empty one).
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// A throwaway git repository (just a `.git` directory with a `HEAD` file) in its own temporary
/// directory, in which tests run `aet` in-process.
struct TestRepository {
    /// The repository root.
    let root: String
    /// The clock every invocation sees (and the store stamps on events).
    let now: Date

    /// 2026-11-25T14:03:12Z.
    static let fixedNow = Date(timeIntervalSince1970: 1_795_615_392)

    /// Runs `body` with a fresh repository whose `HEAD` points at `branch`, and removes it afterwards.
    static func with(
        branch: String = "main",
        now: Date = fixedNow,
        _ body: (TestRepository) async throws -> Void
    ) async throws {
        try await TemporaryDirectory.with(prefix: "aet-cli") { root in
            try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
            try Data("ref: refs/heads/\(branch)\n".utf8).write(to: URL(fileURLWithPath: root + "/.git/HEAD"))
            try await body(TestRepository(root: root, now: now))
        }
    }

    /// Runs `body` with an empty temporary directory that is not a git repository.
    static func withPlainDirectory(_ body: (String) async throws -> Void) async throws {
        try await TemporaryDirectory.with(prefix: "aet-cli-plain", body)
    }

    /// The default store of the project.
    var storePath: String { root + "/.aet/aet.db" }
    /// The JSON log file.
    var logPath: String { root + "/.aet/logs/aet.log" }
    /// The config file.
    var configPath: String { root + "/.aet/config.yaml" }

    /// Runs `aet` with these arguments in the repository (or `directory`).
    func run(_ arguments: String..., in directory: String? = nil, variables: [String: String] = [:]) async -> CLIResult
    {
        await Self.run(arguments, in: directory ?? root, variables: variables, now: now)
    }

    /// Runs `aet init` and `aet create` for each description; returns nothing but fails loudly.
    func initialize(creating descriptions: [String] = []) async throws {
        let initResult = await run("init")
        guard initResult.code == 0 else { throw TestFailure("aet init failed: \(initResult.stderr)") }
        for description in descriptions {
            let result = await run("create", description)
            guard result.code == 0 else { throw TestFailure("aet create failed: \(result.stderr)") }
        }
    }

    /// Opens the project's store directly (to append events the CLI cannot, or count them).
    func openStore() throws -> SQLiteEventStore {
        let now = now
        return try SQLiteEventStore(path: storePath, now: { Timestamp(now) })
    }

    /// How many events the store holds.
    func eventCount() async throws -> Int64 {
        try await openStore().headPosition().rawValue
    }

    /// Runs `aet` in-process in any directory.
    static func run(
        _ arguments: [String],
        in directory: String,
        variables: [String: String] = [:],
        now: Date = fixedNow,
        terminal: Bool = false
    ) async -> CLIResult {
        let output = terminal ? TextSink.capturingTerminal() : TextSink.capturing()
        let errors = terminal ? TextSink.capturingTerminal() : TextSink.capturing()
        let environment = CLIEnvironment(
            variables: variables,
            workingDirectory: directory,
            standardOutput: output,
            standardError: errors,
            now: { now }
        )
        let code = await AetCLI.main(arguments: arguments, environment: environment)
        return CLIResult(code: code, stdout: output.text, stderr: errors.text)
    }
}

/// A failed precondition of a test.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
