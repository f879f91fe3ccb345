public import ArgumentParser

/// The root `aet` command; its subcommands do the work.
///
/// Run it through ``AetCLI/main(arguments:environment:)``, which maps errors to exit codes.
public struct AetCommand: AsyncParsableCommand {
    /// The name, help text and subcommands of `aet`.
    public static let configuration = CommandConfiguration(
        commandName: "aet",
        abstract:
            "aet runs engineering tickets through a team of AI agents, keeping every step in a verifiable event log.",
        discussion: """
            Write a ticket in plain language (aet create), and aet takes it through plan, design, implement, \
            review, test and integrate in an isolated git worktree. Everything that happens is an event in an \
            append-only, hash-chained log: aet status, show, logs and events read it; aet rebuild and \
            verify-state prove the state matches it.

            Exit codes: 0 success, 1 the work failed, 2 bad usage or input (or no usable agent), \
            130 interrupted (Ctrl-C) while agents ran.
            Environment: AET_STORE (the store file), AET_LOG_LEVEL (the terminal's log level), \
            AET_RUNTIME (the runtime of every agent role: \(RuntimeNames.all.joined(separator: ", "))), \
            NO_COLOR (no colour on a terminal).
            """,
        version: AetVersion.description,
        subcommands: subcommands
    )

    /// Every subcommand, in the order `aet --help` lists them: the one place to add a command.
    static let subcommands: [any ParsableCommand.Type] = [
        InitCommand.self,
        CreateCommand.self,
        ProcessCommand.self,
        SimpleCommand.self,
        DoctorCommand.self,
        DemoCommand.self,
        StatusCommand.self,
        ShowCommand.self,
        LogsCommand.self,
        EventsCommand.self,
        CancelCommand.self,
        RetryCommand.self,
        MergeCommand.self,
        DLQCommand.self,
        RebuildCommand.self,
        VerifyStateCommand.self,
        BenchCommand.self,
    ]

    /// Accepted before the subcommand too (`aet --json status`); each subcommand reads its own copy.
    @OptionGroup var globals: GlobalOptions

    /// Creates the command (ArgumentParser fills it from the arguments).
    public init() {}
}
