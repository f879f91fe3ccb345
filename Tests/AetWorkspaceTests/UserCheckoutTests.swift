import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// The user's own working tree, index and uncommitted changes are never touched.
@Suite struct UserCheckoutTests {
    struct Snapshot: Equatable {
        var status: String
        var staged: String
        var unstaged: String
        var head: String
        var files: [String: String?]
    }

    func snapshot(_ repo: TestRepository) async throws -> Snapshot {
        Snapshot(
            status: try await repo.status(),
            staged: try await repo.run(["diff", "--cached"]),
            unstaged: try await repo.run(["diff"]),
            head: try await repo.run(["symbolic-ref", "HEAD"]) + " " + repo.run(["rev-parse", "HEAD"]),
            files: Dictionary(
                uniqueKeysWithValues: ["a.txt", "staged.txt", "scratch.txt", "shared.txt"].map { ($0, repo.read($0)) }
            )
        )
    }

    @Test(arguments: integrationMethods)
    func dirtyMainCheckoutStaysExactlyAsItWas(method: WorkspaceManager.IntegrationMethod) async throws {
        try await TestRepository.with { repo in
            // The user works on their own branch with every kind of uncommitted change.
            try repo.write("shared.txt", "base\n")
            try await repo.commitAll("shared file")
            try await repo.run(["checkout", "--quiet", "-b", "user-work"])
            try repo.write("a.txt", "one\nunstaged edit\n")
            try repo.write("staged.txt", "staged new file\n")
            try await repo.run(["add", "staged.txt"])
            try repo.write("shared.txt", "base\nuser's unstaged edit\n")
            try repo.write("scratch.txt", "untracked\n")
            let before = try await snapshot(repo)

            let manager = repo.manager { $0.integrationMethod = method }
            let workspace = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try repo.write("shared.txt", "base\nticket's edit\n", in: workspace.path)
            try repo.write("a.txt", "one\nticket's edit\n", in: workspace.path)
            _ = try await manager.checkpoint(
                workspace,
                stage: .implement,
                summary: "edit files the user is editing too"
            )
            #expect(try await snapshot(repo) == before)

            // main moves on (not in the user's checkout), so integration builds a merge commit.
            let other = try await manager.prepare(ticket: TicketID(2), baseBranch: "main")
            try repo.write("other.txt", "other\n", in: other.path)
            _ = try await manager.checkpoint(other, stage: .implement, summary: "other")
            #expect(try await manager.integrate(other).isIntegrated)
            let result = try await manager.integrate(workspace)
            guard case .merged = result else {
                Issue.record("expected a merge commit, got \(result)")
                return
            }
            #expect(try await snapshot(repo) == before)

            try await manager.cleanup(workspace)
            try await manager.cleanup(other)
            #expect(try await snapshot(repo) == before)
            #expect(try await repo.run(["ls-tree", "--name-only", "main"]) == "a.txt\nother.txt\nshared.txt")
        }
    }
}
