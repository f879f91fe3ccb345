import AetCore
import AetStore
import Foundation
import Testing

@testable import AetCLI

@Suite struct InitCommandTests {
    @Test func createsConfigStoreLogsAndGitignore() async throws {
        try await TestRepository.with(branch: "trunk") { repo in
            let result = await repo.run("init")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("created .aet/config.yaml"))
            #expect(result.stdout.contains("created the store .aet/aet.db"))
            #expect(FileManager.default.fileExists(atPath: repo.storePath))
            #expect(FileManager.default.fileExists(atPath: repo.root + "/.aet/logs"))
            let gitignore = try String(contentsOfFile: repo.root + "/.aet/.gitignore", encoding: .utf8)
            #expect(gitignore.contains("aet.db*"))
            #expect(gitignore.contains("logs/"))
            #expect(gitignore.contains("worktrees/"))
            let config = try String(contentsOfFile: repo.configPath, encoding: .utf8)
            #expect(config.contains("base_branch: trunk"))
            #expect(config.contains("sends_back_to: implement"))
            #expect(config.contains("max_reworks: 3"))
            #expect(config.contains("# The branch tickets start from"))
            #expect(try await repo.eventCount() == 0)
        }
    }

    @Test func writtenConfigLoadsBackAsTheDefaults() async throws {
        try await TestRepository.with(branch: "release/2.0") { repo in
            try await repo.initialize()
            let text = try String(contentsOfFile: repo.configPath, encoding: .utf8)
            let config = try ProjectConfig.parse(yaml: text, file: "config.yaml")
            #expect(config == ProjectConfig(baseBranch: "release/2.0"))
            #expect(config.pipeline == Pipeline.default)
        }
    }

    @Test func runningAgainKeepsConfigAndStore() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["first ticket"])
            let edited = try String(contentsOfFile: repo.configPath, encoding: .utf8) + "# my note\n"
            try Data(edited.utf8).write(to: URL(fileURLWithPath: repo.configPath))

            let again = await repo.run("init")
            #expect(again.code == 0, "\(again.stderr)")
            #expect(again.stdout.contains("kept the existing .aet/config.yaml"))
            #expect(again.stdout.contains("kept the existing store .aet/aet.db (1 events)"))
            #expect(try String(contentsOfFile: repo.configPath, encoding: .utf8) == edited)
            #expect(try await repo.eventCount() == 1)
        }
    }

    @Test func forceRewritesConfigButKeepsTheStore() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["first ticket"])
            try Data("log_level: debug\n".utf8).write(to: URL(fileURLWithPath: repo.configPath))

            let forced = await repo.run("init", "--force")
            #expect(forced.code == 0, "\(forced.stderr)")
            #expect(forced.stdout.contains("rewrote .aet/config.yaml"))
            #expect(try String(contentsOfFile: repo.configPath, encoding: .utf8).contains("log_level: info"))
            #expect(try await repo.eventCount() == 1)
        }
    }

    @Test func fromASubdirectorySetsUpTheRepositoryRoot() async throws {
        try await TestRepository.with { repo in
            let subdirectory = repo.root + "/Sources/App"
            try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: true)
            let result = await repo.run("init", in: subdirectory)
            #expect(result.code == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: repo.configPath))
            #expect(await repo.run("status", in: subdirectory).code == 0)
        }
    }

    @Test func aGitFileMarksAWorktree() async throws {
        try await TestRepository.withPlainDirectory { root in
            let gitDirectory = root + "/main.git/worktrees/feature"
            try FileManager.default.createDirectory(atPath: gitDirectory, withIntermediateDirectories: true)
            try Data("ref: refs/heads/feature\n".utf8).write(to: URL(fileURLWithPath: gitDirectory + "/HEAD"))
            try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
            try Data("gitdir: ../main.git/worktrees/feature\n".utf8).write(
                to: URL(fileURLWithPath: root + "/work/.git")
            )

            let result = await TestRepository.run(["init"], in: root + "/work")
            #expect(result.code == 0, "\(result.stderr)")
            let config = try String(contentsOfFile: root + "/work/.aet/config.yaml", encoding: .utf8)
            #expect(config.contains("base_branch: feature"))
        }
    }

    @Test func outsideAGitRepositoryIsBadUsage() async throws {
        try await TestRepository.withPlainDirectory { root in
            let result = await TestRepository.run(["init"], in: root)
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: \(root) is not inside a git repository: run git init first, or cd into a repository.\n"
            )
            #expect(!FileManager.default.fileExists(atPath: root + "/.aet"))
        }
    }

    @Test func jsonReportsWhatHappened() async throws {
        try await TestRepository.with { repo in
            let result = await repo.run("init", "--json")
            #expect(result.code == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            #expect(object["config"] as? String == "created")
            #expect(object["store"] as? String == "created")
            #expect(object["events"] as? Int == 0)
        }
    }

    @Test func refusesStoreOption() async throws {
        try await TestRepository.with { repo in
            let result = await repo.run("init", "--store", "/tmp/elsewhere.db")
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix("error: aet init creates the store inside .aet/"))
        }
    }
}
