import AetCore
import Testing

@testable import AetAgents

/// Every invalid field gives a failure naming the file, the line and the field, with what to do.
@Suite struct RolesValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// Front matter lines after `---` (line 2 onwards).
        var lines: [String]
        /// The expected start, after the file's path: e.g. ", line 4, field timeout: ".
        var prefix: String
        /// A fragment of the advice.
        var advice: String
        var body: String = "Do it.\n"

        var testDescription: String { prefix }
    }

    static let base = ["name: reviewer", "description: Reviews."]

    static let cases: [Case] = [
        Case(lines: ["description: Reviews."], prefix: ", field name: missing", advice: "name: reviewer"),
        Case(lines: ["name: Reviewer", "description: x"], prefix: ", line 2, field name: ", advice: "lowercase"),
        Case(lines: ["name: planner", "description: x"], prefix: ", line 2, field name: ", advice: "reviewer.md"),
        Case(lines: ["name: [reviewer]", "description: x"], prefix: ", line 2, field name: ", advice: "text value"),
        Case(lines: ["name: reviewer"], prefix: ", field description: missing", advice: "what the role does"),
        Case(
            lines: ["name: reviewer", "description: \"  \""],
            prefix: ", line 3, field description: ",
            advice: "empty"
        ),
        Case(lines: base + ["runtime: gpt"], prefix: ", line 4, field runtime: \"gpt\"", advice: "claude, codex"),
        Case(lines: base + ["timeout: 90"], prefix: ", line 4, field timeout: \"90\"", advice: "90s, 20m or 1h"),
        Case(lines: base + ["timeout: 0s"], prefix: ", line 4, field timeout: ", advice: "1s to 24h"),
        Case(lines: base + ["timeout: 25h"], prefix: ", line 4, field timeout: ", advice: "1s to 24h"),
        Case(lines: base + ["idleTimeout: soon"], prefix: ", line 4, field idleTimeout: ", advice: "90s"),
        Case(
            lines: base + ["timeout: 10m", "idleTimeout: 20m"],
            prefix: ", line 5, field idleTimeout: 20m is longer than timeout 10m",
            advice: "shorter"
        ),
        Case(lines: base + ["permission: admin"], prefix: ", line 4, field permission: \"admin\"", advice: "readOnly"),
        Case(lines: base + ["maxTurns: 0"], prefix: ", line 4, field maxTurns: 0 is out of range", advice: "1 to 1000"),
        Case(lines: base + ["maxTurns: 1001"], prefix: ", line 4, field maxTurns: ", advice: "1 to 1000"),
        Case(lines: base + ["maxTurns: many"], prefix: ", line 4, field maxTurns: \"many\"", advice: "whole number"),
        Case(lines: base + ["maxTurns: 2.5"], prefix: ", line 4, field maxTurns: ", advice: "whole number"),
        Case(lines: base + ["maxCostUSD: abc"], prefix: ", line 4, field maxCostUSD: ", advice: "2.50"),
        Case(lines: base + ["maxCostUSD: -1"], prefix: ", line 4, field maxCostUSD: ", advice: "2.50"),
        Case(lines: base + ["maxCostUSD: 0"], prefix: ", line 4, field maxCostUSD: ", advice: "more than 0"),
        Case(lines: base + ["maxTokens: 0"], prefix: ", line 4, field maxTokens: ", advice: "out of range"),
        Case(lines: base + ["model: big model"], prefix: ", line 4, field model: ", advice: "one word"),
        Case(lines: base + ["tools: Read, Bash("], prefix: ", line 4, field tools: \"Bash(\"", advice: "parentheses"),
        Case(lines: base + ["tools: Read Grep"], prefix: ", line 4, field tools: \"Read Grep\"", advice: "Read"),
        Case(lines: base + ["tools:", "  - {a: b}"], prefix: ", line 5, field tools: ", advice: "tool name"),
        Case(lines: base + ["tools: {a: b}"], prefix: ", line 4, field tools: ", advice: "list of tools"),
        Case(lines: base + ["disallowedTools: \"1x\""], prefix: ", line 4, field disallowedTools: ", advice: "name"),
        Case(
            lines: base + ["permission: readOnly", "tools: Read, Edit"],
            prefix: ", line 5, field tools: Edit changes files",
            advice: "editWorkspace"
        ),
        Case(lines: base + ["command: make test"], prefix: ", line 4, field command: ", advice: "runtime: command"),
        Case(
            lines: base + ["runtime: command", "command: run {prompt} in {worktree}"],
            prefix: ", line 5, field command: the command template uses an unknown placeholder {prompt}",
            advice: "prompt_file"
        ),
        Case(
            lines: base + ["runtime: command", "command: {worktree}"],
            prefix: ", line 5, field command: ",
            advice: "quote"
        ),
        Case(
            lines: base + ["runtime: command", "command: swift build && swift test"],
            prefix: ", line 5, field command: the command template uses shell syntax",
            advice: "sh -c"
        ),
        Case(
            lines: base + ["runtime: command", "command: \"echo 'hi\""],
            prefix: ", line 5, field command: the command template has an unclosed",
            advice: "close it"
        ),
        Case(lines: base + ["timout: 5m"], prefix: ", line 4, field \"timout\": unknown key", advice: "idleTimeout"),
        Case(
            lines: base + ["idle_timeout: 5m"],
            prefix: ", line 4, field idle_timeout: ",
            advice: "did you mean idleTimeout?"
        ),
    ]

    @Test(arguments: cases)
    func namesFileLineAndField(_ example: Case) {
        let path = ".aet/agents/reviewer.md"
        do {
            let role = try Role(parsing: RoleText.make(example.lines, body: example.body), path: path)
            Issue.record("accepted \(role.name)")
        } catch {
            #expect(error.message.hasPrefix(path + example.prefix), "\(error.message)")
            #expect(error.message.contains(example.advice), "\(error.message)")
            #expect(error.message.hasSuffix(".") || error.message.hasSuffix("?"), "\(error.message)")
        }
    }

    @Test(arguments: [
        ("name: reviewer\ndescription: x\nDo it.\n", "reviewer.md, line 1: the file does not start with front matter"),
        ("---\nname: reviewer\ndescription: x\nDo it.\n", "reviewer.md, line 1: the front matter is never closed"),
        ("---\n---\nDo it.\n", "reviewer.md, line 2: the front matter is empty"),
        ("---\n- a\n- b\n---\nDo it.\n", "reviewer.md, line 2: the front matter must be keys with values"),
        ("---\nname: reviewer\ndescription: [x\n---\nDo it.\n", "the front matter is not valid YAML"),
        ("---\nname: reviewer\nname: reviewer\n---\nDo it.\n", "reviewer.md, line 2: the front matter sets name twice"),
        ("---\nname: reviewer\ndescription: x\n---\n\n  \n", "reviewer.md, line 4: the role has no instructions"),
    ])
    func wholeFileProblems(text: String, expected: String) {
        do {
            let role = try Role(parsing: text, path: ".aet/agents/reviewer.md")
            Issue.record("accepted \(role.name)")
        } catch {
            #expect(error.message.hasPrefix(".aet/agents/reviewer.md"), "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func theFirstLineMustBeTheDelimiter() throws {
        let text = "\n" + RoleText.reviewer()
        #expect(throws: ValidationFailure.self) { try Role(parsing: text, path: ".aet/agents/reviewer.md") }
        _ = try Role(parsing: RoleText.reviewer(), path: ".aet/agents/reviewer.md")
    }
}
