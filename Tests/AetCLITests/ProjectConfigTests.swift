import AetCore
import Logging
import Testing

@testable import AetCLI

@Suite struct ProjectConfigTests {
    @Test func defaultsRoundTripThroughYAML() throws {
        let config = ProjectConfig(baseBranch: "main", logLevel: .debug, store: "data/aet store.db")
        #expect(try ProjectConfig.parse(yaml: config.yamlText(), file: "c.yaml") == config)
    }

    @Test func agentWorkspaceAndRuntimeSettingsRoundTrip() throws {
        var config = ProjectConfig(baseBranch: "main")
        config.testCommand = "make lint && make test"
        config.defaultRuntime = "openai"
        config.concurrency = 2
        config.maxRunAttempts = 5
        config.retryBackoffSeconds = 0
        config.keepRuns = 20
        config.worktreeSetup = "npm ci"
        config.worktreeCopy = [".env", "config/local.json"]
        config.ticketBudget = TicketBudget(
            maxTokens: 2_000_000, maxCostMicros: 2_500_000, maxWallSeconds: 7200, maxTurns: 400)
        config.runtimes = [
            "openai": ["base_url": "http://127.0.0.1:11434/v1", "model": "qwen2.5-coder"],
            "claude": ["executable": "/opt/claude"],
        ]
        #expect(try ProjectConfig.parse(yaml: config.yamlText(), file: "c.yaml") == config)
        // The defaults written by aet init parse back to the defaults.
        #expect(try ProjectConfig.parse(yaml: ProjectConfig().yamlText(), file: "c.yaml") == ProjectConfig())
    }

    @Test(arguments: [
        ("agents:\n  runtime: gpt\n", "key agents.runtime: unknown runtime 'gpt'"),
        ("agents:\n  concurrency: 0\n", "key agents.concurrency: 0 is out of range: use 1 to 64."),
        ("agents:\n  max_run_attempts: x\n", "key agents.max_run_attempts: expected a whole number."),
        ("workspace:\n  copy: [../secret]\n", "key workspace.copy: '../secret' must be a path inside the repository"),
        ("workspace:\n  copy: .env\n", "key workspace.copy: expected a list of paths."),
        (
            "runtimes:\n  claude:\n    api_key: sk-x\n",
            "key runtimes.claude.api_key: unknown key: use executable, model."
        ),
        ("runtimes:\n  bash: {}\n", "key runtimes.bash: unknown key"),
        ("test_command: \"\"\n", "key test_command: expected a non-empty text value."),
    ])
    func invalidAgentSettingsNameTheKey(yaml: String, message: String) {
        #expect {
            try ProjectConfig.parse(yaml: yaml, file: "c.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func emptyFileMeansDefaults() throws {
        #expect(try ProjectConfig.parse(yaml: "", file: "c.yaml") == ProjectConfig())
        #expect(try ProjectConfig.parse(yaml: "# only a comment\n", file: "c.yaml") == ProjectConfig())
    }

    @Test func customPipelineLoads() throws {
        let yaml = """
            pipeline:
              max_reworks: 1
              stages:
                - name: implement
                  role: developer
                - name: review
                  role: reviewer
                  sends_back_to: implement
            """
        let config = try ProjectConfig.parse(yaml: yaml, file: "c.yaml")
        #expect(config.pipeline.maxReworks == 1)
        #expect(config.pipeline.stages.map(\.name) == [.implement, .review])
        #expect(config.pipeline.stages.last?.sendsBackTo == .implement)
    }

    static let invalid: [(yaml: String, message: String)] = [
        ("project: [\n", "c.yaml is not valid YAML (line 2, column 1: did not find expected node content)"),
        ("- a\n- b\n", "c.yaml, line 1, key (top level): expected a mapping"),
        (
            "pipline: {}\n",
            "c.yaml, line 1, key pipline: unknown key: use project, pipeline, log_level, store, test_command, agents, workspace, runtimes, budget."
        ),
        ("project:\n  base_branch: a..b\n", "c.yaml, line 2, key project.base_branch: the branch name 'a..b'"),
        ("pipeline:\n  max_reworks: many\n", "c.yaml, line 2, key pipeline.max_reworks: expected a whole number."),
        (
            "pipeline:\n  max_reworks: 500\n",
            "c.yaml, line 2, key pipeline.max_reworks: max_reworks 500 is out of range"
        ),
        ("pipeline:\n  stages: []\n", "c.yaml, line 2, key pipeline.stages: the pipeline has no stages"),
        (
            "pipeline:\n  stages:\n    - name: review\n      role: reviewer\n      sends_back_to: implement\n",
            "c.yaml, line 5, key pipeline.stages[0].sends_back_to: stage 'review' sends back to 'implement', which is not an earlier stage."
        ),
        (
            "pipeline:\n  stages:\n    - name: plan\n      role: a\n    - name: plan\n      role: b\n",
            "c.yaml, line 5, key pipeline.stages[1].name: stage 'plan' appears twice"
        ),
        (
            "pipeline:\n  stages:\n    - name: Plan\n      role: a\n",
            "c.yaml, line 3, key pipeline.stages[0].name: stage name 'Plan' is invalid"
        ),
        (
            "pipeline:\n  stages:\n    - role: a\n",
            "c.yaml, line 3, key pipeline.stages[0].name: every stage needs a name."
        ),
        (
            "pipeline:\n  stages:\n    - name: plan\n      colour: red\n",
            "c.yaml, line 4, key pipeline.stages[0].colour: unknown key"
        ),
        ("log_level: loud\n", "c.yaml, line 1, key log_level: unknown log level 'loud': use trace"),
        ("store: ''\n", "c.yaml, line 1, key store: expected a non-empty text value."),
    ]

    @Test(arguments: invalid.indices)
    func invalidConfigNamesTheKey(_ index: Int) {
        let (yaml, message) = Self.invalid[index]
        #expect(throws: ValidationFailure.self) { try ProjectConfig.parse(yaml: yaml, file: "c.yaml") }
        do {
            _ = try ProjectConfig.parse(yaml: yaml, file: "c.yaml")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func unusualValuesAreQuotedInYAML() {
        #expect(ProjectConfig.scalar("main") == "main")
        #expect(ProjectConfig.scalar("release/2.0") == "release/2.0")
        #expect(ProjectConfig.scalar("yes") == "\"yes\"")
        #expect(ProjectConfig.scalar("123") == "\"123\"")
        #expect(ProjectConfig.scalar("a: b") == "\"a: b\"")
        #expect(ProjectConfig.scalar("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"")
    }
}
