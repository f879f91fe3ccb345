/// The script plus how often each rule has answered: chooses the rule for a request. Pure; the
/// server keeps it under a lock.
struct ScriptBook: Sendable {
    /// The outcome of choosing.
    enum Selection: Sendable {
        /// Rule `index` answers with `reply`.
        case matched(index: Int, name: String, reply: ScriptedModel.Rule)
        /// No rule matched; the strict script answers this explanation.
        case unmatched(explanation: String)
        /// No rule matched; the lenient script answers its fallback.
        case fallback(ScriptedReply, explanation: String)
        /// The script itself is broken (invalid regex, throwing condition).
        case scriptError(String)
    }

    private(set) var rules: [ScriptedModel.Rule]
    private(set) var useCounts: [Int]
    let strictness: ScriptedModel.Strictness
    let models: [String]

    init(_ model: ScriptedModel) {
        rules = model.rules
        useCounts = Array(repeating: 0, count: model.rules.count)
        strictness = model.strictness
        models = model.models
    }

    /// Appends a rule after the others.
    mutating func append(_ rule: ScriptedModel.Rule) {
        rules.append(rule)
        useCounts.append(0)
    }

    /// The display name of rule `index`.
    func name(of index: Int) -> String {
        rules[index].name.isEmpty ? "rule \(index + 1)" : rules[index].name
    }

    /// Chooses the first rule with uses left whose conditions hold, and counts the use.
    mutating func select(for request: ScriptedModel.Request) -> Selection {
        var reasons: [String] = []
        for index in rules.indices {
            let rule = rules[index]
            let label = "#\(index + 1) \(ScriptedModel.TextPattern.quote(name(of: index)))"
            if let limit = rule.uses.limit, useCounts[index] >= limit {
                reasons.append("\(label): used up (\(rule.uses))")
                continue
            }
            do {
                if let failed = try rule.conditions.first(where: { try !$0.holds(request) }) {
                    reasons.append("\(label): wanted \(failed)")
                    continue
                }
            } catch {
                return .scriptError("\(label): a condition failed: \(error)")
            }
            useCounts[index] += 1
            return .matched(index: index, name: name(of: index), reply: rule)
        }
        let explanation = Self.explain(request, reasons: reasons)
        if let fallback = strictness.fallback {
            return .fallback(fallback, explanation: explanation)
        }
        return .unmatched(explanation: explanation)
    }

    /// The rules that can still answer and have never answered (a `once` rule the run never
    /// reached, for instance).
    var unusedRuleNames: [String] {
        rules.indices.filter { useCounts[$0] == 0 && rules[$0].uses.limit != 0 }.map(name(of:))
    }

    private static func explain(_ request: ScriptedModel.Request, reasons: [String]) -> String {
        let quote = ScriptedModel.TextPattern.quote
        let tools =
            request.toolNames.count > 12
            ? request.toolNames.prefix(12).joined(separator: ", ") + ", … (\(request.toolNames.count) in all)"
            : request.toolNames.joined(separator: ", ")
        var text = "aet scripted model server: no rule matched this \(request.api) request"
        text += " (model \(quote(request.model, 120)), turn \(request.turn), stream \(request.stream),"
        text += " tools [\(tools)], system prompt \(quote(request.systemPrompt, 160)),"
        text += " last message \(quote(String(request.lastMessageText.suffix(300)), 300)))."
        text += reasons.isEmpty ? " The script has no rules." : " Rules: " + reasons.joined(separator: "; ") + "."
        return text
    }
}
