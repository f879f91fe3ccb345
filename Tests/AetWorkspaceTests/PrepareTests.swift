import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

@Suite struct PrepareTests {
    @Test func createsTheWorktreeOnTheTicketBranchFromTheBase() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(12), baseBranch: "main")

            #expect(workspace.isNew)
            #expect(workspace.branch == "aet/T-12")
            #expect(workspace.path == manager.repositoryRoot + "/.aet/worktrees/T-12")
            #expect(repo.read("a.txt", in: workspace.path) == "one\n")
            #expect(try await repo.run(["symbolic-ref", "HEAD"], in: workspace.path) == "refs/heads/aet/T-12")
            #expect(try await repo.commit("aet/T-12") == repo.commit("main"))
            #expect(try await repo.worktreePaths().contains(workspace.path))
            // The main checkout does not even see the worktree as an untracked directory.
            #expect(try await repo.status() == "")
        }
    }

    @Test func isIdempotent() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let first = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try repo.write("work.txt", "in progress\n", in: first.path)
            try await repo.commitAll("some work", in: first.path)
            try repo.write("uncommitted.txt", "keep me\n", in: first.path)

            let second = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            #expect(!second.isNew)
            #expect(second.path == first.path)
            #expect(repo.read("uncommitted.txt", in: second.path) == "keep me\n")
            #expect(try await repo.run(["log", "-1", "--format=%s", "aet/T-1"]) == "some work")
            #expect(try await repo.worktreePaths().count == 2)
        }
    }

    @Test func unknownBaseBranchIsRefused() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let error = await workspaceError {
                _ = try await manager.prepare(ticket: TicketID(1), baseBranch: "develop")
            }
            #expect(error?.code == .unknownBaseBranch)
            #expect(error?.description.contains("'develop' does not exist") == true)
            #expect(!repo.exists(manager.worktreePath(for: TicketID(1))))
            let branchExists = try await repo.refExists("refs/heads/aet/T-1")
            #expect(!branchExists)
        }
    }

    @Test(arguments: ["-x", "a..b", "has space", ""])
    func invalidBaseBranchNameIsRefused(name: String) async throws {
        try await TestRepository.with { repo in
            let error = await workspaceError {
                _ = try await repo.manager().prepare(ticket: TicketID(1), baseBranch: name)
            }
            #expect(error?.code == .invalidBranchName)
        }
    }

    @Test func aKeptBranchIsCheckedOutAgainWithItsCommits() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(3), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            let head = try await repo.commit("aet/T-3")
            try await manager.remove(workspace, keepBranch: true)
            #expect(!repo.exists(workspace.path))

            let again = try await manager.prepare(ticket: TicketID(3), baseBranch: "main")
            #expect(again.isNew)
            #expect(try await repo.commit("HEAD", in: again.path) == head)
            #expect(repo.read("b.txt", in: again.path) == "b\n")
        }
    }

    @Test func aForeignDirectoryAtTheWorktreePathIsNotTakenOver() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let path = manager.worktreePath(for: TicketID(4))
            try repo.write("mine.txt", "user data\n", in: path)
            let error = await workspaceError { _ = try await manager.prepare(ticket: TicketID(4), baseBranch: "main") }
            #expect(error?.code == .worktreeConflict)
            #expect(repo.read("mine.txt", in: path) == "user data\n")
        }
    }

    @Test func aWorktreeWhoseDirectoryVanishedIsRecreated() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(5), baseBranch: "main")
            try FileManager.default.removeItem(atPath: workspace.path)
            let again = try await manager.prepare(ticket: TicketID(5), baseBranch: "main")
            #expect(again.isNew)
            #expect(repo.read("a.txt", in: again.path) == "one\n")
        }
    }

    @Test func preparesSeveralTicketsConcurrently() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager { $0.setupCommand = "echo ready > ready.txt" }
            let paths = try await withThrowingTaskGroup(of: String.self) { group in
                for number in 1...6 {
                    group.addTask { try await manager.prepare(ticket: TicketID(number), baseBranch: "main").path }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(paths).count == 6)
            #expect(paths.allSatisfy { repo.read("ready.txt", in: $0) == "ready\n" })
            #expect(try await repo.worktreePaths().count == 7)
            #expect(try await repo.status() == "")
        }
    }

    @Test func listsTicketWorkspaces() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            _ = try await manager.prepare(ticket: TicketID(7), baseBranch: "main")
            _ = try await manager.prepare(ticket: TicketID(2), baseBranch: "main")
            let tickets = try await manager.workspaces(baseBranch: "main").map(\.ticket)
            #expect(tickets == [TicketID(2), TicketID(7)])
        }
    }
}
