import AetCore
import Foundation
import Testing

@testable import AetAgents

@Suite struct RolesParsingTests {
    let path = ".aet/agents/reviewer.md"

    @Test func readsEveryField() throws {
        let text = RoleText.reviewer(
            [
                "tools: Read, Grep, Bash(git diff *)",
                "disallowedTools: [WebFetch]",
                "model: sonnet",
                "runtime: codex",
                "timeout: 1h30m",
                "idleTimeout: 90s",
                "maxTurns: 40",
                "permission: editAndRunAllowlisted",
                "maxCostUSD: 2.50",
                "maxTokens: 200000",
            ],
            body: "\n\n# Review\n\n  Read the diff.\n\n"
        )
        let role = try Role(parsing: text, path: path)
        #expect(role.name == "reviewer")
        #expect(role.description == "Reviews the change.")
        #expect(role.tools == ["Read", "Grep", "Bash(git diff *)"])
        #expect(role.disallowedTools == ["WebFetch"])
        #expect(role.model == "sonnet")
        #expect(role.runtime == .codex)
        #expect(role.timeout == .seconds(5400))
        #expect(role.idleTimeout == .seconds(90))
        #expect(role.maxTurns == 40)
        #expect(role.permission == .editAndRunAllowlisted)
        #expect(role.maxCostUSD == Decimal(string: "2.5"))
        #expect(role.maxTokens == 200_000)
        #expect(role.command == nil)
        #expect(role.instructions == "# Review\n\n  Read the diff.")
    }

    @Test func absentFieldsTakeTheDefaults() throws {
        let role = try Role(parsing: RoleText.reviewer(), path: path)
        #expect(role.tools.isEmpty)
        #expect(role.model == nil && role.runtime == nil && role.timeout == nil && role.maxTurns == nil)
        #expect(role.permission == .editWorkspace)
        #expect(role.effectiveRuntime == .claude)
        #expect(role.effectiveTimeout == .seconds(1800))
        #expect(role.effectiveIdleTimeout == .seconds(300))
    }

    @Test(arguments: [
        ("tools: Read, Grep, Glob", ["Read", "Grep", "Glob"]),
        ("tools: Read,Grep", ["Read", "Grep"]),
        ("tools: [Read, \"Bash(swift test *)\"]", ["Read", "Bash(swift test *)"]),
        ("tools: Bash(git log --format=%h, -n 3), Read", ["Bash(git log --format=%h, -n 3)", "Read"]),
        ("tools: mcp__aet_km__km_search", ["mcp__aet_km__km_search"]),
        ("tools:\n  - Read\n  - Bash(swift build *)", ["Read", "Bash(swift build *)"]),
    ])
    func toolsAsStringOrList(line: String, expected: [String]) throws {
        #expect(try Role(parsing: RoleText.reviewer([line]), path: path).tools == expected)
    }

    @Test func allowNoChangesIsFalseUnlessSetToTrue() throws {
        #expect(try Role(parsing: RoleText.reviewer(), path: path).allowNoChanges == false)
        #expect(try Role(parsing: RoleText.reviewer(["allowNoChanges: true"]), path: path).allowNoChanges == true)
        #expect(try Role(parsing: RoleText.reviewer(["allowNoChanges: false"]), path: path).allowNoChanges == false)
        let failure = #expect(throws: ValidationFailure.self) {
            try Role(parsing: RoleText.reviewer(["allowNoChanges: sometimes"]), path: path)
        }
        #expect(failure?.message.contains("field allowNoChanges: \"sometimes\" is not true or false") == true)
    }

    @Test func claudeCodeOnlyKeysAreIgnored() throws {
        let text = RoleText.reviewer([
            "color: blue", "permissionMode: acceptEdits", "skills: [a, b]", "hooks: {Stop: []}",
            "mcpServers: [km]", "memory: project", "model: inherit",
        ])
        let role = try Role(parsing: text, path: path)
        #expect(role.model == nil)
        #expect(role.permission == .editWorkspace)
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreAccepted() throws {
        let text = "\u{FEFF}" + RoleText.reviewer(["timeout: 20m"]).replacingOccurrences(of: "\n", with: "\r\n")
        let role = try Role(parsing: text, path: path)
        #expect(role.timeout == .seconds(1200))
        #expect(role.instructions == "Review the change.")
    }

    @Test(arguments: [
        ("90s", 90), ("20m", 1200), ("1h", 3600), ("1h30m", 5400), ("2h5s", 7205), ("1h1m1s", 3661), ("0s", 0),
    ])
    func durationsThatParse(text: String, seconds: Int64) {
        #expect(DurationText.parse(text) == .seconds(seconds))
    }

    @Test(arguments: ["", "5", "5 minutes", "20 m", "1.5h", "m", "30m1h", "1h1h", "1d", "20M", "-5m", "10ms", "٣m"])
    func durationsThatDoNot(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(arguments: [(90, "1m30s"), (1200, "20m"), (5400, "1h30m"), (0, "0s"), (86400, "24h")])
    func durationsFormatBackToWhatParses(seconds: Int64, text: String) {
        #expect(DurationText.format(.seconds(seconds)) == text)
        #expect(DurationText.parse(text) == .seconds(seconds))
    }

    @Test func aDurationErrorNamesFileLineAndField() {
        #expect(
            throws: ValidationFailure(
                ".aet/agents/reviewer.md, line 5, field timeout: "
                    + "\"5 minutes\" is not a duration: write it like 90s, 20m or 1h."
            )
        ) {
            try Role(parsing: RoleText.reviewer(["runtime: claude", "timeout: 5 minutes"]), path: path)
        }
    }

    @Test func aMissingFieldNamesFileAndField() {
        #expect(
            throws: ValidationFailure(
                ".aet/agents/reviewer.md, field name: missing: add name: reviewer (the file's base name)."
            )
        ) {
            try Role(parsing: RoleText.make(["description: Reviews."]), path: path)
        }
    }
}

@Suite struct RolesCommandTests {
    @Test func aCommandRoleWithoutACommandRunsTheProjectsTestCommand() throws {
        let role = try Role(parsing: RoleText.reviewer(["runtime: command"]), path: ".aet/agents/reviewer.md")
        #expect(role.runsProjectTestCommand)
    }

    @Test func aCommandIsACommandTemplate() throws {
        let line = "command: \"./agent.sh --prompt {prompt_file} {worktree} {ticket}\""
        let role = try Role(parsing: RoleText.reviewer(["runtime: command", line]), path: ".aet/agents/reviewer.md")
        #expect(role.command == "./agent.sh --prompt {prompt_file} {worktree} {ticket}")
        #expect(!role.runsProjectTestCommand)
        #expect(Role.commandPlaceholders.contains("prompt_file"))
    }
}

@Suite struct RolesRunLimitsTests {
    @Test func limitsAndPermissionMapToTheRuntimesTypes() throws {
        let text = RoleText.reviewer([
            "tools: Read, Edit, Bash(swift test *), Bash(git diff:*), Bash(make*), Bash",
            "permission: editAndRunAllowlisted", "timeout: 20m", "idleTimeout: 2m", "maxTurns: 9",
            "maxTokens: 5000", "maxCostUSD: 2.75",
        ])
        let role = try Role(parsing: text, path: ".aet/agents/reviewer.md")
        #expect(role.allowedCommands == ["swift test", "git diff", "make"])
        #expect(role.permissionPolicy == .editAndRunAllowlisted(["swift test", "git diff", "make"]))
        let limits = role.runLimits(maxOutputBytes: 1024)
        #expect(limits.wallTimeout == .seconds(1200))
        #expect(limits.idleTimeout == .seconds(120))
        #expect(limits.maxOutputBytes == 1024)
        #expect(limits.maxTurns == 9)
        #expect(limits.maxTokens == 5000)
        #expect(limits.maxCostMicros == 2_750_000)
    }

    @Test func defaultsFillWhatTheRoleLeavesOut() throws {
        let role = try Role(parsing: RoleText.reviewer(["permission: readOnly"]), path: ".aet/agents/reviewer.md")
        #expect(role.permissionPolicy == .readOnly)
        let limits = role.runLimits()
        #expect(limits.wallTimeout == Role.defaultTimeout)
        #expect(limits.idleTimeout == Role.defaultIdleTimeout)
        #expect(limits.maxTurns == nil && limits.maxTokens == nil && limits.maxCostMicros == nil)
    }
}
