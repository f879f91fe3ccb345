import Foundation

/// Reads aider's plain-text output (aider has no JSON mode): the `Tokens: … sent, … received.` and
/// `Cost: $… message, $… session.` lines (format strings of aider 0.86 `coders/base_coder.py`),
/// `Applied edit to <path>` lines, and model API errors (`litellm.…Error: …`), which aider
/// prints before exiting 0 anyway.
struct AiderOutput: CLIOutputDecoder {
    /// The latest token counts (aider reports totals for the current message; one message per run).
    private(set) var tokens: TokenUsage?
    /// The latest session cost in micro-dollars.
    private(set) var sessionCostMicros: Int64?
    /// A model API error not followed by a successful reply.
    private(set) var pendingAPIError: String?
    /// The last stderr line.
    private(set) var triage = CLILineTriage()
    /// The end of stdout, for the final text.
    private(set) var tail = OutputTail(capacity: 16 << 10)
    /// The worktree, which aider's relative paths start from.
    let worktree: String

    /// Creates a decoder.
    /// - Parameter worktree: The worktree aider runs in (its paths are relative to the repository root).
    init(worktree: String) {
        self.worktree = worktree
    }

    mutating func consume(_ line: OutputLine) -> CLILineReport {
        let text = line.text.trimmingCharacters(in: .whitespaces)
        if Self.isAPIError(text) { pendingAPIError = String(text.prefix(500)) }  // printed on either stream
        guard !triage.setAsideStandardError(line) else { return .empty }
        tail.append(line.bytes)
        var report = CLILineReport()
        if text.hasPrefix("Applied edit to ") {
            let path = String(text.dropFirst("Applied edit to ".count))
            report.events.append(
                .fileChanged(path: path.hasPrefix("/") ? path : worktree + "/" + path, kind: .modified)
            )
        }
        var sampleChanged = false
        if let parsed = Self.tokens(in: text) {
            tokens = parsed
            pendingAPIError = nil
            sampleChanged = true
        }
        if let cost = Self.sessionCost(in: text) {
            sessionCostMicros = cost
            sampleChanged = true
        }
        if sampleChanged, let tokens {
            report.usage.append(
                .init(sample: UsageSample(tokens: tokens, costMicros: sessionCostMicros), cumulative: true)
            )
        }
        return report
    }

    /// Whether a line reports a model API error (`litellm.AuthenticationError: …`).
    static func isAPIError(_ text: String) -> Bool {
        text.hasPrefix("litellm.") && text.contains("Error")
    }

    /// Parses `Tokens: 2.5k sent, 1.0k cache write, 300 cache hit, 20 received.` (counts of 1000 and
    /// more are rounded by aider: `2.5k`, `12k`).
    static func tokens(in text: String) -> TokenUsage? {
        guard let start = text.range(of: "Tokens: ") else { return nil }
        let report = text[start.upperBound...]
        var usage = TokenUsage()
        var sawSent = false
        var sawReceived = false
        for part in report.split(separator: ",") {
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard words.count >= 2, let count = count(words[0]) else { continue }
            let label = words[1...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            if label.hasPrefix("received") {
                usage.output = count
                sawReceived = true
                break
            }
            switch label {
            case "sent":
                usage.input = count
                sawSent = true
            case "cache write": usage.cacheWrite = count
            case "cache hit": usage.cacheRead = count
            default: continue
            }
        }
        guard sawSent, sawReceived else { return nil }
        // aider's "sent" includes cache writes; the cache hits are reported beside it.
        usage.input = max(0, usage.input - usage.cacheWrite)
        return usage
    }

    /// Parses the session total of `Cost: $0.0012 message, $0.05 session.` as micro-dollars.
    static func sessionCost(in text: String) -> Int64? {
        guard let range = text.range(of: "Cost: $") else { return nil }
        let rest = text[range.upperBound...]
        guard let comma = rest.range(of: " message, $") else { return nil }
        let session = rest[comma.upperBound...].prefix { $0.isNumber || $0 == "." }
        guard let dollars = Decimal(string: String(session)) else { return nil }
        return NSDecimalNumber(decimal: dollars * 1_000_000).int64Value
    }

    /// `2.5k` → 2500, `12k` → 12000, `980` → 980.
    private static func count(_ word: Substring) -> Int64? {
        if word.hasSuffix("k"), let value = Double(word.dropLast()) { return Int64((value * 1000).rounded()) }
        if word.hasSuffix("M"), let value = Double(word.dropLast()) { return Int64((value * 1_000_000).rounded()) }
        return Int64(word)
    }
}
