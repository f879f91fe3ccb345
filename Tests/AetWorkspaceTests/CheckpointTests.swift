import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

@Suite struct CheckpointTests {
    @Test func commitsEveryKindOfChange() async throws {
        try await TestRepository.with { repo in
            try repo.write("gone.txt", "bye\n")
            try repo.write("old-name.txt", "a file that will be moved\nwith enough lines\nto be a rename\n")
            try await repo.commitAll("more files")
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(12), baseBranch: "main")
            let before = try await repo.commit("HEAD", in: workspace.path)

            try repo.write("a.txt", "one\ntwo\n", in: workspace.path)
            try repo.write("src/new.swift", "let x = 1\n", in: workspace.path)
            try repo.delete("gone.txt", in: workspace.path)
            try FileManager.default.moveItem(
                atPath: workspace.path + "/old-name.txt",
                toPath: workspace.path + "/new-name.txt"
            )

            let result = try await manager.checkpoint(
                workspace,
                stage: .implement,
                summary: "Add rate limiting\n\nDetails on two lines."
            )
            let commit = try #require(result.commit)
            #expect(result.head == commit)
            #expect(try await repo.commit("aet/T-12") == commit)
            #expect(try await repo.commit("aet/T-12~1") == before)
            #expect(try await repo.run(["cat-file", "-t", commit.rawValue]) == "commit")
            #expect(
                try await repo.run(["log", "-1", "--format=%s", commit.rawValue]) == "T-12 implement: Add rate limiting"
            )
            #expect(try await repo.run(["log", "-1", "--format=%b", commit.rawValue]) == "Details on two lines.")
            #expect(try await repo.run(["log", "-1", "--format=%an <%ae>", commit.rawValue]) == "aet <aet@localhost>")
            #expect(
                Set(result.files) == [
                    ChangedFile(path: "a.txt", kind: .modified),
                    ChangedFile(path: "src/new.swift", kind: .added),
                    ChangedFile(path: "gone.txt", kind: .deleted),
                    ChangedFile(path: "new-name.txt", kind: .renamed(from: "old-name.txt")),
                ]
            )
            #expect(try await repo.status(in: workspace.path) == "")
        }
    }

    @Test func withoutChangesNoCommitIsMade() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(2), baseBranch: "main")
            let head = try await repo.commit("aet/T-2")
            let result = try await manager.checkpoint(workspace, stage: .review, summary: "looks good")
            #expect(result.commit == nil)
            #expect(!result.hasChanges)
            #expect(result.head == head)
            #expect(result.files.isEmpty)
            #expect(result.description == "no changes")
            #expect(try await repo.commit("aet/T-2") == head)
        }
    }

    @Test func agentTextInCommitMessagesCannotSteerATerminalOrHideText() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(9), baseBranch: "main")
            try repo.write("a.txt", "changed\n", in: workspace.path)
            let summary =
                "Fixed \u{1B}[31mred\u{1B}[0m bug\u{7}\tnow \u{202E}gnp.exe\u{200B}\r\nsecond\u{1B}]0;title\u{7} line"
            _ = try await manager.checkpoint(workspace, stage: .implement, summary: summary)
            let message = try await repo.run(["log", "-1", "--format=%B", "aet/T-9"])
            #expect(message.hasPrefix("T-9 implement: Fixed red bug now gnp.exe"), "\(message)")
            #expect(message.contains("second"))
            for bad in ["\u{1B}", "\u{7}", "\t", "\u{202E}", "\u{200B}", "\r", "[31m"] {
                #expect(!message.contains(bad), "\(bad.unicodeScalars.map(\.value))")
            }
            let merge = WorkspaceManager.mergeMessage(
                workspace: workspace, base: "main", summary: "Add \u{1B}[1mbold\u{1B}[0m \u{2066}x")
            #expect(merge == "Merge T-9: Add bold x")
        }
    }

    @Test func changedFilesAndDiffStatSinceTheForkPoint() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(8), baseBranch: "main")
            try repo.write("a.txt", "ONE\ntwo\nthree\n", in: workspace.path)
            let first = try await manager.checkpoint(workspace, stage: .implement, summary: "first")
            try repo.write("b.txt", "b\n", in: workspace.path)
            _ = try await manager.checkpoint(workspace, stage: .test, summary: "second")
            // The base moving on does not change what the ticket changed.
            try repo.write("c.txt", "c\n")
            try await repo.commitAll("base moves on")

            let files = try await manager.changedFiles(in: workspace)
            #expect(files == [ChangedFile(path: "a.txt", kind: .modified), ChangedFile(path: "b.txt", kind: .added)])
            let firstCommit: CommitID = try #require(first.commit)
            let sinceFirst = try await manager.changedFiles(in: workspace, since: firstCommit)
            #expect(sinceFirst == [ChangedFile(path: "b.txt", kind: .added)])

            let stat = try await manager.diffStat(of: workspace)
            #expect(stat.files.map(\.path) == ["a.txt", "b.txt"])
            #expect(stat.insertions == 4)
            #expect(stat.deletions == 1)
            #expect(stat.description == "2 files changed, 4 insertions(+), 1 deletion(-)")
        }
    }

    @Test func messageFormat() {
        #expect(
            WorkspaceManager.checkpointMessage(ticket: TicketID(12), stage: .implement, summary: "  Fix it\nmore\n")
                == "T-12 implement: Fix it\n\nmore"
        )
        #expect(WorkspaceManager.checkpointMessage(ticket: TicketID(1), stage: .test, summary: "") == "T-1 test")
        let long = String(repeating: "x", count: 300)
        let message = WorkspaceManager.checkpointMessage(ticket: TicketID(1), stage: .plan, summary: long)
        let subject = message.split(separator: "\n").first
        #expect(subject?.count == 100)
        #expect(message.hasSuffix(long))
    }

    @Test func refusesAWorktreeThatLeftItsBranch() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = try await manager.prepare(ticket: TicketID(6), baseBranch: "main")
            try await repo.run(["checkout", "--quiet", "--detach"], in: workspace.path)
            let error = await workspaceError { _ = try await manager.checkpoint(workspace, message: "x") }
            #expect(error?.code == .worktreeConflict)
        }
    }

    @Test func aMissingWorktreeIsReported() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager()
            let workspace = manager.workspace(for: TicketID(9), baseBranch: "main")
            let error = await workspaceError { _ = try await manager.checkpoint(workspace, message: "x") }
            #expect(error?.code == .workspaceMissing)
        }
    }
}

@Suite("Checkpoint: agent scratch files")
struct CheckpointScratchTests {
    @Test func aidersHistoryAndCacheAreNeverCommitted() async throws {
        try await TestRepository.with { repository in
            let manager = repository.manager()
            let workspace = try await manager.prepare(ticket: TicketID(1), baseBranch: "main")
            try repository.write("feature.txt", "new\n", in: workspace.path)
            try repository.write(".aider.chat.history.md", "# chat\n", in: workspace.path)
            try repository.write(".aider.tags.cache.v4/cache.db", "x", in: workspace.path)
            let result = try await manager.checkpoint(workspace, stage: .implement, summary: "add feature")
            #expect(result.files.map(\.path) == ["feature.txt"])
            let tree = try await repository.run(["ls-tree", "-r", "--name-only", "aet/T-1"])
            #expect(tree.split(separator: "\n").sorted() == ["a.txt", "feature.txt"])
        }
    }
}
