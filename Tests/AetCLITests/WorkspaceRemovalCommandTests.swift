import AetCore
import AetStore
import AetWorkspace
import Foundation
import Testing

/// `aet cancel` and `aet dlq remove` remove the ticket's worktree and branch (`--keep-branch` keeps the
/// branch); the user's checkout and other branches are never touched.
@Suite struct WorkspaceRemovalCommandTests {
    /// A project with T-1 created and its worktree `.aet/worktrees/T-1` on `aet/T-1` holding a commit,
    /// plus the user's own branch `aet-notes` and an uncommitted change in the checkout.
    private func withWorktree(_ body: (GitProject) async throws -> Void) async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            #expect(await project.run("create", "Some work").code == 0)
            var configuration = WorkspaceManager.Configuration()
            configuration.git.environment = project.variables()
            let manager = WorkspaceManager(repositoryRoot: project.root, configuration: configuration)
            let workspace = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try Data("work\n".utf8).write(to: URL(fileURLWithPath: workspace.path + "/work.txt"))
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "some work")
            _ = try await project.git("branch", "aet-notes")
            try project.write("README.md", "# greeter\n\nGreetings!\n")
            try await body(project)
            let status = try await project.git("status", "--porcelain", "--", "README.md")
            #expect(status == "M README.md")
            let current = try await project.git("branch", "--show-current")
            #expect(current == "main")
        }
    }

    private func branches(_ project: GitProject) async throws -> [String] {
        try await project.git("branch", "--list", "--format=%(refname:short)").split(separator: "\n").map(String.init)
    }

    @Test func cancelRemovesTheWorktreeAndBranch() async throws {
        try await withWorktree { project in
            let result = await project.run("cancel", "T-1")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(
                result.stdout
                    == "cancelled T-1: cancelled by user; removed its worktree .aet/worktrees/T-1 and branch aet/T-1\n")
            #expect(!FileManager.default.fileExists(atPath: project.root + "/.aet/worktrees/T-1"))
            let left = try await branches(project)
            #expect(left == ["aet-notes", "main"])
        }
    }

    @Test func cancelKeepBranchKeepsTheBranchWithItsWork() async throws {
        try await withWorktree { project in
            let result = await project.run("cancel", "T-1", "--keep-branch")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(
                result.stdout
                    == "cancelled T-1: cancelled by user; removed its worktree .aet/worktrees/T-1 and kept branch aet/T-1\n"
            )
            #expect(!FileManager.default.fileExists(atPath: project.root + "/.aet/worktrees/T-1"))
            let left = try await branches(project)
            #expect(left == ["aet-notes", "aet/T-1", "main"])
            let kept = try await project.git("show", "aet/T-1:work.txt")
            #expect(kept == "work")
        }
    }

    @Test(arguments: [false, true])
    func dlqRemoveRemovesTheWorktreeAndBranchUnlessKept(_ keepBranch: Bool) async throws {
        try await withWorktree { project in
            let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
            try await Histories.append(Histories.deadLettered, to: TicketID(1), in: store)
            try store.close()
            let result =
                keepBranch
                ? await project.run("dlq", "remove", "T-1", "--keep-branch") : await project.run("dlq", "remove", "T-1")
            #expect(result.code == 0, "\(result.stderr)")
            let removed =
                keepBranch
                ? "removed its worktree .aet/worktrees/T-1 and kept branch aet/T-1"
                : "removed its worktree .aet/worktrees/T-1 and branch aet/T-1"
            #expect(result.stdout == "removed T-1 from the dead-letter queue; it stays failed; \(removed).\n")
            #expect(!FileManager.default.fileExists(atPath: project.root + "/.aet/worktrees/T-1"))
            let left = try await branches(project)
            #expect(left == (keepBranch ? ["aet-notes", "aet/T-1", "main"] : ["aet-notes", "main"]))
        }
    }
}
