import Foundation

/// Decodes Gemini CLI's `--output-format stream-json` lines, written against the documented format
/// (`packages/core/src/output/types.ts` of google-gemini/gemini-cli; not run here: the CLI ships
/// only through npm): `init{session_id,model}`, `message{role,content,delta?}`,
/// `tool_use{tool_name,tool_id,parameters}`, `tool_result{tool_id,status,output?,error?}`,
/// `error{severity,message}` and a final `result{status,error?,stats?}`, each with a `timestamp`.
struct GeminiOutput: CLIOutputDecoder {
    /// The session id (`init`).
    private(set) var sessionID: String?
    /// The model (`init`).
    private(set) var model: String?
    /// The final `result` line.
    private(set) var result: GeminiResult?
    /// The assistant text since the last tool call (the final answer once the result arrives).
    private(set) var currentText = ""
    /// The last stderr line and the count of stdout lines that were not JSON.
    private(set) var triage = CLILineTriage()

    mutating func consume(_ line: OutputLine) -> CLILineReport {
        guard let object = triage.jsonObject(line) else { return .empty }
        var report = CLILineReport()
        switch object["type"] as? String {
        case "init":
            sessionID = object["session_id"] as? String ?? sessionID
            model = object["model"] as? String ?? model
        case "message" where object["role"] as? String == "assistant":
            let content = object["content"] as? String ?? ""
            currentText = object["delta"] as? Bool == true ? currentText + content : content
        case "tool_use":
            report.events += flushText()
            let call = ToolCall(
                id: object["tool_id"] as? String ?? "",
                name: object["tool_name"] as? String ?? "",
                inputJSON: JSONLine.text(object["parameters"]) ?? "{}"
            )
            report.events.append(.toolCall(call))
        case "tool_result":
            let failed = object["status"] as? String == "error"
            let error = (object["error"] as? [String: Any])?["message"] as? String
            let output = (failed ? error : nil) ?? object["output"] as? String ?? error ?? ""
            report.events.append(
                .toolResult(
                    ToolResult(
                        id: object["tool_id"] as? String ?? "",
                        isError: failed,
                        outputPreview: String(output.prefix(2048))
                    )
                )
            )
        case "error":
            let message = object["message"] as? String ?? "error"
            report.events.append(
                .warning("gemini (\(object["severity"] as? String ?? "error")): \(message.prefix(500))")
            )
        case "result":
            let error = object["error"] as? [String: Any]
            let stats = object["stats"] as? [String: Any]
            let parsed = GeminiResult(
                isSuccess: object["status"] as? String == "success",
                errorType: error?["type"] as? String,
                errorMessage: error?["message"] as? String,
                tokens: stats.map(Self.tokens)
            )
            result = parsed
            if parsed.isSuccess, !currentText.isEmpty {
                report.events.append(.assistantText(currentText, isFinal: true))
            }
            if let tokens = parsed.tokens {
                report.usage.append(.init(sample: UsageSample(tokens: tokens), cumulative: true))
            }
        default:
            break
        }
        return report
    }

    /// Reports the assistant text gathered so far (before a tool call) and starts a new message.
    private mutating func flushText() -> [AgentEvent] {
        defer { currentText = "" }
        return currentText.isEmpty ? [] : [.assistantText(currentText, isFinal: false)]
    }

    /// `stats`: `input_tokens` includes `cached`; `input` is the uncached part.
    static func tokens(_ stats: [String: Any]) -> TokenUsage {
        let cached = JSONLine.integer(stats["cached"]) ?? 0
        let input = JSONLine.integer(stats["input"]) ?? max(0, (JSONLine.integer(stats["input_tokens"]) ?? 0) - cached)
        return TokenUsage(input: input, output: JSONLine.integer(stats["output_tokens"]) ?? 0, cacheRead: cached)
    }
}

/// Gemini CLI's final `result` line.
struct GeminiResult: Sendable, Hashable {
    /// `status == "success"`.
    var isSuccess: Bool
    /// `error.type`, e.g. `MaxSessionTurnsError`.
    var errorType: String?
    /// `error.message`.
    var errorMessage: String?
    /// The run's tokens (`stats`), when reported.
    var tokens: TokenUsage?
}
