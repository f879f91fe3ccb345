import AetAgents
import AetCore
import AetScheduler
import AetTesting
import Foundation
import Testing

@Suite("Mode rule, test-command detection, shell templates")
struct ProjectRulesTests {
    @Test(arguments: [
        ("Fix the typo in README.md", TicketMode.simple),
        ("Rename the variable count to total in Sources/main.swift.", .simple),
        ("Redesign the storage layer so that tickets survive crashes", .full),
        ("Add a feature flag", .full),
        ("First. Second. Third.", .full),
        ("Line one\nline two", .full),
        (String(repeating: "word ", count: 60), .full),
    ])
    func autoModeRule(description: String, mode: TicketMode) {
        let (classified, reason) = ModeClassifier.classify(description)
        #expect(classified == mode)
        #expect(reason.hasPrefix("auto: "))
    }

    @Test(arguments: [
        ("Package.swift", "", "swift test"),
        ("pyproject.toml", "[tool.pytest.ini_options]\nminversion = \"7.0\"\n", "pytest"),
        ("pytest.ini", "", "pytest"),
        ("conftest.py", "", "pytest"),
        ("test_greet.py", "import unittest\n", "python3 -m unittest"),
        ("package.json", #"{"scripts": {"test": "jest"}}"#, "npm test"),
        ("Cargo.toml", "", "cargo test"),
        ("go.mod", "module x", "go test ./..."),
        ("Makefile", "all:\n\ttrue\ntest:\n\ttrue\n", "make test"),
    ])
    func detectsTheTestCommand(file: String, content: String, command: String) throws {
        try TemporaryDirectory.with(prefix: "aet-detect") { root in
            try Data(content.utf8).write(to: URL(fileURLWithPath: root + "/" + file))
            let detection = try #require(TestCommandDetector.detect(in: root))
            #expect(detection.command == command && detection.evidence == file)
        }
    }

    @Test(arguments: [
        (
            ["pyproject.toml": "[project]\nname = \"x\"\n", "tests/test_a.py": ""],
            "python3 -m unittest discover -s tests", "tests/test_a.py"
        ),
        (["tests/__init__.py": "", "tests/test_a.py": ""], "python3 -m unittest", "tests/test_a.py"),
        (["test/test_b.py": ""], "python3 -m unittest discover -s test", "test/test_b.py"),
        (
            ["pyproject.toml": "[tool.poetry.group.dev.dependencies]\npytest = \"^8\"\n", "tests/test_a.py": ""],
            "pytest", "pyproject.toml"
        ),
    ])
    func detectsPythonTestsWithoutPytestConfigurationAsUnittest(
        files: [String: String], command: String, evidence: String
    ) throws {
        try TemporaryDirectory.with(prefix: "aet-detect") { root in
            for (path, content) in files {
                let url = URL(fileURLWithPath: root + "/" + path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
            let detection = try #require(TestCommandDetector.detect(in: root))
            #expect(detection.command == command && detection.evidence == evidence)
        }
    }

    @Test func npmsPlaceholderTestScriptAndAnEmptyDirectoryDetectNothing() throws {
        try TemporaryDirectory.with(prefix: "aet-detect") { root in
            #expect(TestCommandDetector.detect(in: root) == nil)
            let placeholder = #"{"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}}"#
            try Data(placeholder.utf8).write(to: URL(fileURLWithPath: root + "/package.json"))
            #expect(TestCommandDetector.detect(in: root) == nil)
        }
    }

    @Test(arguments: [
        "swift test", "make lint && make test", "echo 'it''s {fine}' | grep -q fine", "printf '%s\\n' \"a b\"",
    ])
    func shellTemplatesPassTheCommandUnchanged(command: String) throws {
        let template = try ShellCommand.template(command)
        #expect(template.arguments(with: [:]) == ["/bin/sh", "-c", command])
    }
}

@Suite("Run cost")
struct RunCostTests {
    @Test func aReportedCostIsKeptAndTokensOfAKnownModelArePriced() {
        let usage = TokenUsage(input: 1_000_000, output: 0)
        let reported = AgentOutcome(status: .succeeded, usage: usage, usageReported: true, cost: .reported(micros: 42))
        #expect(StageExecutor.cost(of: reported, model: "claude-sonnet-4-5") == .reported(micros: 42))
        let tokensOnly = AgentOutcome(status: .succeeded, usage: usage, usageReported: true, cost: .unknown)
        let computed = StageExecutor.cost(of: tokensOnly, model: "claude-sonnet-4-5")
        #expect(computed.source == .computed && (computed.micros ?? 0) > 0)
        #expect(StageExecutor.cost(of: tokensOnly, model: "my-local-model") == .unknown)
        #expect(StageExecutor.cost(of: tokensOnly, model: nil) == .unknown)
        let noTokens = AgentOutcome(status: .succeeded, usage: .zero, usageReported: false, cost: .unknown)
        #expect(StageExecutor.cost(of: noTokens, model: "claude-sonnet-4-5") == .unknown)
    }
}
