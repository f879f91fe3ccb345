/// A role file split into its YAML front matter and its Markdown body.
///
/// The file starts with a line `---`, then YAML, then another line `---`; the rest is the body.
/// Windows line endings and a leading byte-order mark are accepted.
struct FrontMatter: Equatable {
    /// The YAML between the two `---` lines (its first line is line 2 of the file).
    var yaml: String
    /// The Markdown after the closing `---`, trimmed of surrounding blank lines.
    var body: String
    /// The line number of the closing `---` in the file.
    var closingLine: Int

    /// The file line of a line of ``yaml`` (YAML marks count from 1 at the line after the opening `---`).
    static func fileLine(ofYAMLLine line: Int) -> Int { line + 1 }

    /// Why a file's text is not front matter plus body.
    enum Problem: Error, Equatable {
        /// The first line is not `---`.
        case missing
        /// No line `---` closes the front matter.
        case unterminated
    }

    /// Splits a role file's text.
    /// - Parameter text: The whole file.
    /// - Returns: The parts, or the problem.
    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        var normalized = ""  // "\r\n" is one Character in Swift: make every line end in "\n"
        normalized.reserveCapacity(text.utf8.count)
        for character in text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text) {
            normalized.append(character == "\r\n" ? "\n" : character)
        }
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isDelimiter(first) else { return .failure(.missing) }
        guard let closing = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0]) }) else {
            return .failure(.unterminated)
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n").trimmingBlankLines()
        return .success(FrontMatter(yaml: yaml, body: body, closingLine: closing + 1))
    }

    /// `---`, optionally followed by spaces.
    private static func isDelimiter(_ line: Substring) -> Bool {
        line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension String {
    /// The text without leading and trailing whitespace-only lines (indentation inside is kept).
    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
