import AetAgents
import AetCore
import Foundation
import Testing

@testable import AetCLI

@Suite struct InitRolesTests {
    @Test func writesTheSixDefaultRolesAndListsThem() async throws {
        try await TestRepository.with { repo in
            let result = await repo.run("init")
            #expect(result.code == 0, "\(result.stderr)")
            for file in DefaultRoles.files {
                let text = try String(contentsOfFile: repo.agentPath(file.name), encoding: .utf8)
                #expect(text == file.text)
                let row = try #require(result.lines.first { $0.hasPrefix("  \(file.name) ") }, "\(result.stdout)")
                #expect(row.contains(" created "), "\(row)")
            }
            #expect(result.stdout.contains("roles in .aet/agents/"))
            let rows = result.lines.filter { $0.hasPrefix("  ") }.dropFirst().map { $0.split(separator: " ")[0] }
            #expect(rows == ["planner", "architect", "developer", "reviewer", "tester", "integrator"])
            #expect(result.lines.last == "next: aet create \"describe a change\"")
            let roles = try RoleLoader(directory: repo.root + "/.aet/agents").load()
            try roles.check(.default)
        }
    }

    @Test func keepsEditedAndRestoresMissingRolesWithoutForce() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let edited = try #require(DefaultRoles.file(named: "reviewer")).text
                .replacingOccurrences(of: "timeout: 15m", with: "timeout: 25m")
            try Data(edited.utf8).write(to: URL(fileURLWithPath: repo.agentPath("reviewer")))
            try FileManager.default.removeItem(atPath: repo.agentPath("planner"))

            let again = await repo.run("init")
            #expect(again.code == 0, "\(again.stderr)")
            #expect(try String(contentsOfFile: repo.agentPath("reviewer"), encoding: .utf8) == edited)
            #expect(again.lines.contains { $0.hasPrefix("  reviewer ") && $0.contains(" kept ") }, "\(again.stdout)")
            #expect(again.lines.contains { $0.hasPrefix("  planner ") && $0.contains(" created ") }, "\(again.stdout)")
            #expect(again.stdout.contains("aet init --force rewrites them"))
            #expect(FileManager.default.fileExists(atPath: repo.agentPath("planner")))
        }
    }

    @Test func forceRewritesDefaultRolesButNeverTheUsersOwn() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            try Data("---\nname: reviewer\ndescription: Mine.\n---\nMy way.\n".utf8)
                .write(to: URL(fileURLWithPath: repo.agentPath("reviewer")))
            let auditor = "---\nname: auditor\ndescription: Audits.\nruntime: codex\n---\nAudit it.\n"
            try Data(auditor.utf8).write(to: URL(fileURLWithPath: repo.agentPath("auditor")))

            let forced = await repo.run("init", "--force")
            #expect(forced.code == 0, "\(forced.stderr)")
            #expect(
                try String(contentsOfFile: repo.agentPath("reviewer"), encoding: .utf8)
                    == DefaultRoles.file(named: "reviewer")?.text
            )
            #expect(try String(contentsOfFile: repo.agentPath("auditor"), encoding: .utf8) == auditor)
            #expect(
                forced.lines.contains { $0.hasPrefix("  reviewer ") && $0.contains(" rewritten ") },
                "\(forced.stdout)"
            )
            #expect(
                forced.lines.contains { $0.hasPrefix("  auditor ") && $0.contains(" yours ") && $0.contains(" codex ") }
            )
        }
    }

    @Test func anInvalidRoleFileIsNamedAfterTheRestIsSetUp() async throws {
        try await TestRepository.with { repo in
            try FileManager.default.createDirectory(
                atPath: repo.root + "/.aet/agents",
                withIntermediateDirectories: true
            )
            let broken = "---\nname: reviewer\ndescription: Mine.\ntimeout: 5 minutes\n---\nReview.\n"
            try Data(broken.utf8).write(to: URL(fileURLWithPath: repo.agentPath("reviewer")))

            let result = await repo.run("init")
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: .aet/agents/reviewer.md, line 4, field timeout: \"5 minutes\" is not a duration: "
                    + "write it like 90s, 20m or 1h.\n"
            )
            #expect(try String(contentsOfFile: repo.agentPath("reviewer"), encoding: .utf8) == broken)
            #expect(FileManager.default.fileExists(atPath: repo.configPath))
            #expect(FileManager.default.fileExists(atPath: repo.storePath))
            #expect(FileManager.default.fileExists(atPath: repo.agentPath("developer")))
            #expect(!result.stdout.contains("next: aet create"))
            #expect(
                result.lines.contains { $0.hasPrefix("  reviewer ") && $0.contains("(invalid: see the error below)") }
            )
            #expect(result.lines.contains { $0.hasPrefix("  developer ") && $0.contains(" claude ") })
        }
    }

    @Test func aStageWhoseRoleIsMissingIsNamed() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let config = try String(contentsOfFile: repo.configPath, encoding: .utf8)
                .replacingOccurrences(of: "role: reviewer", with: "role: security")
            try Data(config.utf8).write(to: URL(fileURLWithPath: repo.configPath))

            let result = await repo.run("init")
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: stage review needs the role security, but .aet/agents/security.md does not exist: "
                    + "write it (see docs/roles.md).\n"
            )
        }
    }

    @Test func jsonReportsEachRole() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            try FileManager.default.removeItem(atPath: repo.agentPath("tester"))
            let result = await repo.run("init", "--json")
            #expect(result.code == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            let roles = try #require(object["roles"] as? [[String: Any]])
            #expect(roles.compactMap { $0["name"] as? String } == DefaultRoles.names)
            let outcomes = Dictionary(
                uniqueKeysWithValues: roles.map { ($0["name"] as? String ?? "", $0["outcome"] as? String) }
            )
            #expect(outcomes["tester"] == "created")
            #expect(outcomes["developer"] == "kept")
            #expect(roles.first { $0["name"] as? String == "tester" }?["runtime"] as? String == "command")
            #expect((object["agentsPath"] as? String)?.hasSuffix("/.aet/agents") == true)
        }
    }
}

extension TestRepository {
    /// `.aet/agents/<name>.md`.
    func agentPath(_ name: String) -> String { root + "/.aet/agents/\(name).md" }
}
