import Foundation

/// Builds the Claude Code command line for a request (pure: no I/O).
///
/// `claude -p --output-format stream-json --verbose --session-id <uuid>` with the prompt on stdin,
/// the role's instructions through `--append-system-prompt-file` (never a huge argv string), and
/// the permission policy mapped to flags:
///
/// | policy | flags |
/// |---|---|
/// | `readOnly` | (default mode: anything needing approval is denied in `-p`) `--allowedTools` read tools, `--disallowedTools Edit,Write,MultiEdit,NotebookEdit` |
/// | `editWorkspace` | `--permission-mode acceptEdits --allowedTools` the request's tools or Read, Write, Edit, Glob, Grep, LS |
/// | `editAndRunAllowlisted(cmds)` | as `editWorkspace` plus `Bash(cmd:*)` per command |
/// | `fullAuto` | `--dangerously-skip-permissions`; as root only with `IS_SANDBOX=1`, else `editWorkspace` and a warning |
enum ClaudeCommand {
    /// The tools a `readOnly` run may use when the request names none.
    static let defaultReadTools = ["Read", "Glob", "Grep", "LS"]
    /// The tools an editing run may use when the request names none.
    static let defaultEditTools = ["Read", "Write", "Edit", "Glob", "Grep", "LS"]
    /// The tools a `readOnly` run is denied.
    static let editingTools = ["Edit", "Write", "MultiEdit", "NotebookEdit"]
    /// The host variables Claude Code needs (`IS_SANDBOX` only passes when the user set it).
    static let passThroughVariables: Set<String> = [
        "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_MODEL",
        "IS_SANDBOX",
    ]

    /// Builds the invocation.
    /// - Parameters:
    ///   - request: The request.
    ///   - files: The run's files (prompt, instructions, home).
    ///   - sessionID: The session id chosen for the run (a UUID).
    ///   - configuration: The runtime's configuration.
    ///   - login: The user's `.credentials.json`, linked as the run's `claude-config/.credentials.json`
    ///     when no variable carries credentials (see ``ClaudeRuntime/credentials(in:now:)``).
    /// - Returns: Program, flags, environment, stdin, the config directory to create and the login link.
    static func invocation(
        for request: AgentRunRequest,
        files: AgentRunFiles,
        sessionID: String,
        configuration: CLIRuntimeConfiguration,
        login: String? = nil
    ) -> CLIInvocation {
        let configDirectory = configDirectory(in: files)
        let environment = configuration.agentEnvironment(
            for: request,
            files: files,
            runtimeVariables: passThroughVariables,
            settings: ["CLAUDE_CONFIG_DIR": configDirectory, "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"]
        )
        var arguments = ["-p", "--output-format", "stream-json", "--verbose", "--session-id", sessionID]
        if let model = request.model { arguments += ["--model", model] }
        if let turns = request.limits.maxTurns { arguments += ["--max-turns", String(turns)] }
        if let micros = request.limits.maxCostMicros { arguments += ["--max-budget-usd", dollars(micros)] }
        if !request.instructions.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            arguments += ["--append-system-prompt-file", files.instructions]
        }
        var warnings: [String] = []
        let sandboxed = environment["IS_SANDBOX"] == "1"
        var policy = request.permission
        if policy == .fullAuto, configuration.runsAsRoot, !sandboxed {
            policy = .editWorkspace
            warnings.append(
                "full auto needs IS_SANDBOX=1 when aet runs as root (Claude Code refuses "
                    + "--dangerously-skip-permissions otherwise): ran with acceptEdits instead"
            )
        }
        arguments += permissionArguments(policy, allowed: request.allowedTools, denied: request.deniedTools)
        if let schema = request.outputSchema?.trimmingCharacters(in: .whitespacesAndNewlines) {
            arguments += ["--json-schema", schema]
        }
        arguments += configuration.extraArguments
        return CLIInvocation(
            executable: configuration.executable ?? "claude",
            arguments: arguments,
            environment: environment,
            standardInput: .file(files.prompt),
            directories: [configDirectory],
            links: login.map { [configDirectory + "/.credentials.json": $0] } ?? [:],
            warnings: warnings
        )
    }

    /// `CLAUDE_CONFIG_DIR` of a run: `<run>/claude-config`.
    static func configDirectory(in files: AgentRunFiles) -> String { files.directory + "/claude-config" }

    /// The permission flags of a policy.
    static func permissionArguments(_ policy: PermissionPolicy, allowed: [String], denied: [String]) -> [String] {
        var arguments: [String] = []
        var allowedTools: [String]
        var deniedTools = denied
        switch policy {
        case .readOnly:
            allowedTools = allowed.isEmpty ? defaultReadTools : allowed
            for tool in editingTools where !deniedTools.contains(tool) { deniedTools.append(tool) }
        case .editWorkspace:
            arguments += ["--permission-mode", "acceptEdits"]
            allowedTools = allowed.isEmpty ? defaultEditTools : allowed
        case .editAndRunAllowlisted(let commands):
            arguments += ["--permission-mode", "acceptEdits"]
            allowedTools = allowed.isEmpty ? defaultEditTools : allowed
            for command in commands.map({ $0.trimmingCharacters(in: .whitespaces) }) where !command.isEmpty {
                let rule = "Bash(\(command):*)"
                if !allowedTools.contains(rule) { allowedTools.append(rule) }
            }
        case .fullAuto:
            arguments.append("--dangerously-skip-permissions")
            allowedTools = allowed
        }
        if !allowedTools.isEmpty { arguments.append("--allowedTools=" + allowedTools.joined(separator: ",")) }
        if !deniedTools.isEmpty { arguments.append("--disallowedTools=" + deniedTools.joined(separator: ",")) }
        return arguments
    }

    /// Micro-dollars as a dollar amount with six decimals, e.g. `1.500000`.
    static func dollars(_ micros: Int64) -> String {
        let micros = max(0, micros)
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
