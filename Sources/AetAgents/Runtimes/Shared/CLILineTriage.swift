import Foundation

/// What agent-CLI decoders do with a line before reading it: a stderr line is only remembered (the
/// last non-empty one, for the outcome's warnings) and, for CLIs that print JSON lines, a stdout
/// line that is not a JSON object is counted.
///
/// ```swift
/// guard let object = triage.jsonObject(line) else { return .empty }
/// ```
struct CLILineTriage: Sendable, Hashable {
    /// The last non-empty stderr line (its first 500 characters).
    private(set) var lastErrorLine: String?
    /// Non-blank stdout lines that were not JSON objects.
    private(set) var unparseableLines = 0

    /// Remembers a stderr line.
    /// - Parameter line: The line.
    /// - Returns: Whether it was on stderr (then there is nothing more to decode).
    mutating func setAsideStandardError(_ line: OutputLine) -> Bool {
        guard line.stream != .standardOutput else { return false }
        let text = line.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { lastErrorLine = String(text.prefix(500)) }
        return true
    }

    /// The JSON object a stdout line holds; a stderr line is remembered and a non-blank line that is
    /// not a JSON object counted instead.
    /// - Parameter line: The line.
    /// - Returns: The object, or `nil`.
    mutating func jsonObject(_ line: OutputLine) -> [String: Any]? {
        guard !setAsideStandardError(line) else { return nil }
        guard let object = JSONLine.object(line.text) else {
            if !line.text.trimmingCharacters(in: .whitespaces).isEmpty { unparseableLines += 1 }
            return nil
        }
        return object
    }
}
