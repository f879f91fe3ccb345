import ArgumentParser

/// The runtimes the config and `--runtime` accept, and the settings each takes under `runtimes:`.
enum RuntimeNames {
    static let all = ["claude", "codex", "aider", "gemini", "command", "anthropic", "openai", "replay"]

    /// The help of a `--runtime` option: `abstract`, then the names it accepts.
    static func help(_ abstract: String) -> ArgumentHelp {
        ArgumentHelp("\(abstract): \(all.joined(separator: ", ")).", valueName: "name")
    }

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
