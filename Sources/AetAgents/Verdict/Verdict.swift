/// A reviewer's decision, the same for every runtime:
/// `{"verdict": "approve" | "request_changes", "reasons": ["…"]}`.
///
/// It comes from the runtime's structured output when the runtime has it (Claude Code `--json-schema`,
/// Codex `--output-schema`, both given ``Verdict/jsonSchema``), else from the last fenced `json` block
/// of the agent's final message; ``VerdictParser`` reads both. No verdict is never an approval.
public struct Verdict: Sendable, Hashable, Codable {
    /// Approve, or send the ticket back.
    public enum Decision: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// The change may go on to the next stage.
        case approve
        /// The change goes back to the stage the gate sends back to, with ``Verdict/reasons`` as feedback.
        case requestChanges = "request_changes"

        public var description: String { rawValue }
    }

    /// The decision (the JSON key `verdict`).
    public var decision: Decision
    /// Why: for ``Decision/requestChanges`` at least one actionable reason; for ``Decision/approve``
    /// possibly none.
    public var reasons: [String]

    /// Creates a verdict.
    /// - Parameters:
    ///   - decision: Approve or request changes.
    ///   - reasons: The reasons, one sentence or so each.
    public init(_ decision: Decision, reasons: [String] = []) {
        self.decision = decision
        self.reasons = reasons
    }

    /// Whether the verdict lets the ticket go on.
    public var isApproval: Bool { decision == .approve }

    private enum CodingKeys: String, CodingKey {
        case decision = "verdict"
        case reasons
    }
}
