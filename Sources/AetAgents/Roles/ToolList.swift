import Foundation

/// Tool lists as Claude Code subagent files write them: `Read, Grep, Bash(git diff *)` or a YAML list.
enum ToolList {
    /// Splits a comma-separated list; commas inside parentheses belong to the tool (`Bash(a, b)`).
    /// - Parameter text: The list as written.
    /// - Returns: The trimmed, non-empty entries.
    static func split(_ text: String) -> [String] {
        var tools: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "," where depth == 0:
                tools.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        tools.append(current)
        return tools.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Why `tool` is not a tool name, or nil when it is one: a name of letters, digits, `_` and `-`
    /// starting with a letter, optionally followed by a non-empty `(pattern)` that ends the entry.
    /// - Parameter tool: One entry.
    /// - Returns: The problem, phrased to follow "is not a tool: ".
    static func problem(with tool: String) -> String? {
        guard tool.count <= 200 else { return "it is longer than 200 characters" }
        guard !tool.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return "it contains a control character"
        }
        let name = tool.prefix { $0 != "(" }
        let isNameCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") }
        guard let first = name.first, first.isASCII, first.isLetter, name.allSatisfy(isNameCharacter) else {
            return "a tool is a name such as Read or Bash, optionally with a pattern: Bash(swift test *)"
        }
        let rest = tool.dropFirst(name.count)
        guard rest.isEmpty || (rest.hasPrefix("(") && rest.hasSuffix(")") && rest.count > 2) else {
            return "a pattern goes in parentheses at the end, as in Bash(swift test *)"
        }
        return nil
    }

    /// The tool's name without its pattern: `Bash` for `Bash(git diff *)`.
    static func baseName(_ tool: String) -> String { String(tool.prefix { $0 != "(" }) }
}
