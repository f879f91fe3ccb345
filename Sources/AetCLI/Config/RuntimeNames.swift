/// The runtimes the config and `--runtime` accept, and the settings each takes under `runtimes:`.
enum RuntimeNames {
    static let all = ["claude", "codex", "aider", "gemini", "command", "anthropic", "openai", "replay"]

    /// `runtimes.<name>.<key>` keys. Secrets (API keys) are never config: they come from the environment.
    static let configurable: [String: [String]] = [
        "claude": ["executable", "model"],
        "codex": ["executable", "model"],
        "aider": ["executable", "model"],
        "gemini": ["executable", "model"],
        "anthropic": ["base_url", "model", "streaming"],
        "openai": ["base_url", "model", "streaming"],
        "replay": ["recording"],
    ]
}
