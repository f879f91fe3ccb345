/// `codex exec --json` lines of Codex 0.163.0, captured from a real run against a local fake
/// Responses endpoint (one `exec_command` call, then a final message), plus the documented
/// failure shapes (AGENT-RUNTIMES.md §2.2).
enum CodexFixtures {
    static let thread = "01a213ce-d2e8-79f2-a3a1-3b23452b7b6c"

    static let successfulRun = [
        #"{"type":"thread.started","thread_id":"\#(thread)"}"#,
        #"{"type":"item.completed","item":{"id":"item_0","type":"error","message":"Model metadata for `scripted-model` not found. Defaulting to fallback metadata; this can degrade performance and cause issues."}}"#,
        #"{"type":"turn.started"}"#,
        #"{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc 'printf hi > made.txt'","aggregated_output":"","exit_code":null,"status":"in_progress"}}"#,
        #"{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc 'printf hi > made.txt'","aggregated_output":"","exit_code":0,"status":"completed"}}"#,
        #"{"type":"item.completed","item":{"id":"item_2","type":"file_change","changes":[{"path":"/w/T-3/a.swift","kind":"update"},{"path":"/w/T-3/b.swift","kind":"add"}],"status":"completed"}}"#,
        #"{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"All done."}}"#,
        #"{"type":"turn.completed","usage":{"input_tokens":2400,"cached_input_tokens":400,"cache_write_input_tokens":0,"output_tokens":60,"reasoning_output_tokens":10}}"#,
    ]

    static let reconnecting =
        #"{"type":"error","message":"Reconnecting... 1/5 (stream disconnected before completion: error sending request for url (http://127.0.0.1:9/v1/responses))"}"#

    static let turnFailed =
        #"{"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized: invalid api key"}}"#

    static func turnCompleted(input: Int, cached: Int = 0, output: Int) -> String {
        #"{"type":"turn.completed","usage":{"input_tokens":\#(input),"cached_input_tokens":\#(cached),"cache_write_input_tokens":0,"output_tokens":\#(output),"reasoning_output_tokens":0}}"#
    }
}
