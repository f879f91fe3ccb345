/// The id of a git commit: its full object name in lowercase hex (40 digits for SHA-1
/// repositories, 64 for SHA-256 ones).
///
/// ```swift
/// let id = CommitID("3f786850e387550fdab836ed7e6dc881de23001b")
/// print(id?.short)  // 3f786850e387
/// ```
public struct CommitID: Hashable, Sendable, CustomStringConvertible {
    /// The full object name.
    public let rawValue: String

    /// Wraps a full object name.
    /// - Parameter text: 40 or 64 hex digits, as `git rev-parse` prints them (surrounding whitespace is ignored).
    /// - Returns: `nil` when the text is not a full object name.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingGitWhitespace()
        guard trimmed.utf8.count == 40 || trimmed.utf8.count == 64,
            trimmed.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46)
            })
        else { return nil }
        rawValue = trimmed.lowercased()
    }

    /// The first 12 digits, enough to name a commit in messages.
    public var short: String { String(rawValue.prefix(12)) }

    public var description: String { rawValue }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingGitWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
