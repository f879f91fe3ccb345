import AetAgents
import AetCore
import AetScheduler
import AetStore
import Foundation
import Testing

/// `aet simple` without a worktree: the user's checkout ends as the agent's edits alone would leave it.
@Suite("In-place runs")
struct InPlaceRunTests {
    /// What aider does in a run: edits a file, creates its scratch files and stages its new file.
    func aiderLike(_ fixture: SchedulerFixture) throws -> [String: String] {
        [
            "developer": try fixture.script(
                "developer.sh",
                """
                cd "$AET_WORKTREE"
                echo hello > hello.txt
                echo "two" >> staged.txt
                mkdir -p .aider.tags.cache.v4
                echo cache > .aider.tags.cache.v4/cache.db
                echo "# aider chat" >> .aider.chat.history.md
                echo "input" > .aider.input.history
                git add hello.txt
                echo "Wrote hello.txt"
                """)
        ]
    }

    @Test func theIndexIsKeptAndScratchFilesAreNeitherLeftNorReported() async throws {
        try await SchedulerFixture.with { fixture in
            // The user has staged work, an unstaged edit, and their own aider history from before.
            try fixture.write("staged.txt", "one\n")
            try await fixture.run(["add", "staged.txt"])
            try fixture.write("a.txt", "one\nthe user's unstaged edit\n")
            try fixture.write(".aider.input.history", "the user's own history\n")
            let indexPath = fixture.root + "/.git/index"
            let indexBefore = try Data(contentsOf: URL(fileURLWithPath: indexPath))
            let stagedBefore = try await fixture.run(["diff", "--cached"])

            let id = try await fixture.create("Add hello", mode: .simple)
            let executor = StageExecutor(environment: try fixture.stageEnvironment(agents: try aiderLike(fixture)))
            let result = try await executor.executeInPlace(
                Pipeline.simple.stages[0], of: try await fixture.ticket(id), directory: fixture.root)

            #expect(result.ticket.status == .completed)
            // staged.txt was already listed before; its content changed, so it counts.
            #expect(result.changedFiles == ["hello.txt", "staged.txt"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath)) == indexBefore)
            #expect(try await fixture.run(["diff", "--cached"]) == stagedBefore)
            #expect(try await fixture.run(["status", "--porcelain", "--", "hello.txt"]) == "?? hello.txt")
            #expect(!FileManager.default.fileExists(atPath: fixture.root + "/.aider.tags.cache.v4"))
            #expect(!FileManager.default.fileExists(atPath: fixture.root + "/.aider.chat.history.md"))
            // The user's own scratch file from before stays (with what the agent appended).
            #expect(fixture.read(".aider.input.history") == "input\n")
            #expect(fixture.read("a.txt") == "one\nthe user's unstaged edit\n")
            #expect(try await fixture.ticket(id).stages.first?.note == "Wrote hello.txt")
        }
    }

    @Test func anAgentThatCommitsInPlaceKeepsItsCommitAndItsChangesCount() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add hello", mode: .simple)
            let agents = try fixture.committingDeveloper()
            let executor = StageExecutor(environment: try fixture.stageEnvironment(agents: agents))
            let result = try await executor.executeInPlace(
                Pipeline.simple.stages[0], of: try await fixture.ticket(id), directory: fixture.root)
            #expect(result.ticket.status == .completed)
            #expect(result.changedFiles == ["hello.txt"])
            // The index belongs to the agent's commit: nothing looks staged or reverted.
            #expect(try await fixture.run(["status", "--porcelain"]) == "")
            #expect(try await fixture.run(["rev-list", "--count", "HEAD"]) == "2")
        }
    }

    @Test func anInPlaceRunThatChangesNothingFails() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add hello", mode: .simple)
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    mkdir -p "$AET_WORKTREE/.aider.tags.cache.v4"
                    echo cache > "$AET_WORKTREE/.aider.tags.cache.v4/cache.db"
                    echo "I could not find anything to do."
                    """)
            ]
            let executor = StageExecutor(environment: try fixture.stageEnvironment(agents: agents))
            let result = try await executor.executeInPlace(
                Pipeline.simple.stages[0], of: try await fixture.ticket(id), directory: fixture.root)
            #expect(result.ticket.status == .failed)
            #expect(result.changedFiles.isEmpty)
            #expect(
                result.ticket.lastError
                    == "the developer changed nothing; its final message: I could not find anything to do.")
            #expect(result.ticket.runs.first?.status == .failed)
            #expect(try await fixture.run(["status", "--porcelain"]) == "")
        }
    }
}
