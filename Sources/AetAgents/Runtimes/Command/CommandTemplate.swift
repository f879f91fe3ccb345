/// A command line with placeholders, split into argv words once, the way a POSIX shell splits
/// words, but with no shell semantics at all: no variables, no globbing, no pipes, no redirection.
///
/// ```swift
/// let template = try CommandTemplate(parsing: "./agent.sh --prompt {prompt_file} {worktree} {ticket}")
/// template.arguments(with: [.promptFile: "/runs/r1/prompt.md", .worktree: "/wt/my repo", .ticket: "T-3"])
/// // ["./agent.sh", "--prompt", "/runs/r1/prompt.md", "/wt/my repo", "T-3"]
/// ```
///
/// Rules:
/// - Words are separated by unquoted blanks; `'…'` is literal, `"…"` is literal except `\"` and `\\`,
///   and `\` outside quotes escapes the next character.
/// - A placeholder `{name}` is replaced by its value *inside the argv element it appears in*; the
///   value is never split, quoted or re-parsed, whatever it contains (spaces, quotes, `$`, `;`).
///   `{{` and `}}` write literal braces. An unknown `{lower_case}` name is an error (a typo would
///   otherwise pass silently).
/// - Shell syntax outside quotes (`| & ; < > ( ) $` and backquote, `*`, `?`, a leading `~` or `#`)
///   is refused, because nothing would interpret it. For a pipeline, run a shell explicitly:
///   `sh -c 'swift build && swift test'`.
/// - A placeholder inside the script of `sh -c '…'` (or bash, dash, zsh, ksh) is refused: the shell
///   would interpret the value. Pass it as a positional argument instead:
///   `sh -c 'cat "$1" | my-agent' sh {prompt_file}`.
public struct CommandTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The values a template can use.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The file holding the prompt (in the run directory).
        case promptFile = "prompt_file"
        /// The file holding the role's instructions (in the run directory).
        case instructionsFile = "instructions_file"
        /// The file holding the output JSON Schema, or empty when the request has none.
        case schemaFile = "schema_file"
        /// The worktree (also the working directory).
        case worktree
        /// The ticket id, e.g. `T-12`.
        case ticket
        /// The stage, e.g. `test`.
        case stage
        /// The role's name, e.g. `tester`.
        case role
        /// The run id, e.g. `T-12.test.1`.
        case runID = "run_id"
        /// The run directory.
        case runDirectory = "run_dir"
        /// The model, or empty when the request has none.
        case model
        /// The per-run home directory.
        case home

        public static func < (lhs: Placeholder, rhs: Placeholder) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(Placeholder)
    }

    /// The template as written.
    public let source: String
    /// The words, each a sequence of literal text and placeholders.
    let words: [[Piece]]

    /// Parses a template.
    /// - Parameter source: The command line as written in the config.
    /// - Throws: ``RuntimeError/invalidCommandTemplate(_:file:line:)`` with a sentence saying what to change.
    public init(parsing source: String) throws(RuntimeError) {
        var parser = TemplateParser(source: source)
        self.words = try parser.parse()
        self.source = source
        guard !words.isEmpty else {
            throw .invalidCommandTemplate("the command template is empty: write the command to run.")
        }
        try checkShellScripts()
    }

    /// The placeholders the template uses.
    public var placeholders: Set<Placeholder> {
        Set(words.joined().compactMap { if case .placeholder(let p) = $0 { p } else { nil } })
    }

    /// The program word, when it is plain text (no placeholder).
    public var literalExecutable: String? {
        guard let first = words.first else { return nil }
        var text = ""
        for piece in first {
            guard case .literal(let literal) = piece else { return nil }
            text += literal
        }
        return text
    }

    /// The argv for given values: one element per word, placeholders replaced verbatim.
    /// - Parameter values: A value per placeholder; a missing one is replaced by the empty string.
    /// - Returns: The program followed by its arguments.
    public func arguments(with values: [Placeholder: String]) -> [String] {
        words.map { word in
            word.map { piece in
                switch piece {
                case .literal(let text): text
                case .placeholder(let placeholder): values[placeholder] ?? ""
                }
            }.joined()
        }
    }

    public var description: String { source }

    private static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]

    /// Refuses placeholders inside a shell's `-c` script.
    private func checkShellScripts() throws(RuntimeError) {
        guard let program = literalExecutable, Self.shells.contains(String(program.split(separator: "/").last ?? ""))
        else { return }
        for (index, word) in words.enumerated().dropFirst() {
            guard let flag = Self.literal(word), flag.hasPrefix("-"), !flag.hasPrefix("--"), flag.contains("c") else {
                continue
            }
            guard index + 1 < words.count else { return }
            let script = words[index + 1]
            if script.contains(where: { if case .placeholder = $0 { true } else { false } }) {
                throw .invalidCommandTemplate(
                    "a placeholder inside the script of `\(program) \(flag) '…'` would be interpreted by the shell: "
                        + "pass it as an argument instead, e.g. `\(program) -c 'cat \"$1\"' \(program) {prompt_file}`."
                )
            }
            return
        }
    }

    private static func literal(_ word: [Piece]) -> String? {
        guard word.count == 1, case .literal(let text) = word[0] else { return nil }
        return text
    }
}
