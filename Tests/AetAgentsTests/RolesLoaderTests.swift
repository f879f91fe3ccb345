import AetCore
import AetTesting
import Foundation
import Testing

@testable import AetAgents

@Suite struct RolesLoaderTests {
    @Test func loadsEveryMarkdownFileSortedAndSkipsOthers() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            try write(RoleText.make(["name: zeta", "description: Last."]), to: directory, "zeta.md")
            try write(RoleText.make(["name: alpha", "description: First."]), to: directory, "alpha.md")
            try write("notes", to: directory, "README.txt")
            try write("garbage", to: directory, ".#alpha.md")
            let loader = RoleLoader(directory: directory)
            #expect(try loader.fileNames() == ["alpha.md", "zeta.md"])
            let roles = try loader.load()
            #expect(roles.names == ["alpha", "zeta"])
            #expect(roles["zeta"]?.description == "Last.")
            #expect(roles["missing"] == nil)
        }
    }

    @Test func aMissingDirectoryHoldsNoRoles() throws {
        let roles = try RoleLoader(directory: "/nonexistent/aet-\(UUID().uuidString)").load()
        #expect(roles.roles.isEmpty)
    }

    @Test func errorsNameTheFileInTheDisplayedDirectory() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            try write(
                RoleText.make(["name: reviewer", "description: x", "timeout: 5 minutes"]),
                to: directory,
                "reviewer.md"
            )
            #expect(
                throws: ValidationFailure(
                    ".aet/agents/reviewer.md, line 4, field timeout: "
                        + "\"5 minutes\" is not a duration: write it like 90s, 20m or 1h."
                )
            ) {
                try RoleLoader(directory: directory, displayDirectory: ".aet/agents").load()
            }
        }
    }

    @Test func nonUTF8IsRefusedWithItsLine() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            var bytes = Array(RoleText.reviewer().utf8)
            bytes.insert(contentsOf: [0xC3, 0x28], at: bytes.count - 3)  // in the body, line 5
            try write(bytes, to: directory, "reviewer.md")
            #expect(
                throws: ValidationFailure(
                    ".aet/agents/reviewer.md, line 5: the file is not valid UTF-8 text: save it as UTF-8."
                )
            ) {
                try RoleLoader(directory: directory).load()
            }
        }
    }

    @Test func oversizedFilesAreRefusedAndTheLimitIsInclusive() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            let base = RoleText.reviewer(body: "")
            let fits = base + String(repeating: "a", count: RoleLoader.maximumFileSize - base.utf8.count)
            try write(fits, to: directory, "reviewer.md")
            #expect(try RoleLoader(directory: directory).load().names == ["reviewer"])

            try write(fits + "a", to: directory, "reviewer.md")
            #expect {
                try RoleLoader(directory: directory).load()
            } throws: { error in
                (error as? ValidationFailure)?.message.hasPrefix(".aet/agents/reviewer.md is larger than 256 KiB")
                    == true
            }
        }
    }

    @Test func aDirectoryNamedLikeARoleIsRefused() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            try FileManager.default.createDirectory(atPath: directory + "/odd.md", withIntermediateDirectories: false)
            #expect(
                throws: ValidationFailure(
                    ".aet/agents/odd.md is not a file: a role is a Markdown file; remove or rename it."
                )
            ) {
                try RoleLoader(directory: directory).load()
            }
        }
    }

    @Test func theFileNameMustBeTheRoleName() throws {
        try TemporaryDirectory.with(prefix: "aet-roles") { directory in
            try write(RoleText.reviewer(), to: directory, "critic.md")
            #expect(
                throws: ValidationFailure(
                    ".aet/agents/critic.md, line 2, field name: reviewer does not match the file name critic.md: "
                        + "rename the file or change the name."
                )
            ) {
                try RoleLoader(directory: directory).load()
            }
        }
    }

    @Test func thePipelineCheckNamesTheStageTheRoleAndTheFile() throws {
        let roles = try RoleSet(
            Pipeline.default.stages.map(\.role).filter { $0 != "reviewer" }.map {
                Role(name: $0, description: "x", instructions: "y")
            }
        )
        #expect(
            throws: ValidationFailure(
                "stage review needs the role reviewer, but .aet/agents/reviewer.md does not exist: "
                    + "run aet init (it writes the missing default roles and keeps the rest) or write it."
            )
        ) {
            try roles.check(.default)
        }
        let custom = Pipeline(stages: [Pipeline.Stage(name: "audit", role: "auditor")])
        #expect(
            throws: ValidationFailure(
                "stage audit needs the role auditor, but .aet/agents/auditor.md does not exist: "
                    + "write it (see docs/roles.md)."
            )
        ) {
            try roles.check(custom)
        }
        try roles.check(.simple)
        #expect(throws: ValidationFailure.self) { try roles.role(named: "reviewer") }
        #expect(try roles.role(named: "developer").name == "developer")
    }

    @Test func twoRolesWithOneNameAreRefused() {
        let role = Role(name: "dev", description: "x", instructions: "y")
        #expect(throws: ValidationFailure.self) { try RoleSet([role, role]) }
    }
}
