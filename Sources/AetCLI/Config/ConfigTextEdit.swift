/// Changes one top-level key of `config.yaml` in the user's own text, keeping every other line —
/// comments, order, blank lines — exactly as it was.
///
/// ```swift
/// let text = try ConfigTextEdit.setting("test_command", to: ProjectConfig.scalar("make check"), in: original)
/// ```
enum ConfigTextEdit {
    /// The text with `key: value` at the top level: the key's line (and the indented or continued
    /// lines of its old value) replaced, else a commented-out `# key: …` line replaced, else the line
    /// appended at the end.
    /// - Parameters:
    ///   - key: A top-level key, e.g. `test_command`.
    ///   - value: The value, already written as a YAML scalar.
    ///   - text: The file's text.
    /// - Returns: The new text.
    static func setting(_ key: String, to value: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLine = "\(key): \(value)"
        if let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            // The old value may go on over indented lines (a block scalar or a multi-line flow value).
            var end = index + 1
            while end < lines.count, let first = lines[end].first, first == " " || first == "\t" { end += 1 }
            lines.replaceSubrange(index..<end, with: [newLine])
        } else if let index = lines.firstIndex(where: { $0.hasPrefix("# \(key):") || $0.hasPrefix("#\(key):") }) {
            lines[index] = newLine
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += [newLine, ""]
        }
        return lines.joined(separator: "\n")
    }
}
