/// A scripted model: ordered rules that choose a reply for each request, whatever API it came in on.
///
/// For each model request the server takes the first rule, in order, that still has uses left and
/// whose conditions all hold, and answers its reply. A rule is used once unless it says otherwise.
/// When no rule matches, a strict script (the default) answers HTTP 400 with a body naming the
/// request and why each rule did not match, so the client fails loudly and the test with it.
///
/// ```swift
/// let model = ScriptedModel(rules: [
///     .init("write", when: .systemPrompt(contains: "developer"), .turn(1),
///           reply: .toolCall("Write", arguments: ["file_path": "/w/hello.txt", "content": "hi\n"])),
///     .init("done", when: .lastMessage(contains: "File created"), reply: .text("Created hello.txt. DONE")),
///     .init("title", when: .offersNoTools, reply: .text("Hello file"), uses: .repeatable),
/// ])
/// ```
public struct ScriptedModel: Sendable {
    /// The rules, in the order they are tried.
    public var rules: [Rule]
    /// The model names `GET /v1/models` lists. Requests may name any model; use a `model`
    /// condition to restrict a rule.
    public var models: [String]
    /// What happens to a request no rule matches.
    public var strictness: Strictness

    /// Creates a script.
    /// - Parameters:
    ///   - models: The model names to list.
    ///   - strictness: What to do when no rule matches (default: fail the request).
    ///   - rules: The rules, in order.
    public init(models: [String] = ["scripted-model"], strictness: Strictness = .strict, rules: [Rule]) {
        self.models = models
        self.strictness = strictness
        self.rules = rules
    }

    /// A script that answers `replies` in order, one per model request, whatever the request says.
    /// - Parameters:
    ///   - replies: The replies, in order.
    ///   - models: The model names to list.
    /// - Returns: The script.
    public static func sequence(_ replies: [ScriptedReply], models: [String] = ["scripted-model"]) -> ScriptedModel {
        ScriptedModel(
            models: models,
            rules: replies.enumerated().map { offset, reply in Rule("reply \(offset + 1)", reply: reply) }
        )
    }

    /// What the server does with a request no rule matches.
    public struct Strictness: Sendable {
        let fallback: ScriptedReply?

        /// Answer HTTP 400 with a body naming the request and each rule's reason for not matching.
        public static let strict = Strictness(fallback: nil)

        /// Answer `reply`.
        /// - Parameter reply: The reply for unmatched requests.
        /// - Returns: The strictness.
        public static func fallback(_ reply: ScriptedReply) -> Strictness { Strictness(fallback: reply) }
    }

    /// How many times a rule may answer.
    public struct Uses: Sendable, Hashable, CustomStringConvertible {
        /// The limit, or nil for no limit.
        public let limit: Int?

        /// Once (the default): a sequence of rules without conditions answers in order.
        public static let once = Uses(limit: 1)
        /// Any number of times.
        public static let repeatable = Uses(limit: nil)
        /// At most `count` times.
        /// - Parameter count: The limit.
        /// - Returns: The uses.
        public static func times(_ count: Int) -> Uses { Uses(limit: max(0, count)) }

        /// `once`, `repeatable` or `N times`.
        public var description: String {
            switch limit {
            case nil: "repeatable"
            case 1: "once"
            case let count?: "\(count) times"
            }
        }
    }
}

extension ScriptedModel {
    /// One rule: conditions on the request and the reply to give when they all hold.
    public struct Rule: Sendable {
        /// A name for messages and the request log; empty means "rule N".
        public var name: String
        /// Conditions that must all hold.
        public var conditions: [Condition]
        /// How many times the rule may answer.
        public var uses: Uses
        let makeReply: @Sendable (Request) throws -> ScriptedReply

        /// A rule with a fixed reply.
        /// - Parameters:
        ///   - name: A name for messages and the log.
        ///   - conditions: Conditions that must all hold (none: any request).
        ///   - reply: The reply.
        ///   - uses: How many times it may answer (default once).
        public init(_ name: String = "", when conditions: Condition..., reply: ScriptedReply, uses: Uses = .once) {
            self.name = name
            self.conditions = conditions
            self.uses = uses
            self.makeReply = { _ in reply }
        }

        /// A rule whose reply is computed from the request, e.g. a path taken from the system
        /// prompt or an echo of a tool result. Whatever the closure throws is answered as a script
        /// error (HTTP 400) naming the rule.
        /// - Parameters:
        ///   - name: A name for messages and the log.
        ///   - conditions: Conditions that must all hold.
        ///   - uses: How many times it may answer (default once).
        ///   - reply: Computes the reply.
        public init(
            _ name: String = "",
            when conditions: Condition...,
            uses: Uses = .once,
            reply: @escaping @Sendable (Request) throws -> ScriptedReply
        ) {
            self.name = name
            self.conditions = conditions
            self.uses = uses
            self.makeReply = reply
        }

        /// This rule, answering any number of times.
        /// - Returns: The changed rule.
        public func repeatable() -> Rule {
            var rule = self
            rule.uses = .repeatable
            return rule
        }

        /// This rule, answering at most `count` times.
        /// - Parameter count: The limit.
        /// - Returns: The changed rule.
        public func times(_ count: Int) -> Rule {
            var rule = self
            rule.uses = .times(count)
            return rule
        }
    }
}
