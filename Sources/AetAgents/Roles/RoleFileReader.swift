import AetCore
import Foundation
import Yams

/// Reads the front matter of one role file, turning every problem into a ``ValidationFailure``
/// that names the file, the line when known and the field.
struct RoleFileReader {
    /// The file as shown to the user, e.g. `.aet/agents/reviewer.md`.
    let path: String

    /// A problem with one field (line from the YAML node's mark, when it has one).
    func failure(_ node: Node?, field: String, _ problem: String) -> ValidationFailure {
        let line = node?.mark.map { ", line \(FrontMatter.fileLine(ofYAMLLine: $0.line))" } ?? ""
        return ValidationFailure("\(path)\(line), field \(field): \(problem)")
    }

    /// A problem with the whole file.
    func failure(line: Int?, _ problem: String) -> ValidationFailure {
        ValidationFailure("\(path)\(line.map { ", line \($0)" } ?? ""): \(problem)")
    }

    /// A YAML syntax error as a failure with the file's line.
    func invalidYAML(_ error: any Error) -> ValidationFailure {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return failure(
                line: FrontMatter.fileLine(ofYAMLLine: mark.line),
                "the front matter is not valid YAML (\(problem)): fix it."
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return failure(
                line: FrontMatter.fileLine(ofYAMLLine: context.mark.line),
                "the front matter sets \(duplicates.joined(separator: ", ")) twice: keep one."
            )
        default:
            return failure(line: nil, "the front matter is not valid YAML: fix it.")
        }
    }

    /// Whether a node is absent in effect (`key:` with nothing, or `~`/`null`).
    static func isNull(_ node: Node) -> Bool { node.null != nil }

    /// A non-empty text value, trimmed.
    func text(_ node: Node, field: String) throws(ValidationFailure) -> String {
        guard let scalar = node.scalar else {
            throw failure(node, field: field, "expected a text value, not a list or mapping.")
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw failure(node, field: field, "is empty: give it a value or remove it.") }
        return text
    }

    /// A whole number in `range`.
    func integer(_ node: Node, field: String, in range: ClosedRange<Int>) throws(ValidationFailure) -> Int {
        guard node.scalar != nil, let value = node.int else {
            throw failure(
                node,
                field: field,
                "\(Self.quoted(node)) is not a whole number: write digits only, such as 40."
            )
        }
        guard range.contains(value) else {
            throw failure(
                node,
                field: field,
                "\(value) is out of range: use \(range.lowerBound) to \(range.upperBound)."
            )
        }
        return value
    }

    /// A duration such as `20m`, between one second and ``Role/maximumTimeout``.
    func duration(_ node: Node, field: String) throws(ValidationFailure) -> Duration {
        let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        guard let duration = DurationText.parse(text) else {
            throw failure(node, field: field, "\(Self.quoted(node)) is not a duration: write it like 90s, 20m or 1h.")
        }
        guard duration >= .seconds(1), duration <= Role.maximumTimeout else {
            throw failure(node, field: field, "\(text) is out of range: use 1s to 24h.")
        }
        return duration
    }

    /// A tool list: a comma-separated string or a YAML list of strings.
    func tools(_ node: Node, field: String) throws(ValidationFailure) -> [String] {
        let tools: [String]
        if let sequence = node.sequence {
            var items: [String] = []
            for item in sequence {
                guard let scalar = item.scalar else {
                    throw failure(item, field: field, "each entry of the list must be a tool name such as Read.")
                }
                items.append(scalar.string.trimmingCharacters(in: .whitespaces))
            }
            tools = items
        } else if let scalar = node.scalar {
            tools = ToolList.split(scalar.string)
        } else {
            throw failure(node, field: field, "expected a list of tools, like Read, Grep, Glob.")
        }
        for tool in tools {
            if let problem = ToolList.problem(with: tool) {
                throw failure(node, field: field, "\(Self.quoted(tool)) is not a tool: \(problem).")
            }
        }
        return tools
    }

    /// A value quoted for a message: at most 40 characters, control characters escaped.
    static func quoted(_ node: Node) -> String {
        guard let scalar = node.scalar else { return node.sequence != nil ? "a list" : "a mapping" }
        return quoted(scalar.string)
    }

    /// Text quoted for a message: at most 40 characters, control characters escaped.
    static func quoted(_ text: String) -> String {
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return short.debugDescription
    }
}
