import Foundation

extension CodexRuntime {
    /// How a run authenticates, in order: `OPENAI_API_KEY`; none for a loopback `OPENAI_BASE_URL`;
    /// else the user's Codex login, `$CODEX_HOME/auth.json` or `~/.codex/auth.json` (linked into the
    /// run's `CODEX_HOME`, never copied).
    /// - Parameter environment: aet's own environment (`HOME`, `CODEX_HOME`, the variables).
    /// - Returns: The credentials, or a sentence saying how to provide them.
    static func credentials(in environment: [String: String]) -> CLICredentials.Lookup {
        if let found = CLICredentials.variable(["OPENAI_API_KEY"], in: environment)
            ?? CLICredentials.loopback(["OPENAI_BASE_URL"], in: environment)
        {
            return .found(found)
        }
        let fix = "set OPENAI_API_KEY, or log in with codex login (then aet uses that login)"
        let home = environment["HOME"]
        guard
            let directory = environment["CODEX_HOME"].flatMap({ $0.isEmpty ? nil : $0 }) ?? home.map({ $0 + "/.codex" })
        else { return .missing(fix: "Codex has no credentials: \(fix).") }
        let path = directory + "/auth.json"
        let shown = CLICredentials.display(path, home: home)
        guard CLICredentials.jsonObject(at: path) != nil else {
            return .missing(fix: "Codex has no credentials (no usable \(shown)): \(fix).")
        }
        return .found(CLICredentials(source: "your Codex login (\(shown))", loginFile: path))
    }

    /// Whether Codex can run here: the program (``probe()``) and credentials (``credentials(in:)``).
    /// - Returns: The readiness, naming the credentials' source.
    public func readiness() async -> RuntimeReadiness {
        CLICredentials.readiness(
            of: id,
            availability: await probe(),
            install: "npm install -g @openai/codex",
            credentials: Self.credentials(in: configuration.hostEnvironment)
        )
    }
}
