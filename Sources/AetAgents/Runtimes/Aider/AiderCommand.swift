/// Builds the aider command line for a request (pure: no I/O).
///
/// `aider --message-file <run>/prompt.md --yes-always --no-auto-commits --no-dirty-commits
/// --no-gitignore … [--model M]`, stdin closed. aider takes no separate instructions, so the prompt
/// file holds the role's instructions, a rule, then the task. Its history files go to
/// `<run>/aider/`, not the worktree. No files are named: aider sees the repository through its repo
/// map and, with `--yes-always`, adds the files the model edits (and creates new ones).
///
/// | policy | flags |
/// |---|---|
/// | `readOnly` | `--dry-run` (edits are shown, never written) |
/// | `editWorkspace`, `editAndRunAllowlisted` | edits written, no commits, `--no-suggest-shell-commands` |
/// | `fullAuto` | edits written; shell commands may be suggested (aider still asks, and `--yes-always` does not answer that) |
enum AiderCommand {
    /// The host variables aider needs.
    static let passThroughVariables: Set<String> = [
        "OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY",
    ]

    /// The flags every run gets: one message, no questions, no commits, no network checks, plain output.
    static let fixedArguments = [
        "--yes-always", "--no-auto-commits", "--no-dirty-commits", "--no-gitignore", "--no-check-update",
        "--no-show-model-warnings", "--no-show-release-notes", "--analytics-disable", "--no-pretty", "--no-stream",
        "--no-fancy-input", "--no-detect-urls",
    ]

    /// Builds the invocation.
    /// - Parameters:
    ///   - request: The request.
    ///   - files: The run's files (the prompt file already holds the instructions).
    ///   - configuration: The runtime's configuration.
    /// - Returns: Program, flags, environment and the history directory to create.
    static func invocation(
        for request: AgentRunRequest,
        files: AgentRunFiles,
        configuration: CLIRuntimeConfiguration
    ) -> CLIInvocation {
        let history = historyDirectory(in: files)
        var environment = configuration.agentEnvironment(
            for: request,
            files: files,
            runtimeVariables: passThroughVariables,
            settings: ["LITELLM_LOCAL_MODEL_COST_MAP": "True"]
        )
        if environment["OPENAI_API_BASE"] == nil, let base = environment["OPENAI_BASE_URL"] {
            environment["OPENAI_API_BASE"] = base
        }
        var arguments = ["--message-file", files.prompt] + fixedArguments
        arguments += [
            "--chat-history-file", history + "/chat-history.md",
            "--input-history-file", history + "/input-history",
            "--llm-history-file", history + "/llm-history.log",
        ]
        if let model = request.model { arguments += ["--model", model] }
        switch request.permission {
        case .readOnly: arguments += ["--dry-run", "--no-suggest-shell-commands"]
        case .editWorkspace, .editAndRunAllowlisted: arguments.append("--no-suggest-shell-commands")
        case .fullAuto: break
        }
        arguments += configuration.extraArguments
        var warnings: [String] = []
        if case .editAndRunAllowlisted(let commands) = request.permission, !commands.isEmpty {
            warnings.append(
                "aider cannot run allow-listed commands on its own: it only edits (the test gate runs them)"
            )
        }
        if request.outputSchema != nil {
            warnings.append("aider has no structured output: the output schema was not applied")
        }
        return CLIInvocation(
            executable: configuration.executable ?? "aider",
            arguments: arguments,
            environment: environment,
            standardInput: .closed,
            directories: [history],
            warnings: warnings
        )
    }

    /// Where aider's history files go: `<run>/aider`.
    static func historyDirectory(in files: AgentRunFiles) -> String { files.directory + "/aider" }
}
