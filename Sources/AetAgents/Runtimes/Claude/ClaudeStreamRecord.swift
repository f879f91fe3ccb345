public import Foundation

/// One line of Claude Code's `--output-format stream-json --verbose` output, decoded to what aet
/// uses (verified against Claude Code 2.1.331; AGENT-RUNTIMES.md §2.1). Unknown line types are kept
/// as ``other(type:)`` and never fail a run.
public enum ClaudeStreamRecord: Sendable, Equatable {
    /// `{"type":"system","subtype":"init",…}`: the session starts.
    case initialized(ClaudeInit)
    /// An assistant message: its text blocks and tool calls.
    case assistant(text: [String], toolCalls: [ToolCall])
    /// Tool results sent back to the model.
    case toolResults([ToolResult])
    /// The final `{"type":"result",…}` line.
    case result(ClaudeResult)
    /// A JSON line of a type aet does not use (`stream_event`, `rate_limit_event`, …).
    case other(type: String)
    /// A line that is not a JSON object (noise on stdout); kept for the transcript.
    case unparseable(String)
}

/// The `init` line.
public struct ClaudeInit: Sendable, Equatable {
    public var sessionID: String?
    public var model: String?
    public var version: String?
    public var cwd: String?
    public var permissionMode: String?
}

/// The final `result` line: how the run ended and what it cost.
public struct ClaudeResult: Sendable, Equatable {
    /// `success`, `error_max_turns`, `error_during_execution`, `error_max_budget_usd`, …
    public var subtype: String
    public var isError: Bool
    /// `completed`, `max_turns`, `api_error`, `aborted_streaming`, …
    public var terminalReason: String?
    public var result: String?
    /// `structured_output` as compact JSON text, when `--json-schema` was used.
    public var structuredOutputJSON: String?
    public var sessionID: String?
    public var numTurns: Int?
    public var durationMilliseconds: Int64?
    /// Cumulative over a resumed session (subtract the session's previous value for a delta).
    public var totalCostUSD: Double?
    /// Tokens of this invocation (`result.usage`).
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cacheReadTokens: Int64
    public var cacheCreationTokens: Int64
    public var errors: [String]
    public var apiErrorStatus: Int?
    /// Tool names Claude Code refused to run in print mode.
    public var permissionDenials: [String]

    /// Whether Claude Code itself says the run succeeded (exit status is checked separately).
    public var isSuccess: Bool { subtype == "success" && !isError }
}
