import Foundation

extension ScriptedModel {
    /// A condition on a model request. A rule matches when all its conditions hold.
    public struct Condition: Sendable, CustomStringConvertible {
        /// What the condition asks for, e.g. `turn == 2`; shown when no rule matched.
        public let description: String
        let holds: @Sendable (Request) throws -> Bool

        /// A condition from a predicate.
        /// - Parameters:
        ///   - description: What it asks for, shown when no rule matched.
        ///   - predicate: Whether the request satisfies it. What it throws is answered as a script
        ///     error (HTTP 400).
        /// - Returns: The condition.
        public static func custom(
            _ description: String,
            _ predicate: @escaping @Sendable (Request) throws -> Bool
        ) -> Condition {
            Condition(description: description, holds: predicate)
        }

        /// The request came in on `api`.
        /// - Parameter api: The API.
        /// - Returns: The condition.
        public static func api(_ api: ModelWireAPI) -> Condition {
            Condition(description: "api is \(api)") { $0.api == api }
        }

        /// The `model` field is exactly `name`.
        /// - Parameter name: The model name.
        /// - Returns: The condition.
        public static func model(_ name: String) -> Condition {
            model(.equals(name))
        }

        /// The `model` field matches `pattern`.
        /// - Parameter pattern: The pattern.
        /// - Returns: The condition.
        public static func model(_ pattern: TextPattern) -> Condition {
            Condition(description: "model \(pattern)") { try pattern.matches($0.model) }
        }

        /// The system prompt contains `text`.
        /// - Parameter text: The text.
        /// - Returns: The condition.
        public static func systemPrompt(contains text: String) -> Condition {
            systemPrompt(.contains(text))
        }

        /// The system prompt matches `pattern`.
        /// - Parameter pattern: The pattern.
        /// - Returns: The condition.
        public static func systemPrompt(_ pattern: TextPattern) -> Condition {
            Condition(description: "system prompt \(pattern)") { try pattern.matches($0.systemPrompt) }
        }

        /// The last user-side message (user text and tool results after the last assistant turn)
        /// contains `text`.
        /// - Parameter text: The text.
        /// - Returns: The condition.
        public static func lastMessage(contains text: String) -> Condition {
            lastMessage(.contains(text))
        }

        /// The last user-side message matches `pattern` (see ``Request/lastMessageText``).
        /// - Parameter pattern: The pattern.
        /// - Returns: The condition.
        public static func lastMessage(_ pattern: TextPattern) -> Condition {
            Condition(description: "last message \(pattern)") { try pattern.matches($0.lastMessageText) }
        }

        /// Some message of the conversation (not the system prompt) contains `text`.
        /// - Parameter text: The text.
        /// - Returns: The condition.
        public static func conversation(contains text: String) -> Condition {
            Condition(description: "conversation contains \(TextPattern.quote(text))") { request in
                request.messages.contains { $0.role != .system && $0.text.contains(text) }
            }
        }

        /// The request asks for turn `turn` (1 = no assistant turn yet; see ``Request/turn``).
        /// - Parameter turn: The turn.
        /// - Returns: The condition.
        public static func turn(_ turn: Int) -> Condition {
            Condition(description: "turn == \(turn)") { $0.turn == turn }
        }

        /// The request asks for a turn in `turns`.
        /// - Parameter turns: The turns.
        /// - Returns: The condition.
        public static func turn(in turns: ClosedRange<Int>) -> Condition {
            Condition(description: "turn in \(turns.lowerBound)...\(turns.upperBound)") { turns.contains($0.turn) }
        }

        /// Every tool in `names` is offered.
        /// - Parameter names: The tool names.
        /// - Returns: The condition.
        public static func offersTools(_ names: String...) -> Condition {
            Condition(description: "offers tools \(names)") { request in
                names.allSatisfy(request.toolNames.contains)
            }
        }

        /// No tool is offered at all.
        public static let offersNoTools = Condition(description: "offers no tools") { $0.toolNames.isEmpty }

        /// The client asked for a streamed (`true`) or a whole (`false`) reply.
        /// - Parameter streaming: Whether streaming.
        /// - Returns: The condition.
        public static func streaming(_ streaming: Bool) -> Condition {
            Condition(description: "stream == \(streaming)") { $0.stream == streaming }
        }

        /// The last user-side message carries a tool result whose content contains `text`, for the
        /// tool call named `tool` when given (found by call id among earlier assistant tool calls).
        /// - Parameters:
        ///   - tool: The called tool's name, or nil for any.
        ///   - text: Text the result contains (empty: any result).
        /// - Returns: The condition.
        public static func toolResult(for tool: String? = nil, contains text: String = "") -> Condition {
            let subject = tool.map { "tool result for \($0)" } ?? "a tool result"
            let wanted = text.isEmpty ? subject : "\(subject) containing \(TextPattern.quote(text))"
            return Condition(description: wanted) { request in
                let names = Dictionary(
                    request.previousToolCalls.map { ($0.id, $0.name) },
                    uniquingKeysWith: { _, last in last }
                )
                return request.toolResults.contains { result in
                    (tool == nil || names[result.callID] == tool) && (text.isEmpty || result.content.contains(text))
                }
            }
        }
    }

    /// How a condition matches a piece of text.
    public struct TextPattern: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable {
            case contains, equals, prefix, regex
        }

        let kind: Kind
        let value: String

        /// The text contains `text`.
        /// - Parameter text: The text.
        /// - Returns: The pattern.
        public static func contains(_ text: String) -> TextPattern { TextPattern(kind: .contains, value: text) }

        /// The text is exactly `text`.
        /// - Parameter text: The text.
        /// - Returns: The pattern.
        public static func equals(_ text: String) -> TextPattern { TextPattern(kind: .equals, value: text) }

        /// The text starts with `text`.
        /// - Parameter text: The text.
        /// - Returns: The pattern.
        public static func hasPrefix(_ text: String) -> TextPattern { TextPattern(kind: .prefix, value: text) }

        /// Some part of the text matches the regular expression `pattern` (Swift `Regex` syntax).
        /// An invalid pattern is answered as a script error when a request reaches it.
        /// - Parameter pattern: The regular expression.
        /// - Returns: The pattern.
        public static func regex(_ pattern: String) -> TextPattern { TextPattern(kind: .regex, value: pattern) }

        /// Whether `text` matches.
        /// - Parameter text: The text.
        /// - Returns: Whether it matches.
        /// - Throws: ``ScriptError`` when a regular expression does not compile.
        public func matches(_ text: String) throws -> Bool {
            switch kind {
            case .contains: return text.contains(value)
            case .equals: return text == value
            case .prefix: return text.hasPrefix(value)
            case .regex:
                let regex: Regex<AnyRegexOutput>
                do {
                    regex = try Regex(value)
                } catch {
                    throw ScriptError("invalid regular expression \(Self.quote(value)): \(error)")
                }
                return text.contains(regex)
            }
        }

        /// E.g. `contains "developer"` or `matches /T-\d+/`.
        public var description: String {
            switch kind {
            case .contains: "contains \(Self.quote(value))"
            case .equals: "== \(Self.quote(value))"
            case .prefix: "starts with \(Self.quote(value))"
            case .regex: "matches /\(value)/"
            }
        }

        static func quote(_ text: String, limit: Int = 120) -> String {
            let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
            return "\"" + shown.replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
    }

    /// A mistake in the script itself (an invalid regular expression, a reply closure that threw),
    /// answered to the client as HTTP 400 so the test fails.
    public struct ScriptError: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public let description: String

        /// Creates a script error.
        /// - Parameter description: What is wrong.
        public init(_ description: String) {
            self.description = description
        }
    }
}
