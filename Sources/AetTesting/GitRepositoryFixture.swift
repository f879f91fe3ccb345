public import AetWorkspace
import Foundation

/// A real git repository for one test, in its own ``TemporaryDirectory``: `<directory>/repo` made with
/// `git init -b main` holding one commit of the given files, and `<directory>/home` as git's HOME.
/// Git runs with that isolated HOME and `GIT_CONFIG_NOSYSTEM=1`, so the machine's git config cannot
/// change the outcome.
///
/// ```swift
/// try await GitRepositoryFixture.with(prefix: "aet-workspace-tests") { repository in
///     try repository.write("b.txt", "two\n")
///     try await repository.commitAll("add b")
/// }
/// ```
public struct GitRepositoryFixture: Sendable {
    /// The temporary directory holding the repository (`repo/`), the HOME (`home/`) and anything else a test needs.
    public let directory: String
    /// The repository's main working tree.
    public let root: String
    /// The isolated HOME.
    public let home: String
    /// The environment git (and whatever else a test starts) runs with: `PATH`, the isolated HOME,
    /// `GIT_CONFIG_NOSYSTEM=1`.
    public let environment: [String: String]
    /// A git runner with ``environment`` and the fixture's identity.
    public let git: Git

    /// The identity fixtures commit with unless told otherwise: `tester <tester@example.com>`.
    public static let tester = Git.Identity(name: "tester", email: "tester@example.com")

    /// Runs `body` with a fresh repository and removes it afterwards.
    /// - Parameters:
    ///   - prefix: The start of the temporary directory's name, e.g. `aet-workspace-tests`.
    ///   - identity: Who commits through ``git`` (the initial commit included).
    ///   - files: The files of the initial commit, by path relative to the working tree.
    ///   - body: Gets the repository.
    /// - Returns: What `body` returns.
    public static func with<Result>(
        prefix: String,
        identity: Git.Identity = tester,
        files: [String: String] = ["a.txt": "one\n"],
        _ body: (GitRepositoryFixture) async throws -> Result
    ) async throws -> Result {
        try await TemporaryDirectory.with(prefix: prefix) { directory in
            let repository = try GitRepositoryFixture(directory: directory, identity: identity)
            try await repository.run(["init", "--quiet", "-b", "main"])
            for (path, text) in files { try repository.write(path, text) }
            try await repository.commitAll("initial")
            return try await body(repository)
        }
    }

    private init(directory: String, identity: Git.Identity) throws {
        self.directory = directory
        root = directory + "/repo"
        home = directory + "/home"
        for path in [root, home] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        var configuration = Git.Configuration()
        configuration.environment = environment
        configuration.identity = identity
        git = Git(configuration: configuration)
    }

    /// A workspace manager for this repository whose git and setup commands run with ``environment``.
    /// - Parameter adjust: Changes to the configuration, e.g. a setup command.
    public func manager(_ adjust: (inout WorkspaceManager.Configuration) -> Void = { _ in }) -> WorkspaceManager {
        var configuration = WorkspaceManager.Configuration()
        configuration.git.environment = environment
        configuration.setupEnvironment = environment
        adjust(&configuration)
        return WorkspaceManager(repositoryRoot: root, configuration: configuration)
    }

    // MARK: - Files

    /// Writes `text` to `path` relative to `directory` (default: the working tree), creating directories.
    public func write(_ path: String, _ text: String, in directory: String? = nil) throws {
        let full = (directory ?? root) + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    /// The text of `path` relative to `directory` (default: the working tree), or nil when it does not exist.
    public func read(_ path: String, in directory: String? = nil) -> String? {
        FileManager.default.contents(atPath: (directory ?? root) + "/" + path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    // MARK: - Git

    /// Runs git in `directory` (default: the main working tree).
    /// - Returns: Its standard output, whitespace and newlines trimmed.
    @discardableResult
    public func run(_ arguments: [String], in directory: String? = nil) async throws -> String {
        try await git.run(arguments, in: directory ?? root).standardOutput.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Stages everything (`git add -A`) and commits it with `message`.
    public func commitAll(_ message: String, in directory: String? = nil) async throws {
        try await run(["add", "-A"], in: directory)
        try await run(["commit", "--quiet", "-m", message], in: directory)
    }
}
