import AetAgents
import Testing

/// Claude Code 2.1.331 stream-json lines (trimmed from real runs, AGENT-RUNTIMES.md §2.1) decode
/// to what aet needs; hostile lines never crash the decoder.
@Suite struct ClaudeStreamDecoderTests {
    static let initLine = """
        {"type":"system","subtype":"init","cwd":"/w/T-1","session_id":"992a1a14-0000-4000-8000-000000000001","model":"claude-opus-5-5","permissionMode":"acceptEdits","apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"2.1.331","tools":["Bash","Write"],"uuid":"u1"}
        """
    static let toolUseLine = """
        {"type":"assistant","message":{"id":"msg_1","role":"assistant","model":"claude-opus-5-5","content":[{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/w/T-1/hello.txt","content":"hi\\n"}}],"stop_reason":null,"usage":{"input_tokens":4390,"output_tokens":1}},"parent_tool_use_id":null,"session_id":"992a1a14-0000-4000-8000-000000000001"}
        """
    static let toolResultLine = """
        {"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"File created successfully at: /w/T-1/hello.txt"}]},"tool_use_result":{"type":"create","filePath":"/w/T-1/hello.txt"}}
        """
    static let textLine = """
        {"type":"assistant","message":{"id":"msg_2","role":"assistant","content":[{"type":"text","text":"Created hello.txt. DONE"}]}}
        """
    static let successLine = """
        {"type":"result","subtype":"success","is_error":false,"api_error_status":null,"num_turns":2,"result":"Created hello.txt. DONE","stop_reason":"end_turn","terminal_reason":"completed","session_id":"992a1a14-0000-4000-8000-000000000001","duration_ms":306,"duration_api_ms":71,"total_cost_usd":0.036104,"permission_denials":[],"usage":{"input_tokens":8826,"cache_creation_input_tokens":0,"cache_read_input_tokens":12,"output_tokens":40}}
        """

    @Test func aSuccessfulRunDecodesToItsResult() throws {
        var decoder = ClaudeStreamDecoder()
        guard case .initialized(let start) = decoder.decode(Self.initLine) else {
            Issue.record("no init")
            return
        }
        #expect(start.version == "2.1.331")
        #expect(start.permissionMode == "acceptEdits")
        guard case .assistant(let text, let calls) = decoder.decode(Self.toolUseLine) else {
            Issue.record("no tool use")
            return
        }
        #expect(text.isEmpty)
        let call = try #require(calls.first)
        #expect(calls.count == 1)
        #expect(call.id == "toolu_1")
        #expect(call.name == "Write")
        #expect(call.inputJSON.hasPrefix(#"{"content":"hi\n","file_path":"#))
        #expect(call.inputJSON.contains("hello.txt"))
        guard case .toolResults(let results) = decoder.decode(Self.toolResultLine) else {
            Issue.record("no results")
            return
        }
        #expect(results.first?.id == "toolu_1")
        #expect(results.first?.outputPreview.hasPrefix("File created successfully") == true)
        _ = decoder.decode(Self.textLine)
        guard case .result(let result) = decoder.decode(Self.successLine) else {
            Issue.record("no result")
            return
        }
        #expect(result.isSuccess)
        #expect(result.terminalReason == "completed")
        #expect(result.numTurns == 2)
        #expect(result.inputTokens == 8826)
        #expect(result.outputTokens == 40)
        #expect(result.cacheReadTokens == 12)
        #expect(result.totalCostUSD == 0.036104)
        #expect(result.durationMilliseconds == 306)
        #expect(decoder.sessionID == "992a1a14-0000-4000-8000-000000000001")
        #expect(decoder.model == "claude-opus-5-5")
        #expect(decoder.lastAssistantText == "Created hello.txt. DONE")
        #expect(decoder.assistantMessages == 2)
        #expect(decoder.unparseableLines == 0)
    }

    @Test func maxTurnsIsAnErrorResult() throws {
        var decoder = ClaudeStreamDecoder()
        let line = """
            {"type":"result","subtype":"error_max_turns","is_error":true,"num_turns":3,"result":null,"terminal_reason":"max_turns","errors":["Reached maximum number of turns (2)"],"usage":{"input_tokens":100,"output_tokens":5}}
            """
        guard case .result(let result) = decoder.decode(line) else {
            Issue.record("no result")
            return
        }
        #expect(!result.isSuccess)
        #expect(result.terminalReason == "max_turns")
        #expect(result.result == nil)
        #expect(result.errors == ["Reached maximum number of turns (2)"])
    }

    @Test func anAPIErrorReportedAsSuccessWithIsErrorIsNotASuccess() {
        var decoder = ClaudeStreamDecoder()
        let line = """
            {"type":"result","subtype":"success","is_error":true,"api_error_status":529,"terminal_reason":"api_error","result":"API Error: Connection refused","usage":{}}
            """
        guard case .result(let result) = decoder.decode(line) else {
            Issue.record("no result")
            return
        }
        #expect(!result.isSuccess)
        #expect(result.apiErrorStatus == 529)
        #expect(result.inputTokens == 0)
    }

    @Test func structuredOutputAndPermissionDenialsAreKept() {
        var decoder = ClaudeStreamDecoder()
        let line = """
            {"type":"result","subtype":"success","is_error":false,"structured_output":{"verdict":"approve","reasons":["clear"]},"permission_denials":[{"tool_name":"Bash","tool_use_id":"t","tool_input":{"command":"rm -rf /"}}],"usage":{"input_tokens":1,"output_tokens":2}}
            """
        guard case .result(let result) = decoder.decode(line) else {
            Issue.record("no result")
            return
        }
        #expect(result.structuredOutputJSON == #"{"reasons":["clear"],"verdict":"approve"}"#)
        #expect(result.permissionDenials == ["Bash"])
    }

    @Test(arguments: [
        "", "   ", "not json at all", "[1,2,3]", "{\"type\":", "{\"type\":\"assistant\",\"message\":",
        "\u{FFFD}\u{FFFD}",
        String(repeating: "x", count: 10_000),
    ])
    func hostileLinesAreUnparseableNotFatal(line: String) {
        var decoder = ClaudeStreamDecoder()
        guard case .unparseable = decoder.decode(line) else {
            Issue.record("expected unparseable for \(line.prefix(20))")
            return
        }
        #expect(decoder.unparseableLines == 1)
        #expect(decoder.result == nil)
    }

    @Test func unknownTypesAndOddShapesAreTolerated() {
        var decoder = ClaudeStreamDecoder()
        #expect(decoder.decode(#"{"type":"rate_limit_event","x":1}"#) == .other(type: "rate_limit_event"))
        #expect(decoder.decode(#"{"type":"stream_event"}"#) == .other(type: "stream_event"))
        #expect(decoder.decode(#"{"no_type":true}"#) == .other(type: ""))
        #expect(
            decoder.decode(#"{"type":"assistant","message":{"content":"not an array"}}"#)
                == .assistant(text: [], toolCalls: [])
        )
        guard case .result(let result) = decoder.decode(#"{"type":"result"}"#) else {
            Issue.record("no result")
            return
        }
        #expect(!result.isSuccess, "a result without subtype or is_error is never a success")
    }
}
