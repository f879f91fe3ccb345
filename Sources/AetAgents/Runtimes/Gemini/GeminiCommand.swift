import Foundation

/// Builds the Gemini CLI command line for a request (pure: no I/O). Written against Gemini CLI's
/// documentation (docs/cli/cli-reference.md, docs/cli/headless.md); not run here.
///
/// `gemini --output-format stream-json --approval-mode <mode> [-m M]` with the prompt on stdin (a
/// piped stdin makes Gemini CLI headless). Gemini CLI takes no separate instructions, so the prompt
/// file holds the role's instructions, a rule, then the task. `HOME` is the run's, and
/// `~/.gemini/settings.json` is written per run: `model.maxSessionTurns` from the turn limit,
/// usage statistics off.
///
/// | policy | flags |
/// |---|---|
/// | `readOnly` | `--approval-mode plan` |
/// | `editWorkspace` | `--approval-mode auto_edit` |
/// | `editAndRunAllowlisted(cmds)` | `--approval-mode auto_edit --allowed-tools run_shell_command(cmd),…` |
/// | `fullAuto` | `--approval-mode yolo` |
enum GeminiCommand {
    /// The host variables Gemini CLI needs.
    static let passThroughVariables: Set<String> = ["GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL"]

    /// Builds the invocation.
    /// - Parameters:
    ///   - request: The request.
    ///   - files: The run's files (the prompt file already holds the instructions).
    ///   - configuration: The runtime's configuration.
    /// - Returns: Program, flags, environment, stdin and the settings file to write.
    static func invocation(
        for request: AgentRunRequest,
        files: AgentRunFiles,
        configuration: CLIRuntimeConfiguration
    ) -> CLIInvocation {
        let environment = configuration.agentEnvironment(
            for: request,
            files: files,
            runtimeVariables: passThroughVariables,
            settings: ["GEMINI_CLI_NO_RELAUNCH": "true"]
        )
        var arguments = ["--output-format", "stream-json"]
        switch request.permission {
        case .readOnly: arguments += ["--approval-mode", "plan"]
        case .editWorkspace: arguments += ["--approval-mode", "auto_edit"]
        case .editAndRunAllowlisted(let commands):
            arguments += ["--approval-mode", "auto_edit"]
            let tools = commands.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { "run_shell_command(\($0))" }
            if !tools.isEmpty { arguments += ["--allowed-tools", tools.joined(separator: ",")] }
        case .fullAuto: arguments += ["--approval-mode", "yolo"]
        }
        if let model = request.model { arguments += ["-m", model] }
        arguments += configuration.extraArguments
        var warnings: [String] = []
        if request.outputSchema != nil {
            warnings.append("gemini has no structured output: the output schema was not applied")
        }
        return CLIInvocation(
            executable: configuration.executable ?? "gemini",
            arguments: arguments,
            environment: environment,
            standardInput: .file(files.prompt),
            files: [files.home + "/.gemini/settings.json": settings(maxTurns: request.limits.maxTurns)],
            warnings: warnings
        )
    }

    /// The per-run `~/.gemini/settings.json`.
    static func settings(maxTurns: Int?) -> String {
        var model = ""
        if let maxTurns { model = #", "model": {"maxSessionTurns": \#(maxTurns)}"# }
        return #"{"privacy": {"usageStatisticsEnabled": false}\#(model)}"# + "\n"
    }
}
