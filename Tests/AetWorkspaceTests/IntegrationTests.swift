import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// Both ways of building a merge; `automatic` picks merge-tree on this machine's git.
let integrationMethods: [WorkspaceManager.IntegrationMethod] = [.mergeTree, .temporaryWorktree]

@Suite struct IntegrationTests {
    /// Moves the main working tree off `main`, so `main` is checked out nowhere and is advanced by `update-ref`.
    func leaveMain(_ repo: TestRepository) async throws {
        try await repo.run(["checkout", "--quiet", "-b", "user-work"])
    }

    @Test func fastForwardWhenTheBaseDidNotMove() async throws {
        try await TestRepository.with { repo in
            try await leaveMain(repo)
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            let ticketHead = try await repo.commit("aet/T-1")

            let result = try await manager.integrate(workspace)
            #expect(result == .fastForwarded(to: ticketHead))
            #expect(try await repo.commit("main") == ticketHead)
            #expect(try await repo.run(["reflog", "-1", "--format=%gs", "main"]) == "aet: integrate T-1")
        }
    }

    @Test(arguments: integrationMethods)
    func mergeCommitWhenTheBaseMovedMeanwhile(method: WorkspaceManager.IntegrationMethod) async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager { $0.integrationMethod = method }
            let workspace = try await manager.prepare(ticket: TicketID(2), baseBranch: "main")
            try repo.write("b.txt", "from the ticket\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            try repo.write("c.txt", "from main\n")
            try await repo.commitAll("main moves on")
            try await leaveMain(repo)
            let oldMain = try await repo.commit("main")
            let ticketHead = try await repo.commit("aet/T-2")

            let result = try await manager.integrate(workspace, summary: "Add b")
            guard case .merged(let commit) = result else {
                Issue.record("expected a merge commit, got \(result)")
                return
            }
            #expect(try await repo.commit("main") == commit)
            #expect(try await repo.run(["log", "-1", "--format=%P", "main"]) == "\(oldMain) \(ticketHead)")
            #expect(try await repo.run(["log", "-1", "--format=%s", "main"]) == "Merge T-2: Add b")
            #expect(try await repo.run(["log", "-1", "--format=%an <%ae>", "main"]) == "aet <aet@localhost>")
            #expect(try await repo.run(["ls-tree", "--name-only", "main"]) == "a.txt\nb.txt\nc.txt")
            #expect(try await repo.worktreePaths().count == 2)  // no temporary worktree is left behind
        }
    }

    @Test(arguments: integrationMethods)
    func conflictChangesNothingAnywhere(method: WorkspaceManager.IntegrationMethod) async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager { $0.integrationMethod = method }
            let workspace = try await manager.prepare(ticket: TicketID(3), baseBranch: "main")
            try repo.write("a.txt", "ticket\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "edit a")
            try repo.write("a.txt", "main\n")
            try await repo.commitAll("edit a on main")
            let mainBefore = try await repo.commit("main")
            let ticketBefore = try await repo.commit("aet/T-3")
            let worktreesBefore = try await repo.worktreePaths()

            let result = try await manager.integrate(workspace)
            guard case .conflict(let files, let details) = result else {
                Issue.record("expected a conflict, got \(result)")
                return
            }
            #expect(files == ["a.txt"])
            #expect(details.contains("CONFLICT (content): Merge conflict in a.txt"))
            #expect(!result.isIntegrated)
            #expect(try await repo.commit("main") == mainBefore)
            #expect(try await repo.commit("aet/T-3") == ticketBefore)
            #expect(try await repo.status(in: workspace.path) == "")
            #expect(try await repo.status() == "")
            #expect(try await repo.refExists("MERGE_HEAD", in: workspace.path) == false)
            #expect(try await repo.refExists("MERGE_HEAD") == false)
            #expect(repo.read("a.txt", in: workspace.path) == "ticket\n")
            #expect(repo.read("a.txt") == "main\n")
            #expect(try await repo.worktreePaths() == worktreesBefore)
        }
    }

    @Test func baseCheckedOutAndCleanIsAdvancedInPlace() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(4), baseBranch: "main")
            try repo.write("a.txt", "one\nfrom the ticket\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "extend a")
            try repo.write("untracked-note.txt", "the user's scratch file\n")

            let result = try await manager.integrate(workspace)
            #expect(result == .fastForwarded(to: try await repo.commit("aet/T-4")))
            #expect(try await repo.commit("HEAD") == repo.commit("aet/T-4"))
            #expect(repo.read("a.txt") == "one\nfrom the ticket\n")
            #expect(try await repo.status() == "?? untracked-note.txt\n")
        }
    }

    @Test func baseCheckedOutAndCleanGetsTheMergeCommit() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(5), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            try repo.write("c.txt", "c\n")
            try await repo.commitAll("main moves on")

            let result = try await manager.integrate(workspace)
            guard case .merged(let commit) = result else {
                Issue.record("expected a merge commit, got \(result)")
                return
            }
            #expect(try await repo.commit("HEAD") == commit)
            #expect(repo.read("b.txt") == "b\n")
            #expect(try await repo.status() == "")
        }
    }

    @Test func dirtyCheckoutTouchingTheMergedFilesWaitsAndNothingChanges() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(6), baseBranch: "main")
            try repo.write("a.txt", "one\nfrom the ticket\n", in: workspace.path)
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "edit a, add b")
            try repo.write("a.txt", "the user's unsaved edit\n")
            let mainBefore = try await repo.commit("main")
            let statusBefore = try await repo.status()

            let result = try await manager.integrate(workspace)
            guard case .waiting(let files, let reason) = result else {
                Issue.record("expected a wait, got \(result)")
                return
            }
            #expect(files == ["a.txt"])
            #expect(reason.contains("your uncommitted changes in \(repo.root) touch a.txt"))
            #expect(!result.isIntegrated)
            #expect(try await repo.commit("main") == mainBefore)
            #expect(try await repo.status() == statusBefore)
            #expect(repo.read("a.txt") == "the user's unsaved edit\n")
            #expect(!repo.exists(repo.root + "/b.txt"))

            // Once the user's change is reverted, the same call succeeds.
            try await repo.run(["checkout", "--", "a.txt"])
            #expect(try await manager.integrate(workspace).isIntegrated)
            #expect(repo.read("b.txt") == "b\n")
            #expect(try await repo.status() == "")
        }
    }

    @Test(arguments: [false, true])
    func dirtyCheckoutElsewhereLandsAndKeepsEveryUserEditExactly(baseMoved: Bool) async throws {
        try await TestRepository.with { repo in
            try repo.write("c.txt", "c\n")
            try repo.write(".gitignore", "*.log\n")
            try await repo.commitAll("more files")
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(11), baseBranch: "main")
            try repo.write("b.txt", "from the ticket\n", in: workspace.path)
            try repo.write("dir/new.txt", "new\n", in: workspace.path)
            try repo.write("c.txt", "c\nfrom the ticket\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b, extend c")
            if baseMoved {
                try repo.write("e.txt", "the user's commit\n")
                try await repo.commitAll("the user commits meanwhile")
            }
            // Every kind of uncommitted change, none of them to a file the ticket changes.
            try repo.write("a.txt", "one\nstaged\n")
            try await repo.run(["add", "a.txt"])
            try repo.write("a.txt", "one\nstaged\nand unstaged on top\n")
            try repo.write("staged-new.txt", "a new staged file\n")
            try await repo.run(["add", "staged-new.txt"])
            try repo.write("notes/untracked.txt", "untracked\n")
            try repo.write("debug.log", "ignored\n")
            let statusBefore = try await repo.status()
            let stagedBefore = try await repo.run(["diff", "--cached"])
            let unstagedBefore = try await repo.run(["diff"])

            let result = try await manager.integrate(workspace)
            #expect(result.isIntegrated, "\(result)")
            if baseMoved {
                guard case .merged = result else {
                    Issue.record("expected a merge commit, got \(result)")
                    return
                }
            } else {
                #expect(result == .fastForwarded(to: try await repo.commit("aet/T-11")))
            }
            #expect(try await repo.commit("HEAD") == result.baseHead)
            #expect(repo.read("b.txt") == "from the ticket\n")
            #expect(repo.read("dir/new.txt") == "new\n")
            #expect(repo.read("c.txt") == "c\nfrom the ticket\n")
            // The user's edits, byte for byte, staged and unstaged apart as before.
            #expect(repo.read("a.txt") == "one\nstaged\nand unstaged on top\n")
            #expect(try await repo.run(["show", ":a.txt"]) == "one\nstaged")
            #expect(repo.read("staged-new.txt") == "a new staged file\n")
            #expect(repo.read("notes/untracked.txt") == "untracked\n")
            #expect(repo.read("debug.log") == "ignored\n")
            #expect(try await repo.status() == statusBefore)
            #expect(try await repo.run(["diff", "--cached"]) == stagedBefore)
            #expect(try await repo.run(["diff"]) == unstagedBefore)
        }
    }

    @Test func gitsOwnCheckWhileUpdatingProtectsWhatStatusDoesNotShow() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(12), baseBranch: "main")
            try repo.write("a.txt", "one\nfrom the ticket\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "extend a")
            // An edit `git status` does not list (as if made after aet's check): git refuses to overwrite it.
            try await repo.run(["update-index", "--assume-unchanged", "a.txt"])
            try repo.write("a.txt", "the user's hidden edit\n")
            let mainBefore = try await repo.commit("main")

            let result = try await manager.integrate(workspace)
            guard case .waiting(let files, let reason) = result else {
                Issue.record("expected a wait, got \(result)")
                return
            }
            #expect(files.isEmpty)
            #expect(reason.contains("git refused to update main at \(repo.root)"))
            #expect(reason.contains("would be overwritten"))
            #expect(try await repo.commit("main") == mainBefore)
            #expect(repo.read("a.txt") == "the user's hidden edit\n")
        }
    }

    @Test func untrackedOrIgnoredFileInTheWayWaits() async throws {
        try await TestRepository.with { repo in
            try repo.write(".gitignore", "*.log\n")
            try await repo.commitAll("ignore logs")
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(7), baseBranch: "main")
            try repo.write("b.txt", "from the ticket\n", in: workspace.path)
            try repo.write("keep.log", "from the ticket\n", in: workspace.path)
            try await repo.run(["add", "-f", "keep.log"], in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            try repo.write("b.txt", "the user's own untracked b\n")
            try repo.write("keep.log", "the user's ignored log\n")
            let mainBefore = try await repo.commit("main")

            let result = try await manager.integrate(workspace)
            #expect(
                result
                    == .waiting(
                        files: ["b.txt", "keep.log"],
                        reason: "your uncommitted changes in \(repo.root) touch b.txt, keep.log"))
            #expect(try await repo.commit("main") == mainBefore)
            #expect(repo.read("b.txt") == "the user's own untracked b\n")
            #expect(repo.read("keep.log") == "the user's ignored log\n")
        }
    }

    @Test func baseBeingRebasedWaits() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(10), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            // The user rebases main onto a branch that conflicts: the rebase stops with HEAD detached.
            try await repo.run(["checkout", "--quiet", "-b", "other"])
            try repo.write("a.txt", "other\n")
            try await repo.commitAll("other edits a")
            try await repo.run(["checkout", "--quiet", "main"])
            try repo.write("a.txt", "main\n")
            try await repo.commitAll("main edits a")
            let mainBefore = try await repo.commit("main")
            let rebase = try await repo.git.run(["rebase", "other"], in: repo.root, acceptedExitCodes: [1])
            #expect(rebase.exitStatus == 1)

            let result = try await manager.integrate(workspace)
            guard case .waiting(_, let reason) = result else {
                Issue.record("expected a wait, got \(result)")
                return
            }
            #expect(reason.contains("being rebased"))
            #expect(try await repo.commit("main") == mainBefore)
        }
    }

    @Test func integratingTwiceIsSafe() async throws {
        try await TestRepository.with { repo in
            try await leaveMain(repo)
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(8), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            let first = try await manager.integrate(workspace)
            let second = try await manager.integrate(workspace)
            #expect(second == .alreadyIntegrated(head: try #require(first.baseHead)))
            #expect(try await repo.commit("main") == first.baseHead)
        }
    }

    @Test func intoAnotherBranchAndUnknownBase() async throws {
        try await TestRepository.with { repo in
            try await repo.run(["branch", "release"])
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(9), baseBranch: "main")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            let error = await workspaceError { _ = try await manager.integrate(workspace, into: "nope") }
            #expect(error?.code == .unknownBaseBranch)
            #expect(
                try await manager.integrate(workspace, into: "release") == .fastForwarded(to: repo.commit("aet/T-9"))
            )
            #expect(try await repo.commit("main") != repo.commit("release"))
        }
    }
}
