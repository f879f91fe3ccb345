import AetAgents
import AetModels
import AetTesting
import Foundation
import Testing

/// The real Claude Code binary authenticating the ways a subscription user does: with only
/// `CLAUDE_CODE_OAUTH_TOKEN` (from `claude setup-token`), and with only a `.credentials.json` login
/// in a temporary HOME. The scripted model server demands that exact token (as a bearer token), so
/// a success proves the run authenticated with it; afterwards no file in the run directory holds it.
@Suite(
    "Claude Code credentials, real CLI + scripted model",
    .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.claude, "Claude Code (claude)"))
)
struct ClaudeRealCLICredentialsTests {
    static let token = "sk-ant-oat01-aet-test-\(UUID().uuidString.lowercased())"

    /// Runs a one-reply request with only `environment` (plus PATH and the server's URL) as aet's
    /// environment, against a server that requires ``token``.
    static func run(
        _ bench: CLIBench, environment: [String: String]
    ) async throws -> (AgentOutcome, [ScriptedModelServer.RecordedRequest]) {
        var configuration = ScriptedModelServer.Configuration()
        configuration.requiredCredential = token
        let server = ScriptedModelServer(
            script: ScriptedModel(
                models: ["claude-scripted"], strictness: .fallback(.text("Hello from the model.")), rules: []),
            configuration: configuration)
        let outcome = try await server.withRunning { baseURL in
            let host = ["PATH": "/usr/bin:/bin", "ANTHROPIC_BASE_URL": baseURL.absoluteString].merging(environment) {
                $1
            }
            let runtime = ClaudeRuntime(
                configuration: CLIRuntimeConfiguration(
                    hostEnvironment: host, executable: InstalledAgentCLIs.claude,
                    terminationGracePeriod: .milliseconds(500)))
            var request = bench.request(prompt: "Say hello.", model: "claude-scripted")
            request.environment["CLAUDE_CODE_MAX_RETRIES"] = "0"
            return try await runtime.run(request, events: { _ in })
        }
        return (outcome, server.requests(for: .anthropic))
    }

    @Test("only CLAUDE_CODE_OAUTH_TOKEN: Claude Code sends it as a bearer token and the run succeeds")
    func oauthTokenOnly() async throws {
        try await CLIBench.with { bench in
            let (outcome, requests) = try await Self.run(bench, environment: ["CLAUDE_CODE_OAUTH_TOKEN": Self.token])
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            #expect(!requests.isEmpty && requests.allSatisfy { $0.authenticated == true })
            #expect(
                requests.allSatisfy {
                    $0.headers["authorization"] == "Bearer <redacted>" && $0.headers["x-api-key"] == nil
                })
            #expect(SecretScan.files(under: bench.runDirectory, containing: [Self.token]).isEmpty)
        }
    }

    @Test("only the user's login file: linked into the run, used as a bearer token, never copied")
    func loginFileOnly() async throws {
        try await CLIBench.with { bench in
            let home = bench.root + "/home"
            try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
            let expiry = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
            let login =
                #"{"claudeAiOauth":{"accessToken":"\#(Self.token)","refreshToken":"sk-ant-ort01-aet-test","expiresAt":\#(expiry),"scopes":["user:inference","user:profile"],"subscriptionType":"pro"}}"#
            try bench.write(login, to: home + "/.claude/.credentials.json")
            let (outcome, requests) = try await Self.run(bench, environment: ["HOME": home])
            #expect(outcome.status == .succeeded, "\(outcome.status) \(outcome.warnings)")
            #expect(!requests.isEmpty && requests.allSatisfy { $0.authenticated == true })
            #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer <redacted>" })
            #expect(SecretScan.files(under: bench.runDirectory, containing: [Self.token]).isEmpty)
            #expect(SecretScan.files(under: bench.runDirectory, containing: ["sk-ant-ort01-aet-test"]).isEmpty)
            #expect(try bench.read(home + "/.claude/.credentials.json") == login, "the user's file is untouched")
        }
    }

    @Test("a token the API refuses: 'not authenticated' (HTTP 401), not a plain failure")
    func refusedToken() async throws {
        try await CLIBench.with { bench in
            let (outcome, requests) = try await Self.run(
                bench, environment: ["CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-wrong"])
            guard case .notAuthenticated = outcome.status else {
                Issue.record("expected not authenticated, got \(outcome.status)")
                return
            }
            #expect(requests.contains { $0.authenticated == false })
        }
    }
}
