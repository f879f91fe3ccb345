import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// A real git repository in its own temporary directory: `git init -b main`, one committed file
/// `a.txt` ("one\n"), git isolated from the machine's config (the test kit's ``GitRepositoryFixture``).
typealias TestRepository = GitRepositoryFixture

extension GitRepositoryFixture {
    /// Runs `body` with a fresh repository and removes it afterwards.
    static func with<T>(_ body: (TestRepository) async throws -> T) async throws -> T {
        try await with(prefix: "aet-workspace-tests", body)
    }

    // MARK: - Files

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func delete(_ path: String, in directory: String? = nil) throws {
        try FileManager.default.removeItem(atPath: (directory ?? root) + "/" + path)
    }

    // MARK: - Git

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
