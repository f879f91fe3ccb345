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
}
