import AetAgents
import AetTesting
import Foundation
import Testing

/// How the `claude` runtime hands Claude Code its credentials, with a fake `claude` that reports
/// what it was given: `CLAUDE_CODE_OAUTH_TOKEN` passes through, the user's login is a symbolic link
/// in the run's config directory while it runs (never a copy) and is gone afterwards; Claude Code's
/// "Not logged in" result is ``AgentRunStatus/notAuthenticated(reason:)``.
@Suite("Claude Code credentials, fake CLI")
struct ClaudeCredentialsTests {
    static let success =
        #"{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"s","num_turns":1,"usage":{"input_tokens":1,"output_tokens":1}}"#
    /// Claude Code 2.1's last line when it has no credentials (recorded from the real CLI).
    static let notLoggedIn =
        #"{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"duration_ms":150,"num_turns":1,"result":"Not logged in · Please run /login","stop_reason":"stop_sequence","session_id":"ca4479a8-712d-4b15-9943-f73f346bf65b","total_cost_usd":0,"usage":{"input_tokens":0,"output_tokens":0},"permission_denials":[],"terminal_reason":"api_error"}"#

    /// A fake `claude` that records where its login link points and prints `line`.
    static func fakeClaude(in bench: CLIBench, printing line: String, exit: Int = 0) throws -> String {
        let path = bench.binDirectory + "/claude"
        try bench.writeExecutable(
            """
            #!/bin/sh
            cat > /dev/null
            env > '\(bench.binDirectory)/env.txt'
            readlink "$CLAUDE_CONFIG_DIR/.credentials.json" > '\(bench.binDirectory)/link.txt'
            printf '%s\\n' '\(line)'
            exit \(exit)
            """, at: path)
        return path
    }

    static func configuration(_ bench: CLIBench, executable: String, _ environment: [String: String])
        -> CLIRuntimeConfiguration
    {
        CLIRuntimeConfiguration(
            hostEnvironment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }, executable: executable,
            terminationGracePeriod: .milliseconds(500))
    }

    @Test("the user's login is linked into the run's config directory while it runs, then unlinked; no copy stays")
    func loginIsLinkedNeverCopied() async throws {
        try await CLIBench.with { bench in
            let home = bench.root + "/home"
            let login = home + "/.claude/.credentials.json"
            try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
            let expiry = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
            try bench.write(
                #"{"claudeAiOauth":{"accessToken":"sk-ant-oat01-linked-login","refreshToken":"sk-ant-ort01-r","expiresAt":\#(expiry),"scopes":["user:inference"]}}"#,
                to: login)
            let claude = try Self.fakeClaude(in: bench, printing: Self.success)
            let runtime = ClaudeRuntime(configuration: Self.configuration(bench, executable: claude, ["HOME": home]))
            let outcome = try await runtime.run(bench.request(), events: { _ in })
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(try bench.read(bench.binDirectory + "/link.txt") == login + "\n")
            let link = bench.runDirectory + "/claude-config/.credentials.json"
            #expect(
                (try? FileManager.default.attributesOfItem(atPath: link)) == nil, "the link is removed after the run")
            #expect(SecretScan.files(under: bench.runDirectory, containing: ["sk-ant-oat01-linked-login"]).isEmpty)
            #expect(try bench.read(bench.binDirectory + "/env.txt").contains("CLAUDE_CODE_OAUTH_TOKEN") == false)
        }
    }

    @Test("a login the agent rewrote in the run directory (a refresh) is removed after the run, with a warning")
    func rewrittenLoginIsRemoved() async throws {
        try await CLIBench.with { bench in
            let home = bench.root + "/home"
            try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
            let expiry = Int64((Date().timeIntervalSince1970 + 3600) * 1000)
            try bench.write(
                #"{"claudeAiOauth":{"accessToken":"old","expiresAt":\#(expiry)}}"#,
                to: home + "/.claude/.credentials.json")
            let path = bench.binDirectory + "/claude"
            try bench.writeExecutable(
                """
                #!/bin/sh
                cat > /dev/null
                rm "$CLAUDE_CONFIG_DIR/.credentials.json"
                echo '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-refreshed"}}' > "$CLAUDE_CONFIG_DIR/.credentials.json"
                printf '%s\\n' '\(Self.success)'
                """, at: path)
            let runtime = ClaudeRuntime(configuration: Self.configuration(bench, executable: path, ["HOME": home]))
            let recorder = AgentEventRecorder()
            let outcome = try await runtime.run(bench.request(), events: recorder.record)
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(SecretScan.files(under: bench.runDirectory, containing: ["sk-ant-oat01-refreshed"]).isEmpty)
            #expect(outcome.warnings.contains { $0.contains("replaced the link to your login") })
            #expect(recorder.warnings.contains { $0.contains("replaced the link to your login") })
        }
    }

    @Test("CLAUDE_CODE_OAUTH_TOKEN passes through, and then no login is linked")
    func oauthTokenPassesThrough() async throws {
        try await CLIBench.with { bench in
            let home = bench.root + "/home"
            try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
            try bench.write(#"{"claudeAiOauth":{"accessToken":"a"}}"#, to: home + "/.claude/.credentials.json")
            let claude = try Self.fakeClaude(in: bench, printing: Self.success)
            let runtime = ClaudeRuntime(
                configuration: Self.configuration(
                    bench, executable: claude,
                    ["HOME": home, "CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-from-setup-token"]))
            let outcome = try await runtime.run(bench.request(), events: { _ in })
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(
                try bench.read(bench.binDirectory + "/env.txt").contains(
                    "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-from-setup-token"))
            #expect(try bench.read(bench.binDirectory + "/link.txt").isEmpty)
            #expect(SecretScan.files(under: bench.runDirectory, containing: ["sk-ant-oat01-from-setup-token"]).isEmpty)
        }
    }

    @Test("Claude Code's 'Not logged in' result is 'not authenticated', with what to set")
    func notLoggedIn() async throws {
        try await CLIBench.with { bench in
            let claude = try Self.fakeClaude(in: bench, printing: Self.notLoggedIn, exit: 1)
            let runtime = ClaudeRuntime(
                configuration: Self.configuration(bench, executable: claude, ["ANTHROPIC_API_KEY": "sk-x-123456"]))
            let outcome = try await runtime.run(bench.request(), events: { _ in })
            guard case .notAuthenticated(let reason) = outcome.status else {
                Issue.record("expected not authenticated, got \(outcome.status)")
                return
            }
            #expect(reason.contains("Not logged in"))
            #expect(reason.contains("CLAUDE_CODE_OAUTH_TOKEN"))
            #expect(outcome.status.isRuntimeNotReady)
        }
    }
}
