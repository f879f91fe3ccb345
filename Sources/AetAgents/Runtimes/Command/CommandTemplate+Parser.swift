/// Splits a command template into words of literal text and placeholders (see ``CommandTemplate``).
struct TemplateParser {
    private enum Quote { case none, single, double }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var words: [[CommandTemplate.Piece]] = []
    private var pieces: [CommandTemplate.Piece] = []
    private var literal = ""
    private var inWord = false

    init(source: String) {
        self.scalars = Array(source.unicodeScalars)
    }

    private static let refused: Set<Unicode.Scalar> = ["|", "&", ";", "<", ">", "(", ")", "$", "`", "*", "?"]
    private static let blanks: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]

    mutating func parse() throws(RuntimeError) -> [[CommandTemplate.Piece]] {
        var quote = Quote.none
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch quote {
            case .single:
                if scalar == "'" { quote = .none } else { try text(scalar) }
            case .double:
                switch scalar {
                case "\"": quote = .none
                case "\\":
                    if index < scalars.count, ["\"", "\\"].contains(scalars[index]) {
                        literal.unicodeScalars.append(scalars[index])
                        index += 1
                    } else {
                        literal.unicodeScalars.append(scalar)
                    }
                case "$", "`":
                    throw refusal(scalar, inQuotes: true)
                default: try text(scalar)
                }
            case .none:
                if Self.blanks.contains(scalar) {
                    endWord()
                } else if scalar == "'" {
                    inWord = true
                    quote = .single
                } else if scalar == "\"" {
                    inWord = true
                    quote = .double
                } else if scalar == "\\" {
                    guard index < scalars.count else {
                        throw .invalidCommandTemplate(
                            "the command template ends with a lone backslash: remove it or escape it as \\\\."
                        )
                    }
                    inWord = true
                    literal.unicodeScalars.append(scalars[index])
                    index += 1
                } else if Self.refused.contains(scalar) || (!inWord && (scalar == "~" || scalar == "#")) {
                    throw refusal(scalar, inQuotes: false)
                } else {
                    try text(scalar)
                }
            }
        }
        guard quote == .none else {
            throw .invalidCommandTemplate(
                "the command template has an unclosed \(quote == .single ? "'" : "\"") quote: close it."
            )
        }
        endWord()
        return words
    }

    /// Adds one character of a word, recognizing `{placeholder}`, `{{` and `}}`.
    private mutating func text(_ scalar: Unicode.Scalar) throws(RuntimeError) {
        inWord = true
        if scalar == "}", index < scalars.count, scalars[index] == "}" {
            literal.unicodeScalars.append("}")
            index += 1
            return
        }
        guard scalar == "{" else {
            literal.unicodeScalars.append(scalar)
            return
        }
        if index < scalars.count, scalars[index] == "{" {
            literal.unicodeScalars.append("{")
            index += 1
            return
        }
        var end = index
        var name = ""
        while end < scalars.count, scalars[end] == "_" || ("a"..."z").contains(scalars[end]) {
            name.unicodeScalars.append(scalars[end])
            end += 1
        }
        guard !name.isEmpty, end < scalars.count, scalars[end] == "}" else {
            literal.unicodeScalars.append(scalar)  // not a placeholder, e.g. `{print $1}` inside quotes
            return
        }
        guard let placeholder = CommandTemplate.Placeholder(rawValue: name) else {
            let known = CommandTemplate.Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
            throw .invalidCommandTemplate(
                "the command template uses an unknown placeholder {\(name)}: use one of \(known), "
                    + "or write {{\(name)}} for literal braces."
            )
        }
        if !literal.isEmpty {
            pieces.append(.literal(literal))
            literal = ""
        }
        pieces.append(.placeholder(placeholder))
        index = end + 1
    }

    private mutating func endWord() {
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        if inWord || !pieces.isEmpty { words.append(pieces.isEmpty ? [.literal("")] : pieces) }
        pieces = []
        literal = ""
        inWord = false
    }

    private func refusal(_ scalar: Unicode.Scalar, inQuotes: Bool) -> RuntimeError {
        .invalidCommandTemplate(
            "the command template uses shell syntax (`\(scalar)`\(inQuotes ? " inside double quotes" : "")), "
                + "but aet runs "
                + "commands without a shell: quote it with '…' if it is literal, or run a shell explicitly, "
                + "e.g. sh -c 'swift build && swift test'."
        )
    }
}
