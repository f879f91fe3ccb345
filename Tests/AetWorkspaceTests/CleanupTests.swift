import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

@Suite struct CleanupTests {
    @Test func removesWorktreeAndBranchAfterIntegration() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            try repo.write("scratch.tmp", "uncommitted leftovers\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, message: "T-1 implement: add b")
            #expect(try await manager.integrate(workspace).isIntegrated)

            try await manager.cleanup(workspace)
            #expect(!repo.exists(workspace.path))
            #expect(try await repo.refExists("refs/heads/aet/T-1") == false)
            #expect(try await repo.worktreePaths() == [manager.repositoryRoot])
            #expect(repo.read("b.txt") == "b\n")
            // Idempotent.
            try await manager.cleanup(workspace)
        }
    }

    @Test func keepsUnintegratedWorkForInspection() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(2), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, message: "T-2 implement: add b")

            let error = await workspaceError { try await manager.cleanup(workspace) }
            #expect(error?.code == .notIntegrated)
            #expect(repo.read("b.txt", in: workspace.path) == "b\n")
            #expect(try await repo.refExists("refs/heads/aet/T-2"))
        }
    }

    @Test func removeCanKeepOrDeleteTheBranch() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(3), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, message: "T-3 implement: add b")

            try await manager.remove(workspace, keepBranch: true)
            #expect(!repo.exists(workspace.path))
            #expect(try await repo.refExists("refs/heads/aet/T-3"))

            try await manager.remove(workspace, keepBranch: false)
            #expect(try await repo.refExists("refs/heads/aet/T-3") == false)
            #expect(try await repo.worktreePaths() == [manager.repositoryRoot])
        }
    }

    @Test func pruneForgetsWorktreesDeletedByHand() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(4), baseBranch: "main")
            try FileManager.default.removeItem(atPath: workspace.path)
            try await manager.prune()
            #expect(try await repo.worktreePaths() == [manager.repositoryRoot])
        }
    }
}
