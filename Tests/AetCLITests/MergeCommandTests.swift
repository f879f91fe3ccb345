import AetCLI
import AetModels
import AetWorkspace
import Foundation
import Testing

/// `aet process` leaving a ticket waiting to merge, `aet status`/`show` saying why, and `aet merge`.
@Suite("Merge command")
struct MergeCommandTests {
    @Test func aTicketWaitsForTheUsersEditsThenMergeLandsIt() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            #expect(await project.run("create", "Fix the typo in README.md", "--mode", "simple").code == 0)
            try project.write("README.md", "# greeter\n\nGrettings! (the user is still editing)\n")
            let server = ScriptedModelServer(script: AgentCommandsTests.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "process", "--runtime", "anthropic", variables: AgentCommandsTests.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(
                    result.stdout.contains(
                        "T-1: waiting to merge: your uncommitted changes in \(project.root) touch README.md"))
            }
            let status = await project.run("status")
            #expect(status.stdout.contains("waiting to merge"))
            #expect(
                status.stdout.contains(
                    "T-1 waiting to merge: your uncommitted changes in \(project.root) touch README.md"))
            let show = await project.run("show", "T-1")
            #expect(show.stdout.contains("waiting to merge: your uncommitted changes"))

            let blocked = await project.run("merge", "T-1")
            #expect(blocked.code == 1)
            #expect(
                blocked.stdout.contains(
                    "T-1 still waits to merge: your uncommitted changes in \(project.root) touch README.md"))
            #expect(project.read("README.md") == "# greeter\n\nGrettings! (the user is still editing)\n")

            try await project.git.run(["checkout", "--", "README.md"], in: project.root)
            let merged = await project.run("merge", "T-1")
            #expect(merged.code == 0, "\(merged.stdout)\(merged.stderr)")
            #expect(merged.stdout.contains("T-1 merged: fast-forwarded"))
            #expect(project.read("README.md") == "# greeter\n\nGreetings!\n")

            let again = await project.run("merge", "T-1")
            #expect(again.code == 2)
            #expect(again.stderr.contains("T-1 is completed, not waiting to merge"))
            #expect(await project.run("verify-state").code == 0)
        }
    }

    @Test func simpleInAWorktreeSaysItWaitsAndExitsZero() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            try project.write("README.md", "# greeter\n\nGrettings! (the user is still editing)\n")
            let server = ScriptedModelServer(script: AgentCommandsTests.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "simple", "Fix the typo in README.md", "--worktree", "--runtime", "anthropic",
                    variables: AgentCommandsTests.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("T-1: waiting to merge\n"))
                #expect(
                    result.stdout.contains(
                        "waiting to merge: your uncommitted changes in \(project.root) touch README.md (the next aet process lands it"
                    ))
            }
            #expect(project.read("README.md") == "# greeter\n\nGrettings! (the user is still editing)\n")
        }
    }
}
