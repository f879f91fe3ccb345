import AetAgents
import AetTesting
import Foundation
import Testing

/// Readiness of each runtime from a given environment and a temporary HOME: the program found (a
/// fake `claude`/`codex`/`aider`/`gemini` answering `--version`, or an empty PATH) and the
/// credentials each one uses, named by source and never by value.
@Suite("Runtime readiness: program and credentials")
struct RuntimeReadinessTests {
    static let secret = "sk-ant-oat01-readiness-secret-value"

    /// A temporary HOME and a `bin` directory with fake CLIs that answer `--version`.
    struct Scratch {
        let root: String
        var home: String { root + "/home" }
        var bin: String { root + "/bin" }
        var empty: String { root + "/empty" }

        func environment(_ extra: [String: String] = [:], path: String? = nil) -> [String: String] {
            ["PATH": path ?? bin, "HOME": home].merging(extra) { $1 }
        }

        func write(_ text: String, to path: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// A Claude Code login file expiring `expiresIn` from now.
        func claudeLogin(at path: String, expiresIn: TimeInterval = 3600) throws {
            let expiry = Int64((Date().timeIntervalSince1970 + expiresIn) * 1000)
            try write(
                #"{"claudeAiOauth":{"accessToken":"\#(RuntimeReadinessTests.secret)","refreshToken":"r","expiresAt":\#(expiry),"scopes":["user:inference"]}}"#,
                to: path)
        }
    }

    static func withScratch(_ body: (Scratch) async throws -> Void) async throws {
        try await TemporaryDirectory.with(prefix: "aet-ready") { root in
            let scratch = Scratch(root: root)
            for directory in [scratch.home, scratch.bin, scratch.empty] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            for name in ["claude", "codex", "aider", "gemini"] {
                let path = scratch.bin + "/" + name
                try scratch.write("#!/bin/sh\necho '1.0.0 (fake \(name))'\n", to: path)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
            try await body(scratch)
        }
    }

    static func claude(_ environment: [String: String]) async -> RuntimeReadiness {
        await ClaudeRuntime(configuration: CLIRuntimeConfiguration(hostEnvironment: environment)).readiness()
    }

    @Test("claude missing from PATH is 'not installed', saying how to install or configure it")
    func claudeNotInstalled() async throws {
        try await Self.withScratch { scratch in
            let readiness = await Self.claude(
                scratch.environment(["ANTHROPIC_API_KEY": Self.secret], path: scratch.empty))
            guard case .notInstalled(let fix) = readiness.status else {
                Issue.record("expected not installed, got \(readiness.status)")
                return
            }
            #expect(fix.contains("npm install -g @anthropic-ai/claude-code"))
            #expect(fix.contains("runtimes.claude.executable"))
            #expect(fix.contains("--runtime") && fix.contains("AET_RUNTIME"))
            #expect(readiness.code == "not_installed")
        }
    }

    @Test("a claude whose --version fails is 'unusable', naming the program")
    func claudeThatDoesNotRun() async throws {
        try await Self.withScratch { scratch in
            try scratch.write(
                "#!/bin/sh\necho 'cannot execute binary file' >&2\nexit 126\n", to: scratch.bin + "/claude")
            let readiness = await Self.claude(scratch.environment(["ANTHROPIC_API_KEY": Self.secret]))
            guard case .unusable(let reason) = readiness.status else {
                Issue.record("expected unusable, got \(readiness.status)")
                return
            }
            #expect(reason.contains(scratch.bin + "/claude --version"))
            #expect(readiness.availability.executablePath == scratch.bin + "/claude")
        }
    }

    @Test("claude without any credentials is 'not authenticated', naming the variables and the login")
    func claudeWithoutCredentials() async throws {
        try await Self.withScratch { scratch in
            let readiness = await Self.claude(scratch.environment())
            guard case .notAuthenticated(let fix) = readiness.status else {
                Issue.record("expected not authenticated, got \(readiness.status)")
                return
            }
            #expect(fix.contains("ANTHROPIC_API_KEY") && fix.contains("CLAUDE_CODE_OAUTH_TOKEN"))
            #expect(fix.contains("claude setup-token"))
            #expect(readiness.availability.version == "1.0.0 (fake claude)")
        }
    }

    @Test("claude's credentials in order: API key, gateway token, OAuth token, the user's login")
    func claudeCredentialOrder() async throws {
        try await Self.withScratch { scratch in
            let login = scratch.home + "/.claude/.credentials.json"
            try scratch.claudeLogin(at: login)
            let all = [
                "ANTHROPIC_API_KEY": Self.secret, "ANTHROPIC_AUTH_TOKEN": Self.secret,
                "CLAUDE_CODE_OAUTH_TOKEN": Self.secret,
            ]
            #expect(await Self.claude(scratch.environment(all)).credentials == "ANTHROPIC_API_KEY")
            var environment = all
            environment["ANTHROPIC_API_KEY"] = nil
            #expect(await Self.claude(scratch.environment(environment)).credentials == "ANTHROPIC_AUTH_TOKEN")
            environment["ANTHROPIC_AUTH_TOKEN"] = nil
            let oauth = await Self.claude(scratch.environment(environment))
            #expect(oauth.isReady && oauth.credentials == "CLAUDE_CODE_OAUTH_TOKEN")
            let fromLogin = await Self.claude(scratch.environment())
            #expect(fromLogin.isReady)
            #expect(fromLogin.credentials == "your Claude login (~/.claude/.credentials.json)")
            // An empty variable is no credential.
            #expect(
                await Self.claude(scratch.environment(["ANTHROPIC_API_KEY": ""])).credentials?.hasPrefix(
                    "your Claude login") == true)
            for readiness in [oauth, fromLogin] {
                #expect(!"\(readiness)".contains(Self.secret))
            }
        }
    }

    @Test("the login is read from CLAUDE_CONFIG_DIR when set; an expired or empty one is refused with a fix")
    func claudeLoginFiles() async throws {
        try await Self.withScratch { scratch in
            let custom = scratch.root + "/claude-config"
            try scratch.claudeLogin(at: custom + "/.credentials.json")
            let fromConfig = await Self.claude(scratch.environment(["CLAUDE_CONFIG_DIR": custom]))
            #expect(fromConfig.credentials == "your Claude login (\(custom)/.credentials.json)")

            try scratch.claudeLogin(at: scratch.home + "/.claude/.credentials.json", expiresIn: -60)
            let expired = await Self.claude(scratch.environment())
            guard case .notAuthenticated(let fix) = expired.status else {
                Issue.record("expected not authenticated, got \(expired.status)")
                return
            }
            #expect(fix.contains("has expired") && fix.contains("CLAUDE_CODE_OAUTH_TOKEN"))

            try scratch.write(#"{"claudeAiOauth":{}}"#, to: scratch.home + "/.claude/.credentials.json")
            #expect(await Self.claude(scratch.environment()).problem?.contains("holds no access token") == true)
        }
    }

    @Test("codex: OPENAI_API_KEY, a loopback OPENAI_BASE_URL, or the user's Codex login")
    func codexCredentials() async throws {
        try await Self.withScratch { scratch in
            func codex(_ extra: [String: String]) async -> RuntimeReadiness {
                await CodexRuntime(configuration: CLIRuntimeConfiguration(hostEnvironment: scratch.environment(extra)))
                    .readiness()
            }
            #expect(await codex([:]).code == "not_authenticated")
            #expect(await codex(["OPENAI_API_KEY": Self.secret]).credentials == "OPENAI_API_KEY")
            #expect(await codex(["OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"]).isReady)
            #expect(await codex(["OPENAI_BASE_URL": "https://api.example.com/v1"]).code == "not_authenticated")
            try scratch.write(#"{"tokens":{"access_token":"x"}}"#, to: scratch.home + "/.codex/auth.json")
            #expect(await codex([:]).credentials == "your Codex login (~/.codex/auth.json)")
        }
    }

    @Test("aider and gemini need a model key; native runtimes a key or a loopback base URL")
    func keysOfTheOthers() async throws {
        try await Self.withScratch { scratch in
            let aider = { (extra: [String: String]) async -> RuntimeReadiness in
                await AiderRuntime(configuration: CLIRuntimeConfiguration(hostEnvironment: scratch.environment(extra)))
                    .readiness()
            }
            #expect(await aider([:]).problem?.contains("OPENAI_API_KEY") == true)
            #expect(await aider(["ANTHROPIC_API_KEY": Self.secret]).credentials == "ANTHROPIC_API_KEY")
            #expect(await aider(["OPENAI_API_BASE": "http://localhost:11434/v1"]).isReady)
            let gemini = await GeminiRuntime(
                configuration: CLIRuntimeConfiguration(hostEnvironment: scratch.environment())
            ).readiness()
            #expect(gemini.problem?.contains("GEMINI_API_KEY") == true)

            let remote = NativeAgentRuntime(provider: .anthropic, configuration: .init(hostEnvironment: [:]))
            guard case .notAuthenticated(let fix) = await remote.readiness().status else {
                Issue.record("expected the native runtime without a key to be not authenticated")
                return
            }
            #expect(fix.contains("ANTHROPIC_API_KEY"))
            let keyed = NativeAgentRuntime(
                provider: .anthropic, configuration: .init(hostEnvironment: ["ANTHROPIC_API_KEY": Self.secret]))
            #expect(await keyed.readiness().credentials == "ANTHROPIC_API_KEY")
            let local = NativeAgentRuntime(
                provider: .openai, configuration: .init(hostEnvironment: ["OPENAI_BASE_URL": "http://127.0.0.1:1/v1"]))
            #expect(await local.readiness().isReady)
            let invalid = NativeAgentRuntime(provider: .openai, configuration: .init(baseURL: "not a url"))
            #expect(await invalid.readiness().code == "unusable")
        }
    }

    @Test("a command runtime is ready when its program is found")
    func commandRuntime() async throws {
        let runtime = try CommandRuntime(
            template: "sh -c true", configuration: .init(hostEnvironment: ["PATH": "/usr/bin:/bin"]))
        #expect(await runtime.readiness().isReady)
    }
}
