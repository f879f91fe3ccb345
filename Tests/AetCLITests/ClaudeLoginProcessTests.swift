import AetAgents
import AetCore
import AetModels
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// A subscription user's `aet process`: no API key, only a Claude Code login in HOME. The real
/// Claude Code (the pinned one in `.build/agents-venv`) works the ticket against a
/// scripted model server that demands the login's access token; afterwards no file aet wrote under
/// `.aet/` (run directories, logs, the SQLite store) holds the token.
@Suite(
    "Claude login through aet process, real CLI + scripted model",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.claude, "Claude Code (claude)"))
)
struct ClaudeLoginProcessTests {
    @Test func aLoginInHomeAuthenticatesTheRunAndNoCopyOfItIsWritten() async throws {
        let claude = try InstalledAgentCLIs.require(InstalledAgentCLIs.claude, "Claude Code")
        let token = "sk-ant-oat01-aet-process-\(UUID().uuidString.lowercased())"
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let config = try #require(project.read(".aet/config.yaml"))
            try project.write(
                ".aet/config.yaml",
                config.replacingOccurrences(of: "runtimes: {}", with: "runtimes: {claude: {executable: \(claude)}}"))
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            let expiry = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
            try FileManager.default.createDirectory(
                atPath: project.home + "/.claude", withIntermediateDirectories: true)
            let login =
                #"{"claudeAiOauth":{"accessToken":"\#(token)","refreshToken":"sk-ant-ort01-aet-process","expiresAt":\#(expiry),"scopes":["user:inference"]}}"#
            try Data(login.utf8).write(to: URL(fileURLWithPath: project.home + "/.claude/.credentials.json"))
            #expect(await project.run("create", "Create hello.txt", "--mode", "simple").code == 0)

            let file = project.root + "/.aet/worktrees/T-1/hello.txt"
            var configuration = ScriptedModelServer.Configuration()
            configuration.requiredCredential = token
            let server = ScriptedModelServer(
                script: ScriptedModel(
                    models: ["claude-scripted"], strictness: .fallback(.text("(unscripted)")),
                    rules: [
                        .init(
                            "write", when: .offersTools("Write"), .lastMessage(contains: "Create hello.txt"),
                            reply: .toolCall("Write", arguments: ["file_path": "\(file)", "content": "hi\n"])),
                        .init("done", when: .toolResult(for: "Write"), reply: .text("Created hello.txt.")),
                    ]),
                configuration: configuration)
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "process",
                    variables: ["ANTHROPIC_BASE_URL": baseURL.absoluteString, "ANTHROPIC_MODEL": "claude-scripted"])
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("T-1: completed"))
            }
            let requests = server.requests(for: .anthropic)
            #expect(!requests.isEmpty && requests.allSatisfy { $0.authenticated == true })
            #expect(try await project.git("show", "main:hello.txt") == "hi")
            let leaks = SecretScan.files(
                under: project.root + "/.aet", containing: [token, "sk-ant-ort01-aet-process"])
            #expect(leaks.isEmpty, "\(leaks)")
        }
    }
}
