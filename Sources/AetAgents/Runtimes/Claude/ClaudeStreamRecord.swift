import Foundation

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
    /// `session_id`.
    public var sessionID: String?
    /// `model`.
    public var model: String?
    /// `claude_code_version`, e.g. `2.1.332`.
    public var version: String?
    /// `cwd`: the working directory Claude Code sees.
    public var cwd: String?
    /// `permissionMode`, e.g. `acceptEdits`.
    public var permissionMode: String?
}

/// The final `result` line: how the run ended and what it cost.
public struct ClaudeResult: Sendable, Equatable {
    /// `success`, `error_max_turns`, `error_during_execution`, `error_max_budget_usd`, …
    public var subtype: String
    /// `is_error`: true on any failure, even with subtype `success` (an API error).
    public var isError: Bool
    /// `completed`, `max_turns`, `api_error`, `aborted_streaming`, …
    public var terminalReason: String?
    /// `result`: the final text (or the error message).
    public var result: String?
    /// `structured_output` as compact JSON text, when `--json-schema` was used.
    public var structuredOutputJSON: String?
    /// `session_id`.
    public var sessionID: String?
    /// `num_turns`.
    public var numTurns: Int?
    /// `duration_ms`.
    public var durationMilliseconds: Int64?
    /// Cumulative over a resumed session (subtract the session's previous value for a delta).
    public var totalCostUSD: Double?
    /// Tokens of this invocation (`result.usage`).
    public var inputTokens: Int64
    /// `usage.output_tokens`.
    public var outputTokens: Int64
    /// `usage.cache_read_input_tokens`.
    public var cacheReadTokens: Int64
    /// `usage.cache_creation_input_tokens`.
    public var cacheCreationTokens: Int64
    /// `errors`: messages of errors Claude Code raised itself (e.g. the turn limit).
    public var errors: [String]
    /// `api_error_status`: the HTTP status when a model API call failed.
    public var apiErrorStatus: Int?
    /// Tool names Claude Code refused to run in print mode.
    public var permissionDenials: [String]

    /// Whether Claude Code itself says the run succeeded (exit status is checked separately).
    public var isSuccess: Bool { subtype == "success" && !isError }
}

/// One decoded line with the details beside its record (see ``ClaudeStreamDecoder/decodeDetailed(_:)``).
public struct ClaudeDecodedLine: Sendable, Equatable {
    /// What the line says.
    public var record: ClaudeStreamRecord
    /// An assistant line's `message.usage` (from the API's `message_start`: input and cache tokens
    /// are exact, output tokens only a lower bound). Several lines of one message repeat it.
    public var messageUsage: ClaudeMessageUsage?
    /// Files a tool result reports as created or updated (`tool_use_result`).
    public var fileChanges: [ClaudeFileChange] = []
}

/// The usage an assistant line carries.
public struct ClaudeMessageUsage: Sendable, Equatable {
    /// The API message id (`msg_…`), shared by the lines of one message.
    public var messageID: String?
    /// The tokens.
    public var tokens: TokenUsage
}

/// A file a Claude Code tool wrote.
public struct ClaudeFileChange: Sendable, Equatable {
    /// The absolute path.
    public var path: String
    /// Created or modified.
    public var kind: FileChangeKind
}
