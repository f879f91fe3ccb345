public import AetAgents

/// The project's test command (or a setup command) as a `command` runtime template: `/bin/sh -c '<command>'`.
///
/// The command is quoted so the template parser passes it to the shell unchanged: single quotes are
/// closed, escaped and reopened, and braces doubled (the template would read `{name}` as a placeholder).
public enum ShellCommand {
    /// The template running `command` with `/bin/sh -c`.
    /// - Parameter command: The shell command line, e.g. `swift test` or `make lint && make test`.
    /// - Returns: The template.
    /// - Throws: `RuntimeError` when the command is empty.
    public static func template(_ command: String) throws(RuntimeError) -> CommandTemplate {
        var quoted = ""
        for character in command {
            switch character {
            case "'": quoted += "'\\''"
            case "{": quoted += "{{"
            case "}": quoted += "}}"
            default: quoted.append(character)
            }
        }
        return try CommandTemplate(parsing: "/bin/sh -c '\(quoted)'")
    }

    /// Variables that locate toolchains, passed to the test command when set (never API keys): it
    /// runs the user's own command, which finds its compilers and interpreters through them.
    public static let toolchainVariables: Set<String> = [
        "CARGO_HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV", "CONDA_PREFIX",
        "GOPATH", "GOROOT", "GOFLAGS", "JAVA_HOME", "NVM_DIR", "NODE_PATH", "GEM_HOME", "GEM_PATH", "DOTNET_ROOT",
    ]

    /// The runtime of the project's test command: `/bin/sh -c '<command>'` with stderr merged into
    /// stdout as written, so the end of its output — what goes back to the developer when it fails —
    /// holds what the runner reported on either stream (unittest and swift test report on stderr) —
    /// and with the user's `HOME` and ``toolchainVariables``, where toolchain managers (pyenv, rustup,
    /// nvm) find the tools.
    /// - Parameters:
    ///   - command: The test command.
    ///   - configuration: The `command` runtime's configuration; its stderr destination is replaced.
    /// - Returns: The runtime.
    /// - Throws: `RuntimeError` when the command is empty.
    public static func testRuntime(
        _ command: String,
        configuration: CommandRuntime.Configuration
    ) throws(RuntimeError) -> CommandRuntime {
        var configuration = configuration
        configuration.standardError = .combinedWithOutput
        configuration.keepsUserHome = true
        configuration.passThroughVariables.formUnion(toolchainVariables)
        return CommandRuntime(template: try template(command), configuration: configuration)
    }
}
