import Foundation

/// Decodes `codex exec --json` lines (Codex 0.163.0, `codex-rs/exec/src/exec_events.rs`) into aet
/// events and usage, and keeps what the outcome needs.
///
/// `thread.started` gives the session id; `item.*` lines carry agent messages, commands, file
/// changes, MCP calls and non-fatal errors; `turn.completed.usage` is cumulative over the thread;
/// `turn.failed` fails the run. A top-level `{"type":"error"}` ("Reconnecting…") is a warning:
/// only `turn.failed`, the exit, or aet's own timeouts end a run.
struct CodexOutput: CLIOutputDecoder {
    /// The thread id (`thread.started`).
    private(set) var threadID: String?
    /// The last `agent_message` text.
    private(set) var lastAgentMessage: String?
    /// How many turns completed.
    private(set) var completedTurns = 0
    /// The message of the first `turn.failed`.
    private(set) var turnFailure: String?
    /// The last top-level `error` message.
    private(set) var lastError: String?
    /// The last stderr line and the count of stdout lines that were not JSON.
    private(set) var triage = CLILineTriage()

    mutating func consume(_ line: OutputLine) -> CLILineReport {
        guard let object = triage.jsonObject(line) else { return .empty }
        var report = CLILineReport()
        switch object["type"] as? String {
        case "thread.started":
            threadID = object["thread_id"] as? String ?? threadID
        case "turn.completed":
            completedTurns += 1
            let usage = object["usage"] as? [String: Any] ?? [:]
            report.usage.append(.init(sample: UsageSample(tokens: Self.tokens(usage)), cumulative: true))
            if let text = lastAgentMessage { report.events.append(.assistantText(text, isFinal: true)) }
        case "turn.failed":
            let message = ((object["error"] as? [String: Any])?["message"] as? String) ?? "turn failed"
            if turnFailure == nil { turnFailure = String(message.prefix(500)) }
        case "error":
            let message = object["message"] as? String ?? "error"
            lastError = String(message.prefix(500))
            report.events.append(.warning("codex: " + String(message.prefix(500))))
        case "item.started", "item.updated", "item.completed":
            guard let body = object["item"] as? [String: Any] else { break }
            report.events += item(body, completed: object["type"] as? String == "item.completed")
        default:
            break
        }
        return report
    }

    private mutating func item(_ item: [String: Any], completed: Bool) -> [AgentEvent] {
        let id = item["id"] as? String ?? ""
        switch item["type"] as? String {
        case "agent_message":
            guard completed, let text = item["text"] as? String else { return [] }
            lastAgentMessage = text
            return [.assistantText(text, isFinal: false)]
        case "command_execution":
            let command = item["command"] as? String ?? ""
            guard completed else {
                return item["status"] as? String == "in_progress"
                    ? [
                        .toolCall(
                            ToolCall(id: id, name: "command_execution", inputJSON: JSONLine.text(["command": command]))
                        )
                    ]
                    : []
            }
            let exitCode = (item["exit_code"] as? NSNumber).map { Int32(truncatingIfNeeded: $0.intValue) }
            let failed = item["status"] as? String != "completed" || (exitCode ?? 0) != 0
            let output = item["aggregated_output"] as? String ?? ""
            return [
                .commandRan(command: command, exitCode: exitCode),
                .toolResult(ToolResult(id: id, isError: failed, outputPreview: String(output.prefix(2048)))),
            ]
        case "file_change":
            guard completed else { return [] }
            let changes = item["changes"] as? [[String: Any]] ?? []
            return changes.compactMap { change in
                guard let path = change["path"] as? String else { return nil }
                let kind: FileChangeKind =
                    switch change["kind"] as? String {
                    case "add": .created
                    case "delete": .deleted
                    default: .modified
                    }
                return .fileChanged(path: path, kind: kind)
            }
        case "mcp_tool_call":
            let name = "mcp__\(item["server"] as? String ?? "?")__\(item["tool"] as? String ?? "?")"
            guard completed else {
                return item["status"] as? String == "in_progress"
                    ? [.toolCall(ToolCall(id: id, name: name, inputJSON: JSONLine.text(item["arguments"]) ?? "{}"))]
                    : []
            }
            let failed = item["error"] != nil && !(item["error"] is NSNull)
            return [
                .toolResult(
                    ToolResult(
                        id: id,
                        isError: failed,
                        outputPreview: String((JSONLine.text(item["result"]) ?? "").prefix(2048))
                    )
                )
            ]
        case "error":
            guard completed else { return [] }
            return [.warning("codex: " + String((item["message"] as? String ?? "error").prefix(500)))]
        default:
            return []
        }
    }

    /// Codex's usage: `input_tokens` includes the cached ones; `reasoning_output_tokens` are part of the output.
    static func tokens(_ usage: [String: Any]) -> TokenUsage {
        let input = JSONLine.integer(usage["input_tokens"]) ?? 0
        let cached = JSONLine.integer(usage["cached_input_tokens"]) ?? 0
        return TokenUsage(
            input: max(0, input - cached),
            output: JSONLine.integer(usage["output_tokens"]) ?? 0,
            cacheRead: cached,
            cacheWrite: JSONLine.integer(usage["cache_write_input_tokens"]) ?? 0
        )
    }
}
