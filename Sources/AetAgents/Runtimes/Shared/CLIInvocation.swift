/// What a pure command builder produces for one run of an agent CLI: the program, its flags, its
/// complete environment, its stdin, the configuration files to write first, and warnings about
/// what could not be honoured.
struct CLIInvocation: Sendable, Hashable {
    /// The program: a path, or a name looked up in the agent's `PATH`.
    var executable: String
    /// The arguments after the program.
    var arguments: [String]
    /// The complete environment.
    var environment: [String: String]
    /// What the agent reads on stdin.
    var standardInput: StandardInputSource
    /// Files to write before the agent starts (path → contents), e.g. a per-run `config.toml`.
    var files: [String: String] = [:]
    /// Directories to create before the agent starts (e.g. `CLAUDE_CONFIG_DIR`).
    var directories: [String] = []
    /// Requests the runtime could not honour as asked (e.g. full auto as root).
    var warnings: [String] = []

    /// Creates the directories and writes the files.
    /// - Parameter runFiles: The run's files, for error reporting.
    /// - Throws: ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)``.
    func materialize(in runFiles: AgentRunFiles) throws(RuntimeError) {
        for directory in directories { try runFiles.createDirectory(directory) }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try runFiles.write(text, to: path) }
    }

    /// The supervisor's command, in the worktree.
    /// - Parameter worktree: The working directory.
    /// - Returns: The command.
    func command(in worktree: String) -> ProcessCommand {
        ProcessCommand(
            executable: executable,
            arguments: arguments,
            environment: environment,
            workingDirectory: worktree,
            standardInput: standardInput
        )
    }
}
