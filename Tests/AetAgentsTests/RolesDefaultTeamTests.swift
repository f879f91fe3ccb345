import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

@Suite struct RolesDefaultTeamTests {
    @Test func theSixFilesParseWithTheLoaderAndCoverTheDefaultPipeline() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            for file in DefaultRoles.files { try write(file.text, to: directory, file.fileName) }
            let roles = try RoleLoader(directory: directory).load()
            #expect(roles.names == ["architect", "developer", "integrator", "planner", "reviewer", "tester"])
            try roles.check(.default)
            try roles.check(.simple)
            #expect(DefaultRoles.names == Pipeline.default.stages.map(\.role))
        }
    }

    @Test(arguments: DefaultRoles.names)
    func eachFileIsAValidRoleWithLimits(_ name: String) throws {
        let file = try #require(DefaultRoles.file(named: name))
        let role = try Role(parsing: file.text, path: ".aet/agents/" + file.fileName)
        #expect(role.name == file.name)
        #expect(role.timeout != nil && role.idleTimeout != nil)
        #expect(role.instructions.count > 300, "instructions that say what to produce")
        #expect(!role.description.isEmpty)
        #expect(file.text.hasSuffix("\n"))
        if role.runtime != .command {
            #expect(role.runtime == nil)  // follows agents.runtime in the config, claude by default
            #expect(role.maxTurns != nil)
            #expect(!role.tools.isEmpty)
        }
    }

    @Test func readOnlyRolesCannotEdit() throws {
        for name in ["planner", "architect", "reviewer", "integrator"] {
            let role = try Self.role(name)
            #expect(role.permission == .readOnly, "\(name)")
            #expect(role.tools == ["Read", "Grep", "Glob"], "\(name)")
        }
    }

    @Test func theDeveloperEditsAndRunsOnlyListedCommands() throws {
        let role = try Self.role("developer")
        #expect(role.permission == .editAndRunAllowlisted)
        #expect(role.tools.contains("Edit") && role.tools.contains("Write"))
        #expect(!role.tools.contains("Bash"), "Bash without a pattern would run anything")
        #expect(role.tools.filter { $0.hasPrefix("Bash") }.allSatisfy { $0.hasPrefix("Bash(") && $0.hasSuffix(" *)") })
        #expect(role.tools.contains("Bash(swift test *)"))
        for phrase in ["tests", "minimal", "Do not commit", "# Summary", "## Files changed"] {
            #expect(role.instructions.contains(phrase), "\(phrase)")
        }
    }

    @Test func thePlannerAsksForNumberedSubTasksWithTheirFiles() throws {
        let role = try Self.role("planner")
        for phrase in ["## Sub-tasks", "1. <Imperative title>", "Files: `", "(new)", "Done when:"] {
            #expect(role.instructions.contains(phrase), "\(phrase)")
        }
    }

    @Test func theArchitectWritesInterfacesDataFlowAndRisksAndNoCode() throws {
        let role = try Self.role("architect")
        for phrase in ["## Interfaces", "## Data flow", "## Risks", "change no files"] {
            #expect(role.instructions.contains(phrase), "\(phrase)")
        }
    }

    @Test func theReviewerEndsWithAVerdictThatTheParserAccepts() throws {
        let role = try Self.role("reviewer")
        #expect(role.instructions.contains("END your final message with the verdict"))
        let example = try VerdictParser().parse(finalMessage: role.instructions)
        #expect(example.decision == .requestChanges)
        #expect(example.reasons.count == 2)
    }

    @Test func theTesterRunsTheProjectsTestCommand() throws {
        let role = try Self.role("tester")
        #expect(role.runtime == .command)
        #expect(role.command == nil)
        #expect(role.runsProjectTestCommand)
        #expect(role.tools.isEmpty)
    }

    @Test func theIntegratorDescribesTheMergeThatAetPerforms() throws {
        let role = try Self.role("integrator")
        #expect(role.instructions.contains("aet merges"))
        #expect(role.instructions.contains("run no git commands"))
    }

    private static func role(_ name: String) throws -> Role {
        let file = try #require(DefaultRoles.file(named: name))
        return try Role(parsing: file.text, path: ".aet/agents/\(file.fileName)")
    }
}
