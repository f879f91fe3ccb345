import Foundation

/// Reads a reviewer's ``Verdict`` strictly: from the runtime's structured output when there is one,
/// else from the last fenced `json` block of the agent's final message.
///
/// Anything else (no block, text that is not JSON, a verdict other than `approve`/`request_changes`,
/// missing or mistyped `reasons`, extra keys, `request_changes` with no reason) is a
/// ``VerdictFailure``, never an approval.
///
/// ```swift
/// let parser = VerdictParser(role: "reviewer")
/// let verdict = try parser.parse(structuredOutput: outcome.structuredOutput, finalMessage: outcome.finalText)
/// if !verdict.isApproval { sendBack(with: verdict.reasons) }
/// ```
public struct VerdictParser: Sendable {
    /// The role whose output is read, used in failure sentences ("the reviewer's …").
    public var role: String

    /// Creates a parser.
    /// - Parameter role: The role's name, e.g. `reviewer`.
    public init(role: String = "reviewer") { self.role = role }

    /// Reads the verdict of one run.
    /// - Parameters:
    ///   - structuredOutput: The JSON text of the runtime's structured output (Claude Code's
    ///     `structured_output`, Codex's final message under `--output-schema`), or nil when the runtime
    ///     gave none; blank or `null` counts as none.
    ///   - finalMessage: The agent's final message, read when there is no structured output.
    /// - Returns: The verdict.
    /// - Throws: ``VerdictFailure`` with a one-sentence reason.
    public func parse(structuredOutput: String?, finalMessage: String?) throws(VerdictFailure) -> Verdict {
        if let structured = structuredOutput?.trimmingCharacters(in: .whitespacesAndNewlines),
            !structured.isEmpty, structured != "null"
        {
            return try verdict(fromJSON: structured, source: "structured output")
        }
        return try parse(finalMessage: finalMessage ?? "")
    }

    /// Reads the verdict from the last fenced `json` block of a final message.
    /// - Parameter finalMessage: The agent's final message.
    /// - Returns: The verdict.
    /// - Throws: ``VerdictFailure`` with a one-sentence reason.
    public func parse(finalMessage: String) throws(VerdictFailure) -> Verdict {
        guard !finalMessage.allSatisfy(\.isWhitespace) else {
            throw VerdictFailure(.noVerdict, "the \(role)'s final message is empty, so it has no verdict")
        }
        guard let block = FencedCodeBlocks(finalMessage).lastJSON else {
            throw VerdictFailure(.noVerdict, "the \(role)'s final message has no ```json verdict block")
        }
        return try verdict(fromJSON: block, source: "verdict block")
    }

    private func verdict(fromJSON text: String, source: String) throws(VerdictFailure) -> Verdict {
        let value: StrictJSON.Value
        do { value = try StrictJSON.parse(text) } catch {
            throw VerdictFailure(
                .invalidJSON,
                "the \(role)'s \(source) is not valid JSON (\(error.reason))",
                detail: "text: \(Self.excerpt(text))"
            )
        }
        guard case .object(let fields) = value else {
            throw VerdictFailure(
                .notAnObject,
                "the \(role)'s \(source) is not a JSON object like {\"verdict\": \"approve\", \"reasons\": []}",
                detail: "text: \(Self.excerpt(text))"
            )
        }
        if let key = fields.keys.sorted().first(where: { $0 != "verdict" && $0 != "reasons" }) {
            throw VerdictFailure(
                .unexpectedKey,
                "the \(role)'s verdict has the key \(Self.excerpt(key).debugDescription), "
                    + "but only verdict and reasons are allowed"
            )
        }
        guard case .string(let word) = fields["verdict"], let decision = Verdict.Decision(rawValue: word) else {
            var found = "is missing or not a string"
            if case .string(let word) = fields["verdict"] { found = "is \(Self.excerpt(word).debugDescription)" }
            throw VerdictFailure(
                .unknownVerdict,
                "the \(role)'s verdict \(found): it must be \"approve\" or \"request_changes\""
            )
        }
        guard case .array(let list) = fields["reasons"] else {
            throw VerdictFailure(.invalidReasons, "the \(role)'s verdict has no \"reasons\" list of strings")
        }
        var reasons: [String] = []
        for item in list {
            guard case .string(let text) = item, case let reason = text.trimmingCharacters(in: .whitespacesAndNewlines),
                !reason.isEmpty
            else {
                throw VerdictFailure(.invalidReasons, "the \(role)'s \"reasons\" must all be non-empty strings")
            }
            reasons.append(reason)
        }
        if decision == .requestChanges, reasons.isEmpty {
            throw VerdictFailure(.noReasonGiven, "the \(role) requested changes without giving a reason")
        }
        return Verdict(decision, reasons: reasons)
    }

    /// At most 40 characters of agent output, for a message.
    private static func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
