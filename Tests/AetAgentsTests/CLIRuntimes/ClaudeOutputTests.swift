import Testing

@testable import AetAgents

/// The details beside Claude Code's records: per-message usage (counted once per message id),
/// files written, and numbers 0 and 1 (which Foundation on Linux also sees as booleans).
@Suite struct ClaudeOutputTests {
    static func line(_ text: String) -> OutputLine {
        OutputLine(stream: .standardOutput, bytes: Array(text.utf8))
    }

    @Test func detailsOfALine() {
        var decoder = ClaudeStreamDecoder()
        let usage = decoder.decodeDetailed(ClaudeCodeFixtures.toolUse(id: "msg_9", input: 1))
        #expect(usage.messageUsage == ClaudeMessageUsage(messageID: "msg_9", tokens: TokenUsage(input: 1, output: 1)))
        let written = decoder.decodeDetailed(ClaudeCodeFixtures.toolResult)
        #expect(written.fileChanges == [ClaudeFileChange(path: "/w/T-3/hello.txt", kind: .created)])
        guard
            case .result(let result) = decoder.decode(
                #"{"type":"result","subtype":"success","is_error":false,"num_turns":1,"usage":{"input_tokens":0,"output_tokens":1}}"#
            )
        else {
            Issue.record("no result")
            return
        }
        #expect(result.numTurns == 1)
        #expect(result.outputTokens == 1)
    }

    @Test("a message's usage is reported once, however many lines it spans; stderr is kept for errors")
    func messageUsageOnce() {
        var output = ClaudeOutput()
        var samples: [CLILineReport.UsageReport] = []
        for text in [
            ClaudeCodeFixtures.toolUse(id: "msg_1"), ClaudeCodeFixtures.toolUse(id: "msg_1"), ClaudeCodeFixtures.text,
        ] {
            samples += output.consume(Self.line(text)).usage
        }
        #expect(samples.map(\.sample.tokens.input) == [4390, 4436])
        #expect(samples.allSatisfy { !$0.cumulative })
        _ = output.consume(OutputLine(stream: .standardError, bytes: Array("fatal: nope".utf8)))
        #expect(output.triage.lastErrorLine == "fatal: nope")
        let final = output.consume(Self.line(ClaudeCodeFixtures.success))
        #expect(final.usage.first?.cumulative == true)
        #expect(final.usage.first?.sample.costMicros == 36_104)
    }
}
