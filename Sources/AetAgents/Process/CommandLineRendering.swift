/// Renders an argv as one line a person can read and paste into a POSIX shell, secrets redacted.
public enum CommandLineRendering {
    /// Renders an argv.
    ///
    /// Each element is single-quoted when it holds anything but letters, digits and `_./:=@%+,-[]`. Secrets are
    /// hidden twice over: every value the redactor knows, and the value of any flag whose name looks
    /// secret: its last word is one of ``Redactor/secretNameFragments`` (`--api-key=…`, `--token …`;
    /// `--max-tokens 10` is left alone).
    /// - Parameters:
    ///   - argv: The program followed by its arguments.
    ///   - redactor: The secrets to hide.
    /// - Returns: The command line.
    public static func render(_ argv: [String], redactor: Redactor = .none) -> String {
        var words: [String] = []
        var hideNext = false
        for argument in argv {
            var shown = redactor.redact(argument)
            if hideNext {
                shown = Redactor.replacement
                hideNext = false
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    if isSecretFlag(body[..<equals]) {
                        shown = "--" + body[..<equals] + "=" + Redactor.replacement
                    }
                } else if isSecretFlag(body) {
                    hideNext = true
                }
            }
            words.append(quote(shown))
        }
        return words.joined(separator: " ")
    }

    /// Quotes one word for a POSIX shell.
    /// - Parameter word: The word.
    /// - Returns: The word itself when it is safe, else the word in single quotes.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    private static func isSecretFlag(_ name: Substring) -> Bool {
        guard let last = name.split(whereSeparator: { $0 == "-" || $0 == "_" }).last else { return false }
        return Redactor.secretNameFragments.contains(last.uppercased())
    }

    private static let safe: Set<Unicode.Scalar> = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-[]".unicodeScalars
    )
}
