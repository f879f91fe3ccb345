import Foundation

/// Decodes Claude Code's stream-json output line by line (a pure function per line; the state it
/// keeps is only what the final outcome needs: the session id, the last assistant text, the
/// result line, and counts of what could not be parsed).
///
/// ```swift
/// var decoder = ClaudeStreamDecoder()
/// for line in lines { let record = decoder.decode(line) }
/// decoder.result  // the final `result` line, if one arrived
/// ```
public struct ClaudeStreamDecoder: Sendable {
    /// The session id, from the `init` line (or the result).
    public private(set) var sessionID: String?
    /// The model name from the `init` line.
    public private(set) var model: String?
    /// The text of the last assistant message that had text.
    public private(set) var lastAssistantText: String?
    /// The final `result` line, once it arrived.
    public private(set) var result: ClaudeResult?
    /// How many lines were not JSON objects.
    public private(set) var unparseableLines = 0
    /// How many assistant messages arrived (an approximation of turns when the result is missing).
    public private(set) var assistantMessages = 0

    /// The longest line decoded; longer lines are treated as unparseable (the supervisor caps them too).
    public static let maxLineBytes = 4 * 1024 * 1024

    public init() {}

    /// Decodes one line of stdout.
    /// - Parameter line: The line, without its newline.
    /// - Returns: What the line says.
    public mutating func decode(_ line: String) -> ClaudeStreamRecord {
        decodeDetailed(line).record
    }

    /// Decodes one line of stdout, with the details a runtime needs besides the record: the
    /// assistant message's usage and the files a tool result reports as written.
    /// - Parameter line: The line, without its newline.
    /// - Returns: The record and its details.
    public mutating func decodeDetailed(_ line: String) -> ClaudeDecodedLine {
        var details = ClaudeDecodedLine(record: .other(type: ""))
        details.record = decodeObject(line, details: &details)
        return details
    }

    private mutating func decodeObject(_ line: String, details: inout ClaudeDecodedLine) -> ClaudeStreamRecord {
        guard line.utf8.count <= Self.maxLineBytes, let object = JSONLine.object(line) else {
            unparseableLines += 1
            return .unparseable(String(line.prefix(200)))
        }
        let type = object["type"] as? String ?? ""
        switch type {
        case "system" where object["subtype"] as? String == "init":
            let record = ClaudeInit(
                sessionID: object["session_id"] as? String,
                model: object["model"] as? String,
                version: object["claude_code_version"] as? String,
                cwd: object["cwd"] as? String,
                permissionMode: object["permissionMode"] as? String
            )
            sessionID = record.sessionID ?? sessionID
            model = record.model ?? model
            return .initialized(record)
        case "assistant":
            let blocks = (object["message"] as? [String: Any])?["content"] as? [[String: Any]] ?? []
            var texts: [String] = []
            var calls: [ToolCall] = []
            for block in blocks {
                switch block["type"] as? String {
                case "text": if let text = block["text"] as? String { texts.append(text) }
                case "tool_use":
                    calls.append(
                        ToolCall(
                            id: block["id"] as? String ?? "",
                            name: block["name"] as? String ?? "",
                            inputJSON: Self.compactJSON(block["input"]) ?? "{}"
                        )
                    )
                default: continue
                }
            }
            assistantMessages += 1
            if let message = object["message"] as? [String: Any], let usage = message["usage"] as? [String: Any] {
                details.messageUsage = ClaudeMessageUsage(
                    messageID: message["id"] as? String,
                    tokens: Self.tokens(usage)
                )
            }
            if !texts.isEmpty { lastAssistantText = texts.joined(separator: "\n") }
            return .assistant(text: texts, toolCalls: calls)
        case "user":
            let blocks = (object["message"] as? [String: Any])?["content"] as? [[String: Any]] ?? []
            let results = blocks.filter { $0["type"] as? String == "tool_result" }.map { block in
                ToolResult(
                    id: block["tool_use_id"] as? String ?? "",
                    isError: block["is_error"] as? Bool ?? false,
                    outputPreview: String(Self.text(of: block["content"]).prefix(2048))
                )
            }
            if let change = object["tool_use_result"] as? [String: Any], let path = change["filePath"] as? String {
                switch change["type"] as? String {
                case "create": details.fileChanges.append(ClaudeFileChange(path: path, kind: .created))
                case "update": details.fileChanges.append(ClaudeFileChange(path: path, kind: .modified))
                default: break
                }
            }
            return .toolResults(results)
        case "result":
            let record = Self.decodeResult(object)
            result = record
            sessionID = sessionID ?? record.sessionID
            return .result(record)
        default:
            return .other(type: String(type.prefix(60)))
        }
    }

    private static func decodeResult(_ object: [String: Any]) -> ClaudeResult {
        let usage = object["usage"] as? [String: Any] ?? [:]
        let denials = (object["permission_denials"] as? [[String: Any]] ?? []).compactMap { $0["tool_name"] as? String }
        return ClaudeResult(
            subtype: object["subtype"] as? String ?? "unknown",
            isError: object["is_error"] as? Bool ?? true,
            terminalReason: object["terminal_reason"] as? String,
            result: object["result"] as? String,
            structuredOutputJSON: object["structured_output"].flatMap { $0 is NSNull ? nil : compactJSON($0) },
            sessionID: object["session_id"] as? String,
            numTurns: integer(object["num_turns"]).map(Int.init),
            durationMilliseconds: integer(object["duration_ms"]),
            totalCostUSD: (object["total_cost_usd"] as? NSNumber)?.doubleValue,
            inputTokens: integer(usage["input_tokens"]) ?? 0,
            outputTokens: integer(usage["output_tokens"]) ?? 0,
            cacheReadTokens: integer(usage["cache_read_input_tokens"]) ?? 0,
            cacheCreationTokens: integer(usage["cache_creation_input_tokens"]) ?? 0,
            errors: (object["errors"] as? [Any] ?? []).compactMap { $0 as? String },
            apiErrorStatus: integer(object["api_error_status"]).map(Int.init),
            permissionDenials: denials
        )
    }

    private static func tokens(_ usage: [String: Any]) -> TokenUsage {
        TokenUsage(
            input: integer(usage["input_tokens"]) ?? 0,
            output: integer(usage["output_tokens"]) ?? 0,
            cacheRead: integer(usage["cache_read_input_tokens"]) ?? 0,
            cacheWrite: integer(usage["cache_creation_input_tokens"]) ?? 0
        )
    }

    private static func integer(_ value: Any?) -> Int64? {
        // `value is Bool` is also true for an NSNumber 0 or 1 on Linux: compare the dynamic type.
        guard let number = value as? NSNumber, type(of: value) != Bool.self else { return nil }
        return number.int64Value
    }

    private static func compactJSON(_ value: Any?) -> String? {
        JSONLine.text(value)
    }

    private static func text(of content: Any?) -> String {
        if let string = content as? String { return string }
        if let blocks = content as? [[String: Any]] {
            return blocks.compactMap { $0["text"] as? String }.joined(separator: "\n")
        }
        return ""
    }
}
