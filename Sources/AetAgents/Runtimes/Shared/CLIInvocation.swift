import Foundation

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
    /// Symbolic links to make before the agent starts (path → target): the user's login file in the
    /// run's config directory, lent read-only and never copied; removed by ``removeLinks()``.
    var links: [String: String] = [:]
    /// Requests the runtime could not honour as asked (e.g. full auto as root).
    var warnings: [String] = []

    /// Creates the directories, writes the files and makes the links.
    /// - Parameter runFiles: The run's files, for error reporting.
    /// - Throws: ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)``.
    func materialize(in runFiles: AgentRunFiles) throws(RuntimeError) {
        for directory in directories { try runFiles.createDirectory(directory) }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try runFiles.write(text, to: path) }
        for (path, target) in links.sorted(by: { $0.key < $1.key }) {
            do {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            } catch {
                throw .runDirectoryUnavailable(runFiles.directory, underlying: "\(error)")
            }
        }
    }

    /// Removes the links once the agent is gone, so the run directory keeps no way to the user's
    /// credentials. A link the agent replaced with a file of its own (a refreshed login) is removed
    /// too: credentials never stay in the run directory, which lies inside the repository.
    /// - Returns: Warnings for replaced links.
    func removeLinks() -> [String] {
        var warnings: [String] = []
        for path in links.keys.sorted() {
            // nil: nothing there any more (the agent removed it).
            guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            else { continue }
            if type != .typeSymbolicLink {
                warnings.append(
                    "the agent replaced the link to your login with a file of its own (it refreshed the login): "
                        + "the file was removed from the run directory; if the agent asks you to log in again, log in"
                )
            }
            do { try FileManager.default.removeItem(atPath: path) } catch {
                warnings.append("could not remove \(path): remove it by hand (\(error))")
            }
        }
        return warnings
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
