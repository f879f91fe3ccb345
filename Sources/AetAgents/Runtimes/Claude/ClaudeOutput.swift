import Foundation

/// Turns Claude Code's stream-json lines into aet events and usage samples, and keeps what the
/// outcome needs (the decoder's state, the last line on stderr).
struct ClaudeOutput: CLIOutputDecoder {
    /// The line decoder, holding the result line, session id and last assistant text.
    private(set) var decoder = ClaudeStreamDecoder()
    /// The last non-empty stderr line (e.g. a refusal printed before any JSON).
    private(set) var triage = CLILineTriage()
    /// Whether any assistant line carried usage.
    private(set) var sawStreamedUsage = false
    private var countedMessages: Set<String> = []

    mutating func consume(_ line: OutputLine) -> CLILineReport {
        guard !triage.setAsideStandardError(line) else { return .empty }
        let decoded = decoder.decodeDetailed(line.text)
        var report = CLILineReport()
        switch decoded.record {
        case .assistant(let texts, let calls):
            report.events += texts.map { .assistantText($0, isFinal: false) }
            report.events += calls.map { .toolCall($0) }
        case .toolResults(let results):
            report.events += results.map { .toolResult($0) }
        case .result(let result):
            if result.isSuccess, let text = result.result { report.events.append(.assistantText(text, isFinal: true)) }
            let tokens = TokenUsage(
                input: result.inputTokens,
                output: result.outputTokens,
                cacheRead: result.cacheReadTokens,
                cacheWrite: result.cacheCreationTokens
            )
            let cost = result.totalCostUSD.map { Int64(($0 * 1_000_000).rounded()) }
            report.usage.append(
                .init(sample: UsageSample(tokens: tokens, costMicros: cost, turns: result.numTurns), cumulative: true)
            )
        case .initialized, .other, .unparseable:
            break
        }
        report.events += decoded.fileChanges.map { .fileChanged(path: $0.path, kind: $0.kind) }
        if let usage = decoded.messageUsage, decoder.result == nil {
            // One message spans several lines with the same id and usage: count it once.
            let key = usage.messageID ?? "line \(decoder.assistantMessages)"
            if countedMessages.insert(key).inserted {
                sawStreamedUsage = true
                report.usage.append(.init(sample: UsageSample(tokens: usage.tokens), cumulative: false))
            }
        }
        return report
    }
}
