import Foundation

/// Decides whether `run_command` may run a command line under a permission policy.
///
/// `readOnly` and `editWorkspace` run nothing; `fullAuto` runs anything. Under
/// `editAndRunAllowlisted(list)` a command runs when its words start with the words of a list entry
/// (`swift` allows `swift build`; `swift test` allows `swift test --filter X` but not
/// `swift package purge-cache`), it holds no shell operator (`; & | < > $ \` ( )`, newlines): the
/// line goes to `/bin/sh -c`, so `swift test; rm -rf ~` must not pass as `swift test` — and no
/// argument reaches outside the worktree or moves where the tool works:
///
/// - options that write or read elsewhere or change the tool's directory or configuration
///   (``redirectingOptions``, also as `--option=value`: `git diff --output=/x`, `git diff
///   --no-index /etc/passwd a`, `swift build --scratch-path /x`, `cargo --manifest-path …`);
/// - `-C` and `-c` right after the program (`git -C /elsewhere`, `git -c core.pager=…`, `make -C`);
/// - an argument (or an option's value) that is an absolute path, starts with `~`, or climbs with `..`.
enum CommandPermission {
    /// Long options that redirect a tool's reads, writes, directory or configuration.
    static let redirectingOptions: Set<String> = [
        // git
        "--output", "--no-index", "--git-dir", "--work-tree", "--exec-path", "--config-env", "--namespace",
        "--super-prefix", "--upload-pack", "--receive-pack", "--exec", "--template", "--ext-diff", "--output-directory",
        // SwiftPM
        "--package-path", "--scratch-path", "--cache-path", "--config-path", "--security-path", "--build-path",
        // npm, cargo, go, pytest, make
        "--prefix", "--manifest-path", "--target-dir", "--config", "--rootdir", "--basetemp", "--confcutdir",
        "--directory", "--makefile", "--file", "--include-dir",
    ]

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
            let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
            let permitted = allowed.contains { entry in
                let prefix = entry.split(whereSeparator: \.isWhitespace).map(String.init)
                return !prefix.isEmpty && words.starts(with: prefix)
            }
            guard permitted else {
                return "only these commands are allowed: " + allowed.map { "'\($0)'" }.joined(separator: ", ")
            }
            return argumentRefusal(words)
        }
    }

    /// Why an allow-listed command's arguments are refused, or nil.
    static func argumentRefusal(_ words: [String]) -> String? {
        for (index, word) in words.enumerated().dropFirst() {
            let unquoted = word.trimmingCharacters(in: ["'", "\""])
            let (name, value) = split(option: unquoted)
            if redirectingOptions.contains(name) {
                return "\(name) redirects where the command reads, writes or works: it is not allowed here"
            }
            if index == 1, name == "-C" || name == "-c" || (name.hasPrefix("-C") && name.count > 2) {
                return "\(name.prefix(2)) changes where the command works or its configuration: it is not allowed here"
            }
            for candidate in [unquoted, value].compactMap({ $0 }) where leavesWorktree(candidate) {
                return "'\(candidate.prefix(80))' is outside the worktree: give paths relative to it, without .."
            }
        }
        return nil
    }

    /// `--name=value` → (`--name`, `value`); anything else → (word, nil).
    private static func split(option word: String) -> (String, String?) {
        guard word.hasPrefix("-"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// An absolute path, a `~` path, or one with a `..` component (also inside `@file`, `a:b` forms).
    private static func leavesWorktree(_ text: String) -> Bool {
        let path = text.hasPrefix("@") ? String(text.dropFirst()) : text
        if path.hasPrefix("/") || path.hasPrefix("~") { return true }
        return path.split(whereSeparator: { $0 == "/" || $0 == ":" }).contains("..")
    }
}
