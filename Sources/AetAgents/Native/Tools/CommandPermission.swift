/// Decides whether `run_command` may run a command line under a permission policy.
///
/// `readOnly` and `editWorkspace` run nothing; `fullAuto` runs anything. Under
/// `editAndRunAllowlisted(list)` a command runs when its words start with the words of a list entry
/// (`swift` allows `swift build`; `swift test` allows `swift test --filter X` but not
/// `swift package purge-cache`), and it holds no shell operator (`; & | < > $ \` ( )`, newlines):
/// the line goes to `/bin/sh -c`, so `swift test; rm -rf ~` must not pass as `swift test`.
enum CommandPermission {
    /// Why the command is refused, or nil when it may run.
    static func refusal(for command: String, under permission: PermissionPolicy) -> String? {
        switch permission {
        case .readOnly: return "the run is read-only: commands are not allowed"
        case .editWorkspace: return "the run may edit files but not run commands"
        case .fullAuto: return nil
        case .editAndRunAllowlisted(let allowed):
            let operators: Set<Character> = [";", "&", "|", "<", ">", "$", "`", "(", ")", "\n", "\r"]
            if command.contains(where: operators.contains) {
                return "shell operators (; & | < > $ ` ( ) and newlines) are not allowed in allow-listed commands"
            }
            let words = command.split(whereSeparator: \.isWhitespace)
            let permitted = allowed.contains { entry in
                let prefix = entry.split(whereSeparator: \.isWhitespace)
                return !prefix.isEmpty && words.starts(with: prefix)
            }
            return permitted
                ? nil : "only these commands are allowed: " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        }
    }
}
