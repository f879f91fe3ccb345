import AetCore
import Testing

@testable import AetAgents

/// The Claude Code command builder: flags per permission policy, the prompt on stdin, the
/// instructions in a file, only the variables Claude Code needs.
@Suite struct ClaudeCommandTests {
    static func request(
        permission: PermissionPolicy = .editWorkspace,
        allowed: [String] = [],
        denied: [String] = [],
        limits: RunLimits = RunLimits(),
        schema: String? = nil,
        environment: [String: String] = [:]
    ) -> AgentRunRequest {
        CLIRuntimeSamples.request(
            prompt: String(repeating: "a long prompt ", count: 20_000),
            instructions: "Be careful.",
            model: "sonnet",
            permission: permission,
            allowedTools: allowed,
            deniedTools: denied,
            outputSchema: schema,
            limits: limits,
            environment: environment
        )
    }

    static let host = [
        "PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY": "sk-ant-secret-1", "ANTHROPIC_BASE_URL": "http://127.0.0.1:9",
        "OPENAI_API_KEY": "sk-openai-secret", "GITHUB_TOKEN": "ghp_secret", "HOME": "/root", "CLAUDECODE": "1",
    ]

    static func invocation(
        _ request: AgentRunRequest,
        root: Bool = false,
        host: [String: String] = host
    ) -> CLIInvocation {
        ClaudeCommand.invocation(
            for: request,
            files: CLIRuntimeSamples.files(),
            sessionID: "11111111-2222-4333-8444-555555555555",
            configuration: CLIRuntimeConfiguration(hostEnvironment: host, runsAsRoot: root)
        )
    }

    @Test("print mode, stream-json, session id, model, prompt on stdin and instructions in a file")
    func basics() {
        let invocation = Self.invocation(Self.request(limits: RunLimits(maxTurns: 7, maxCostMicros: 1_500_000)))
        #expect(invocation.executable == "claude")
        #expect(
            Array(invocation.arguments.prefix(6)) == [
                "-p", "--output-format", "stream-json", "--verbose", "--session-id",
                "11111111-2222-4333-8444-555555555555",
            ]
        )
        let text = invocation.arguments.joined(separator: " ")
        #expect(text.contains("--model sonnet"))
        #expect(text.contains("--max-turns 7"))
        #expect(text.contains("--max-budget-usd 1.500000"))
        #expect(text.contains("--append-system-prompt-file /runs/r1/instructions.md"))
        #expect(!text.contains("a long prompt"), "the prompt never goes on argv")
        #expect(!text.contains("Be careful"), "nor do the instructions")
        #expect(invocation.standardInput == .file("/runs/r1/prompt.md"))
        #expect(invocation.directories == ["/runs/r1/claude-config"])
        #expect(invocation.warnings.isEmpty)
    }

    @Test("only Claude Code's variables pass; our config dir and traffic switch are set")
    func environment() {
        let environment = Self.invocation(Self.request(environment: ["AET_TICKET": "T-1"])).environment
        #expect(environment["ANTHROPIC_API_KEY"] == "sk-ant-secret-1")
        #expect(environment["ANTHROPIC_BASE_URL"] == "http://127.0.0.1:9")
        #expect(environment["OPENAI_API_KEY"] == nil)
        #expect(environment["GITHUB_TOKEN"] == nil)
        #expect(environment["CLAUDECODE"] == nil, "a nested Claude must not think it runs inside one")
        #expect(environment["IS_SANDBOX"] == nil)
        #expect(environment["HOME"] == "/runs/r1/home")
        #expect(environment["CLAUDE_CONFIG_DIR"] == "/runs/r1/claude-config")
        #expect(environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] == "1")
        #expect(environment["AET_TICKET"] == "T-1")
    }

    @Test(
        "permission policies map to Claude Code flags",
        arguments: [
            (
                PermissionPolicy.readOnly, [String](),
                ["--allowedTools=Read,Glob,Grep,LS", "--disallowedTools=Edit,Write,MultiEdit,NotebookEdit"]
            ),
            (
                .editWorkspace, [],
                ["--permission-mode", "acceptEdits", "--allowedTools=Read,Write,Edit,Glob,Grep,LS"]
            ),
            (.editWorkspace, ["Read", "Edit"], ["--permission-mode", "acceptEdits", "--allowedTools=Read,Edit"]),
            (
                .editAndRunAllowlisted(["swift test", "git diff"]), [],
                [
                    "--permission-mode", "acceptEdits",
                    "--allowedTools=Read,Write,Edit,Glob,Grep,LS,Bash(swift test:*),Bash(git diff:*)",
                ]
            ),
            (.fullAuto, [], ["--dangerously-skip-permissions"]),
        ]
    )
    func permissions(policy: PermissionPolicy, allowed: [String], expected: [String]) {
        let arguments = Self.invocation(Self.request(permission: policy, allowed: allowed)).arguments
        let start =
            arguments.firstIndex(of: "--permission-mode") ?? arguments.firstIndex { $0.hasPrefix("--allowedTools") }
            ?? arguments.firstIndex(of: "--dangerously-skip-permissions")
        let slice = start.map { Array(arguments[$0...].prefix(expected.count)) } ?? []
        #expect(slice == expected)
    }

    @Test("denied tools add to a read-only run's denials")
    func deniedTools() {
        let arguments = Self.invocation(Self.request(permission: .readOnly, denied: ["WebFetch", "Edit"])).arguments
        #expect(arguments.contains("--disallowedTools=WebFetch,Edit,Write,MultiEdit,NotebookEdit"))
        let editing = Self.invocation(Self.request(denied: ["WebFetch"])).arguments
        #expect(editing.contains("--disallowedTools=WebFetch"))
    }

    @Test("full auto as root without IS_SANDBOX falls back to acceptEdits with a warning")
    func fullAutoAsRoot() {
        let fallback = Self.invocation(Self.request(permission: .fullAuto), root: true)
        #expect(!fallback.arguments.contains("--dangerously-skip-permissions"))
        #expect(fallback.arguments.contains("acceptEdits"))
        #expect(fallback.warnings.count == 1)
        #expect(fallback.warnings.first?.contains("IS_SANDBOX=1") == true)

        var host = Self.host
        host["IS_SANDBOX"] = "1"
        let sandboxed = Self.invocation(Self.request(permission: .fullAuto), root: true, host: host)
        #expect(sandboxed.arguments.contains("--dangerously-skip-permissions"))
        #expect(sandboxed.environment["IS_SANDBOX"] == "1", "IS_SANDBOX passes only because the user set it")
        #expect(sandboxed.warnings.isEmpty)
    }

    @Test("an output schema goes to --json-schema; no instructions means no instructions flag")
    func schema() {
        var request = Self.request(schema: " {\"type\":\"object\"}\n")
        request.instructions = "  \n"
        let arguments = Self.invocation(request).arguments
        let index = arguments.firstIndex(of: "--json-schema")
        #expect(index != nil)
        #expect(index.map { arguments[$0 + 1] } == "{\"type\":\"object\"}")
        #expect(!arguments.contains("--append-system-prompt-file"))
    }

    @Test func dollars() {
        #expect(ClaudeCommand.dollars(0) == "0.000000")
        #expect(ClaudeCommand.dollars(2_000_001) == "2.000001")
        #expect(ClaudeCommand.dollars(50) == "0.000050")
    }
}
