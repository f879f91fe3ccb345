/// Gemini CLI `--output-format stream-json` lines, hand-written from the documented event types
/// (google-gemini/gemini-cli `packages/core/src/output/types.ts` and its formatter tests): the CLI
/// is npm-only and could not be run here, so these are not recordings.
enum GeminiFixtures {
    static let session = "test-session-123"

    static let successfulRun = [
        #"{"type":"init","timestamp":"2025-10-10T12:00:00.000Z","session_id":"\#(session)","model":"gemini-2.5-pro"}"#,
        #"{"type":"message","timestamp":"2025-10-10T12:00:00.100Z","role":"user","content":"Create hello.txt."}"#,
        #"{"type":"message","timestamp":"2025-10-10T12:00:01.000Z","role":"assistant","content":"I'll write ","delta":true}"#,
        #"{"type":"message","timestamp":"2025-10-10T12:00:01.100Z","role":"assistant","content":"the file.","delta":true}"#,
        #"{"type":"tool_use","timestamp":"2025-10-10T12:00:02.000Z","tool_name":"write_file","tool_id":"write-1","parameters":{"file_path":"/w/T-3/hello.txt","content":"hi\n"}}"#,
        #"{"type":"tool_result","timestamp":"2025-10-10T12:00:02.500Z","tool_id":"write-1","status":"success","output":"Successfully created and wrote to new file: /w/T-3/hello.txt."}"#,
        #"{"type":"error","timestamp":"2025-10-10T12:00:02.600Z","severity":"warning","message":"Loop detection is slow"}"#,
        #"{"type":"message","timestamp":"2025-10-10T12:00:03.000Z","role":"assistant","content":"Created hello.txt.","delta":true}"#,
        #"{"type":"result","timestamp":"2025-10-10T12:00:03.100Z","status":"success","stats":{"total_tokens":2100,"input_tokens":2000,"output_tokens":100,"cached":500,"input":1500,"duration_ms":3100,"tool_calls":1}}"#,
    ]

    static let turnLimit =
        #"{"type":"result","timestamp":"2025-10-10T12:00:00.000Z","status":"error","error":{"type":"MaxSessionTurnsError","message":"Maximum session turns exceeded"},"stats":{"total_tokens":100,"input_tokens":50,"output_tokens":50,"cached":0,"input":50,"duration_ms":1200,"tool_calls":0}}"#

    static let apiError =
        #"{"type":"result","timestamp":"2025-10-10T12:00:00.000Z","status":"error","error":{"type":"ApiError","message":"[API Error: 400 API key not valid]"}}"#
}
