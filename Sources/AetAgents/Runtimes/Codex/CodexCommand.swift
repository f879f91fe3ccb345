import Foundation

/// Builds the Codex command line for a request (pure: no I/O).
///
/// `codex exec --json --skip-git-repo-check -C <worktree> <sandbox flags> [--model M]
/// [--output-schema <run>/output-schema.json] -` with the prompt on stdin. Each run has its own
/// `CODEX_HOME` (`<run>/codex-home`) holding a `config.toml` written here: the role's instructions as
/// `developer_instructions` (a file, never argv) and, when `OPENAI_BASE_URL` is set, a
/// `model_providers.aet` entry (`wire_api = "responses"`, key from `OPENAI_API_KEY`).
///
/// | policy | flags |
/// |---|---|
/// | `readOnly` | `--sandbox read-only` |
/// | `editWorkspace`, `editAndRunAllowlisted` | `--sandbox workspace-write` (Codex confines commands to the worktree; it has no command allow-list) |
/// | `fullAuto` | `--dangerously-bypass-approvals-and-sandbox` |
enum CodexCommand {
    /// The host variables Codex needs.
    static let passThroughVariables: Set<String> = ["OPENAI_API_KEY", "OPENAI_BASE_URL"]

    /// Builds the invocation.
    /// - Parameters:
    ///   - request: The request.
    ///   - files: The run's files.
    ///   - configuration: The runtime's configuration.
    ///   - login: The user's `auth.json`, linked as the run's `codex-home/auth.json` when no variable
    ///     carries credentials (see ``CodexRuntime/credentials(in:)``).
    /// - Returns: Program, flags, environment, stdin, the `config.toml` to write and the login link.
    static func invocation(
        for request: AgentRunRequest,
        files: AgentRunFiles,
        configuration: CLIRuntimeConfiguration,
        login: String? = nil
    ) -> CLIInvocation {
        let home = codexHome(in: files)
        let environment = configuration.agentEnvironment(
            for: request,
            files: files,
            runtimeVariables: passThroughVariables,
            settings: ["CODEX_HOME": home]
        )
        var arguments = ["exec", "--json", "--skip-git-repo-check", "-C", request.worktree]
        switch request.permission {
        case .readOnly: arguments += ["--sandbox", "read-only"]
        case .editWorkspace, .editAndRunAllowlisted: arguments += ["--sandbox", "workspace-write"]
        case .fullAuto: arguments.append("--dangerously-bypass-approvals-and-sandbox")
        }
        if let model = request.model { arguments += ["--model", model] }
        if let schema = files.schema { arguments += ["--output-schema", schema] }
        arguments += configuration.extraArguments
        arguments.append("-")
        var warnings: [String] = []
        if refusesHelperBinaries(codexHome: home, temporaryDirectory: environment["TMPDIR"]) {
            warnings.append(
                "codex will not create its helper binaries (its sandbox helper) because CODEX_HOME \(home) is inside "
                    + "the temporary directory \(environment["TMPDIR"] ?? "/tmp"): its sandboxed commands will fail")
        }
        if !request.allowedTools.isEmpty || !request.deniedTools.isEmpty {
            warnings.append("codex has no tool allow or deny lists: the request's tool lists were not applied")
        }
        return CLIInvocation(
            executable: configuration.executable ?? "codex",
            arguments: arguments,
            environment: environment,
            standardInput: .file(files.prompt),
            files: [
                home + "/config.toml": configTOML(
                    instructions: request.instructions,
                    baseURL: environment["OPENAI_BASE_URL"]
                )
            ],
            directories: [home],
            links: login.map { [home + "/auth.json": $0] } ?? [:],
            warnings: warnings
        )
    }

    /// Whether Codex refuses to create its helper binaries (`codex-linux-sandbox`, `apply_patch`) in
    /// `codexHome`: release builds refuse a `CODEX_HOME` inside the temporary directory (`TMPDIR`,
    /// else `/tmp`), and then every sandboxed command fails with `bwrap: execvp codex-linux-sandbox`.
    /// Each run therefore has a `TMPDIR` of its own beside its `CODEX_HOME` (never above it), which
    /// holds even when the repository itself lives under `/tmp`.
    /// - Parameters:
    ///   - codexHome: The absolute `CODEX_HOME`.
    ///   - temporaryDirectory: Codex's `TMPDIR`, or `nil` when unset.
    /// - Returns: `true` when `codexHome` is the temporary directory or inside it (path components).
    static func refusesHelperBinaries(codexHome: String, temporaryDirectory: String?) -> Bool {
        let temporary = temporaryDirectory.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let home = codexHome.split(separator: "/", omittingEmptySubsequences: true)
        let root = temporary.split(separator: "/", omittingEmptySubsequences: true)
        return home.starts(with: root)
    }

    /// `CODEX_HOME` of a run: `<run>/codex-home`.
    static func codexHome(in files: AgentRunFiles) -> String { files.directory + "/codex-home" }

    /// The per-run `config.toml`.
    /// - Parameters:
    ///   - instructions: The role's instructions (`developer_instructions`), if any.
    ///   - baseURL: `OPENAI_BASE_URL`, for a Responses-API provider entry.
    /// - Returns: TOML text.
    static func configTOML(instructions: String, baseURL: String?) -> String {
        var lines = ["# Written by aet for this run."]
        if let baseURL, !baseURL.isEmpty { lines.append("model_provider = \"aet\"") }
        let trimmed = instructions.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { lines.append("developer_instructions = " + tomlString(trimmed)) }
        if let baseURL, !baseURL.isEmpty {
            lines += [
                "", "[model_providers.aet]", "name = \"aet\"", "base_url = " + tomlString(baseURL),
                "env_key = \"OPENAI_API_KEY\"", "wire_api = \"responses\"",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    static func tomlString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
