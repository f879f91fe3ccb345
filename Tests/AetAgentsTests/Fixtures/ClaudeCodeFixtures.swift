/// Claude Code 2.1.332 stream-json lines, captured from real runs against a local fake Anthropic
/// endpoint (trimmed: long `init` fields and bookkeeping keys removed), for decoder and fake-CLI tests.
enum ClaudeCodeFixtures {
    static let session = "992a1a14-0000-4000-8000-000000000001"

    static let initLine = """
        {"type":"system","subtype":"init","cwd":"/w/T-3","session_id":"\(session)","tools":["Bash","Edit","Read","Write"],"mcp_servers":[],"model":"claude-scripted","permissionMode":"acceptEdits","apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"2.1.332","output_style":"default","uuid":"8d7e2e09-4aee-4bec-bace-07aebcbd53f0","sandbox_enabled":false}
        """

    static func toolUse(id: String = "msg_1", input: Int = 4390) -> String {
        """
        {"type":"assistant","message":{"id":"\(id)","type":"message","role":"assistant","model":"claude-scripted","content":[{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/w/T-3/hello.txt","content":"hi\\n"}}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":\(input),"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}},"parent_tool_use_id":null,"session_id":"\(session)","uuid":"6a9615f2-8402-45e0-b57a-a78c13f4fd33"}
        """
    }

    static let toolResult = """
        {"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"File created successfully at: /w/T-3/hello.txt"}]},"parent_tool_use_id":null,"session_id":"\(session)","tool_use_result":{"type":"create","filePath":"/w/T-3/hello.txt","content":"hi\\n","structuredPatch":[],"originalFile":null}}
        """

    static let text = """
        {"type":"assistant","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-scripted","content":[{"type":"text","text":"Created hello.txt. DONE"}],"stop_reason":null,"usage":{"input_tokens":4436,"output_tokens":1}},"parent_tool_use_id":null,"session_id":"\(session)"}
        """

    static let success = """
        {"duration_api_ms":71,"stop_reason":"end_turn","session_id":"\(session)","total_cost_usd":0.036104,"usage":{"input_tokens":8826,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":40,"service_tier":"standard"},"modelUsage":{"claude-scripted":{"inputTokens":8826,"outputTokens":40,"costUSD":0.036104}},"permission_denials":[],"terminal_reason":"completed","is_error":false,"num_turns":2,"subtype":"success","api_error_status":null,"result":"Created hello.txt. DONE","type":"result","duration_ms":306}
        """

    /// A whole successful run: init, a Write call, its result, the final text, the result line.
    static var successfulRun: [String] { [initLine, toolUse(), toolResult, text, success] }

    /// What Claude Code printed when the endpoint answered 401 (exit code 1).
    static let apiError = [
        initLine,
        """
        {"type":"assistant","message":{"id":"cdf7343f-f296-45b6-8d19-699c0b9cd59a","model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"content":[{"type":"text","text":"Failed to authenticate. API Error: 401 invalid api key given"}]},"parent_tool_use_id":null,"session_id":"\(session)","error":"authentication_failed","is_api_error_message":true,"api_error_status":401}
        """,
        """
        {"duration_api_ms":0,"stop_reason":"stop_sequence","session_id":"\(session)","total_cost_usd":0,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0},"modelUsage":{},"permission_denials":[],"terminal_reason":"api_error","is_error":true,"num_turns":1,"subtype":"success","api_error_status":401,"api_error_type":"invalid_request_error","result":"Failed to authenticate. API Error: 401 invalid api key given","type":"result","duration_ms":201}
        """,
    ]

    /// `--max-turns 2` exceeded (exit code 1).
    static let maxTurns = """
        {"duration_api_ms":127,"stop_reason":"tool_use","session_id":"\(session)","total_cost_usd":0.001,"usage":{"input_tokens":200,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":10},"permission_denials":[],"terminal_reason":"max_turns","is_error":true,"num_turns":3,"subtype":"error_max_turns","errors":["Reached maximum number of turns (2)"],"type":"result","duration_ms":391}
        """

    /// An error result other than an API error.
    static let duringExecution = """
        {"type":"result","subtype":"error_during_execution","is_error":true,"num_turns":1,"terminal_reason":"aborted_tools","errors":["Tool execution aborted"],"permission_denials":[{"tool_name":"Bash","tool_use_id":"t","tool_input":{"command":"rm -rf /"}}],"usage":{"input_tokens":10,"output_tokens":2},"session_id":"\(session)"}
        """
}
