import AetCore
import AetWorkspace
import Foundation
import Testing

/// A real git repository in its own temporary directory: `git init -b main`, one committed file
/// `a.txt` ("one\n"). Git runs with an isolated HOME and no system config, so the machine's git
/// config cannot change the outcome.
struct TestRepository {
    /// The temporary directory holding the repository (`repo/`) and anything else a test needs.
    let directory: String
    /// The repository's main working tree.
    let root: String
    /// The environment git and setup commands run with.
    let environment: [String: String]
    /// A git runner for fixtures and assertions (identity `tester <tester@example.com>`).
    let git: Git

    /// Runs `body` with a fresh repository and removes it afterwards.
    static func with<T>(_ body: (TestRepository) async throws -> T) async throws -> T {
        let base = FileManager.default.temporaryDirectory.path + "/aet-workspace-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base + "/home", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/repo", withIntermediateDirectories: true)
        defer {
            do { try FileManager.default.removeItem(atPath: base) } catch {
                Issue.record("could not remove \(base): \(error)")
            }
        }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": base + "/home",
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        var configuration = Git.Configuration()
        configuration.environment = environment
        configuration.identity = Git.Identity(name: "tester", email: "tester@example.com")
        let repository = TestRepository(
            directory: base,
            root: base + "/repo",
            environment: environment,
            git: Git(configuration: configuration)
        )
        try await repository.run(["init", "--quiet", "-b", "main"])
        try repository.write("a.txt", "one\n")
        try await repository.commitAll("initial")
        return try await body(repository)
    }

    /// A manager for this repository with the isolated environment, optionally adjusted.
    func manager(_ adjust: (inout WorkspaceManager.Configuration) -> Void = { _ in }) -> WorkspaceManager {
        var configuration = WorkspaceManager.Configuration()
        configuration.git.environment = environment
        configuration.setupEnvironment = environment
        adjust(&configuration)
        return WorkspaceManager(repositoryRoot: root, configuration: configuration)
    }

    // MARK: - Files

    func write(_ path: String, _ text: String, in directory: String? = nil) throws {
        let full = (directory ?? root) + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String, in directory: String? = nil) -> String? {
        FileManager.default.contents(atPath: (directory ?? root) + "/" + path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func delete(_ path: String, in directory: String? = nil) throws {
        try FileManager.default.removeItem(atPath: (directory ?? root) + "/" + path)
    }

    // MARK: - Git

    /// Runs git in `directory` (default: the main working tree) and returns its trimmed stdout.
    @discardableResult
    func run(_ arguments: [String], in directory: String? = nil) async throws -> String {
        let output = try await git.run(arguments, in: directory ?? root)
        return output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func commitAll(_ message: String, in directory: String? = nil) async throws {
        try await run(["add", "-A"], in: directory)
        try await run(["commit", "--quiet", "-m", message], in: directory)
    }

    /// The commit a revision names.
    func commit(_ revision: String, in directory: String? = nil) async throws -> CommitID {
        try #require(CommitID(try await run(["rev-parse", "--verify", "\(revision)^{commit}"], in: directory)))
    }

    /// `git status --porcelain` including untracked files.
    func status(in directory: String? = nil) async throws -> String {
        try await git.run(["status", "--porcelain=v1", "--untracked-files=all"], in: directory ?? root).standardOutput
    }

    /// Whether a ref or pseudo-ref (e.g. `MERGE_HEAD`) exists in `directory`.
    func refExists(_ name: String, in directory: String? = nil) async throws -> Bool {
        try await git.run(
            ["rev-parse", "--quiet", "--verify", name],
            in: directory ?? root,
            acceptedExitCodes: [0, 1]
        )
        .exitStatus == 0
    }

    /// The worktree paths git knows, main first.
    func worktreePaths() async throws -> [String] {
        try await run(["worktree", "list", "--porcelain"]).split(separator: "\n")
            .filter { $0.hasPrefix("worktree ") }.map { String($0.dropFirst("worktree ".count)) }
    }
}

/// Runs `body` and returns the ``WorkspaceError`` it throws (failing the test when it throws none or another error).
func workspaceError(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> WorkspaceError? {
    do {
        try await body()
        Issue.record("expected a WorkspaceError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as WorkspaceError {
        return error
    } catch {
        Issue.record("expected a WorkspaceError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
