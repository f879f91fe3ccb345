import AetTesting
import AetWorkspace
import Foundation
import Testing

@Suite struct GitTests {
    @Test func failingCommandThrowsOneSentenceAndKeepsTheFullOutput() async throws {
        try await TestRepository.with { repo in
            let error = await workspaceError {
                try await repo.git.run(["worktree", "add", repo.directory + "/wt", "no-such-branch"], in: repo.root)
            }
            let failure = try #require(error)
            #expect(failure.code == .gitFailed)
            #expect(failure.description.hasPrefix("git worktree add failed: "))
            #expect(failure.description.contains("no-such-branch"))
            #expect(!failure.description.contains("\n"))
            #expect(!failure.description.contains("fatal:"))
            #expect(failure.debugDescription.contains("stderr:"))
            #expect(failure.debugDescription.contains("fatal: invalid reference: no-such-branch"))
            #expect(failure.exitStatus == 128)
        }
    }

    @Test func acceptedExitCodesAreResults() async throws {
        try await TestRepository.with { repo in
            let output = try await repo.git.run(
                ["rev-parse", "--verify", "--quiet", "nope"],
                in: repo.root,
                acceptedExitCodes: [0, 1]
            )
            #expect(output.exitStatus == 1)
        }
    }

    @Test func gitMissingFromPathIsAClearError() async throws {
        var configuration = Git.Configuration()
        configuration.environment = ["PATH": "/nonexistent-aet-test-dir"]
        let error = await workspaceError {
            try await Git(configuration: configuration).run(["version"], in: "/")
        }
        #expect(error?.code == .gitNotFound)
        #expect(error?.description.contains("git was not found on PATH") == true)
    }

    @Test func configuredExecutableThatDoesNotExist() async throws {
        var configuration = Git.Configuration()
        configuration.executablePath = "/nonexistent-aet-test-dir/git"
        let error = await workspaceError {
            try await Git(configuration: configuration).run(["version"], in: "/")
        }
        #expect(error?.code == .gitNotFound)
    }

    @Test func inheritedRepositoryVariablesAreRemoved() async throws {
        try await TestRepository.with { repo in
            var configuration = repo.git.configuration
            configuration.environment = repo.environment.merging([
                "GIT_DIR": "/nonexistent/.git", "GIT_WORK_TREE": "/nonexistent", "GIT_INDEX_FILE": "/nonexistent/index",
                "GIT_AUTHOR_NAME": "intruder", "GIT_CONFIG_PARAMETERS": "'user.name'='intruder'",
                "LC_ALL": "de_DE.UTF-8",
            ]) { $1 }
            let git = Git(configuration: configuration)
            let top = try await git.run(["rev-parse", "--show-toplevel"], in: repo.root).standardOutput
            #expect(
                FileManager.default.fileExists(atPath: top.trimmingCharacters(in: .whitespacesAndNewlines) + "/a.txt")
            )
            let variables = try await git.run(["var", "GIT_AUTHOR_IDENT"], in: repo.root).standardOutput
            #expect(variables.hasPrefix("tester <tester@example.com>"))
            let environment = try await git.run(["-c", "alias.env=!env", "env"], in: repo.root).standardOutput
            #expect(environment.contains("LC_ALL=C\n"))
            #expect(environment.contains("GIT_TERMINAL_PROMPT=0\n"))
            #expect(!environment.contains("GIT_INDEX_FILE=/nonexistent"))
        }
    }

    @Test func identityCanBeGivenPerCall() async throws {
        try await TestRepository.with { repo in
            try repo.write("b.txt", "b\n")
            try await repo.run(["add", "b.txt"])
            try await repo.git.run(
                ["commit", "--quiet", "-m", "b"],
                in: repo.root,
                identity: Git.Identity(name: "Reviewer", email: "r@aet")
            )
            #expect(
                try await repo.run(["log", "-1", "--format=%an <%ae>|%cn <%ce>"]) == "Reviewer <r@aet>|Reviewer <r@aet>"
            )
        }
    }

    @Test func aetIsTheDefaultIdentity() async throws {
        try await TestRepository.with { repo in
            var configuration = Git.Configuration()
            configuration.environment = repo.environment
            try repo.write("b.txt", "b\n")
            let git = Git(configuration: configuration)
            try await git.run(["add", "b.txt"], in: repo.root)
            try await git.run(["commit", "--quiet", "-m", "b"], in: repo.root)
            #expect(try await repo.run(["log", "-1", "--format=%an <%ae>"]) == "aet <aet@localhost>")
        }
    }

    @Test func outputOverTheLimitIsAnError() async throws {
        try await TestRepository.with { repo in
            var configuration = repo.git.configuration
            configuration.outputLimit = 16
            let error = await workspaceError {
                try await Git(configuration: configuration).run(["log"], in: repo.root)
            }
            #expect(error?.code == .outputLimitExceeded)
        }
    }

    @Test func aCommandThatHangsIsStoppedAtItsTimeout() async throws {
        try await TestRepository.with { repo in
            let script = repo.directory + "/slow-git"
            try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: URL(fileURLWithPath: script))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            var configuration = repo.git.configuration
            configuration.executablePath = script
            // gitTimedOut is only reported when the timeout stopped the process (not when it exited).
            let error = await workspaceError {
                try await Git(configuration: configuration).run(["status"], in: repo.root, timeout: .milliseconds(200))
            }
            #expect(error?.code == .gitTimedOut)
            #expect(error?.description == "git status did not finish within 0.2 s and was stopped.")
        }
    }
}
