import AetCore
import AetTesting
import AetWorkspace
import Foundation
import Testing

@Suite struct SetupTests {
    @Test func runsOncePerNewWorktreeInTheWorktree() async throws {
        try await TestRepository.with { repo in
            let counter = repo.directory + "/setup-runs"
            let manager = repo.manager {
                $0.setupCommand = "pwd > setup-cwd.txt && echo \"$AET_TICKET\" >> '\(counter)'"
            }
            let workspace = try await manager.prepare(ticket: TicketID(5), baseBranch: "main")
            #expect(repo.read("setup-cwd.txt", in: workspace.path) == workspace.path + "\n")
            _ = try await manager.prepare(ticket: TicketID(5), baseBranch: "main")
            #expect(repo.read("setup-runs", in: repo.directory) == "T-5\n")
        }
    }

    @Test func failureCarriesTheExitStatusAndTheLastLinesOfOutput() async throws {
        try await TestRepository.with { repo in
            let failing = repo.manager {
                $0.setupCommand = "echo installing; echo 'npm ERR! missing package.json' >&2; exit 3"
            }
            let error = await workspaceError { _ = try await failing.prepare(ticket: TicketID(1), baseBranch: "main") }
            let failure = try #require(error)
            #expect(failure.code == .setupFailed)
            #expect(failure.exitStatus == 3)
            #expect(failure.outputTail == "installing\nnpm ERR! missing package.json")
            #expect(
                failure.description
                    == "the worktree setup command for T-1 failed with exit status 3 (last output: npm ERR! missing package.json)."
            )
            #expect(failure.debugDescription.contains("installing"))

            // The worktree is kept, not marked as set up: the next prepare runs the setup again.
            let fixed = repo.manager { $0.setupCommand = "touch ready" }
            let workspace = try await fixed.prepare(ticket: TicketID(1), baseBranch: "main")
            #expect(!workspace.isNew)
            #expect(repo.exists(workspace.path + "/ready"))
        }
    }

    @Test func aSetupThatHangsIsStoppedWithItsChildren() async throws {
        try await TestRepository.with { repo in
            let manager = repo.manager {
                $0.setupCommand = "echo starting; sleep 29.123 & sleep 29.123; echo never"
                $0.setupTimeout = .milliseconds(300)
            }
            let error = await workspaceError { _ = try await manager.prepare(ticket: TicketID(2), baseBranch: "main") }
            #expect(error?.code == .setupTimedOut)
            #expect(error?.outputTail == "starting")
            #expect(error?.description.contains("did not finish within 0.3 s") == true)
            // Both sleeps (the command's and its background child) were stopped with the group:
            // no process of this machine still runs `sleep 29.123`.
            // The group was signalled; wait (bounded) for the kernel to finish them off.
            func survivors() throws -> [String] {
                try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
                    guard Int32(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
                    else { return false }
                    return String(decoding: data, as: UTF8.self) == "sleep\u{0}29.123\u{0}"
                }
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while try !survivors().isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let left = try survivors()
            #expect(left.isEmpty, "still running: \(left)")
        }
    }

    @Test func copiesListedUntrackedFilesAndNeverCommitsThem() async throws {
        try await TestRepository.with { repo in
            try repo.write(".env", "API_KEY=local-secret\n")
            try repo.write("config/local.json", "{}\n")
            let manager = repo.manager { $0.copiedFiles = [".env", "config/local.json", "missing.txt"] }
            let workspace = try await manager.prepare(ticket: TicketID(3), baseBranch: "main")
            #expect(repo.read(".env", in: workspace.path) == "API_KEY=local-secret\n")
            #expect(repo.read("config/local.json", in: workspace.path) == "{}\n")

            try repo.write("b.txt", "b\n", in: workspace.path)
            let checkpoint = try await manager.checkpoint(workspace, stage: .implement, summary: "add b")
            #expect(checkpoint.files == [ChangedFile(path: "b.txt", kind: .added)])
            #expect(try await repo.run(["ls-tree", "-r", "--name-only", "aet/T-3"]) == "a.txt\nb.txt")
        }
    }

    @Test(arguments: ["../outside.env", "/etc/hostname", "config/../../outside.env", "%2e%2e/outside.env", "a\\b"])
    func escapingPathsAreRefused(path: String) async throws {
        try await TestRepository.with { repo in
            try repo.write("outside.env", "SECRET=1\n", in: repo.directory)
            let manager = repo.manager { $0.copiedFiles = [path] }
            let error = await workspaceError { _ = try await manager.prepare(ticket: TicketID(4), baseBranch: "main") }
            #expect(error?.code == .copyRefused)
            #expect(!repo.exists(manager.worktreePath(for: TicketID(4)) + "/outside.env"))
        }
    }

    @Test func aSymbolicLinkLeadingOutsideIsRefused() async throws {
        try await TestRepository.with { repo in
            try repo.write("outside.env", "SECRET=1\n", in: repo.directory)
            try FileManager.default.createSymbolicLink(
                atPath: repo.root + "/.env",
                withDestinationPath: "../outside.env"
            )
            let manager = repo.manager { $0.copiedFiles = [".env"] }
            let error = await workspaceError { _ = try await manager.prepare(ticket: TicketID(4), baseBranch: "main") }
            #expect(error?.code == .copyRefused)
            #expect(!repo.exists(manager.worktreePath(for: TicketID(4)) + "/.env"))
        }
    }

    @Test func aTrackedSymbolicLinkInTheWorktreeCannotRedirectTheCopy() async throws {
        try await TestRepository.with { repo in
            try FileManager.default.createDirectory(
                atPath: repo.directory + "/elsewhere",
                withIntermediateDirectories: true
            )
            try FileManager.default.createSymbolicLink(atPath: repo.root + "/conf", withDestinationPath: "../elsewhere")
            try await repo.commitAll("a symlinked directory")
            try repo.write("elsewhere/local.env", "X=1\n", in: repo.directory)
            let manager = repo.manager { $0.copiedFiles = ["conf/local.env"] }
            let error = await workspaceError { _ = try await manager.prepare(ticket: TicketID(4), baseBranch: "main") }
            #expect(error?.code == .copyRefused)
        }
    }
}
