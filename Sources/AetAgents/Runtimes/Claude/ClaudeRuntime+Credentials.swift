import Foundation

extension ClaudeRuntime {
    /// The variables that carry Claude Code's credentials, in aet's order: an API key, a gateway's
    /// bearer token, then a subscription token from `claude setup-token`.
    static let credentialVariables = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"]

    /// How a run authenticates, in order: `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN` (a gateway),
    /// `CLAUDE_CODE_OAUTH_TOKEN` (`claude setup-token`), else the user's own login:
    /// `$CLAUDE_CONFIG_DIR/.credentials.json` or `~/.claude/.credentials.json`, with a
    /// `claudeAiOauth.accessToken` that has not expired (an expired one would make Claude Code
    /// refresh it and write the file, which aet only lends read-only).
    /// - Parameters:
    ///   - environment: aet's own environment (`HOME`, `CLAUDE_CONFIG_DIR`, the variables).
    ///   - now: The current time, to check the login's expiry.
    /// - Returns: The credentials, or a sentence saying how to provide them.
    static func credentials(in environment: [String: String], now: Date = Date()) -> CLICredentials.Lookup {
        if let variable = CLICredentials.variable(credentialVariables, in: environment) { return .found(variable) }
        let fix =
            "set ANTHROPIC_API_KEY, or run claude setup-token and set CLAUDE_CODE_OAUTH_TOKEN to the token it "
            + "prints, or log in with claude (then aet uses that login)"
        let home = environment["HOME"]
        let directory =
            environment["CLAUDE_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.claude" }
        guard let directory else { return .missing(fix: "Claude Code has no credentials: \(fix).") }
        let path = directory + "/.credentials.json"
        let shown = CLICredentials.display(path, home: home)
        guard FileManager.default.fileExists(atPath: path) else {
            return .missing(fix: "Claude Code has no credentials (no \(shown)): \(fix).")
        }
        guard let login = CLICredentials.jsonObject(at: path)?["claudeAiOauth"] as? [String: Any],
            let token = login["accessToken"] as? String, !token.isEmpty
        else {
            return .missing(fix: "your Claude login (\(shown)) holds no access token: \(fix).")
        }
        if let expiry = (login["expiresAt"] as? NSNumber)?.doubleValue,
            Date(timeIntervalSince1970: expiry / 1000) < now.addingTimeInterval(60)
        {
            return .missing(
                fix: "your Claude login (\(shown)) has expired: run claude once to refresh it, or run claude "
                    + "setup-token and set CLAUDE_CODE_OAUTH_TOKEN to the token it prints."
            )
        }
        return .found(CLICredentials(source: "your Claude login (\(shown))", loginFile: path))
    }

    /// Whether Claude Code can run here: the program (``probe()``) and credentials (``credentials(in:now:)``).
    /// - Returns: The readiness, naming the credentials' source.
    public func readiness() async -> RuntimeReadiness {
        CLICredentials.readiness(
            of: id,
            availability: await probe(),
            install: "npm install -g @anthropic-ai/claude-code",
            credentials: Self.credentials(in: configuration.hostEnvironment)
        )
    }
}
