/// Token counts of a run or a sample.
public struct TokenUsage: Sendable, Hashable, CustomStringConvertible {
    /// Input tokens not read from the cache.
    public var input: Int64
    /// Output tokens.
    public var output: Int64
    /// Input tokens read from the prompt cache.
    public var cacheRead: Int64
    /// Input tokens written to the prompt cache.
    public var cacheWrite: Int64

    /// Creates token counts.
    /// - Parameters:
    ///   - input: Input tokens not read from the cache.
    ///   - output: Output tokens.
    ///   - cacheRead: Tokens read from the cache.
    ///   - cacheWrite: Tokens written to the cache.
    public init(input: Int64 = 0, output: Int64 = 0, cacheRead: Int64 = 0, cacheWrite: Int64 = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
    }

    /// No tokens.
    public static let zero = TokenUsage()

    /// Every token processed: input + output + cache reads + cache writes (what `maxTokens` limits).
    public var total: Int64 { input.addingSaturating(output).addingSaturating(cacheRead).addingSaturating(cacheWrite) }

    public var description: String { "in \(input), out \(output), cache read \(cacheRead), cache write \(cacheWrite)" }

    /// Adds two counts, saturating at `Int64.max`.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            input: lhs.input.addingSaturating(rhs.input),
            output: lhs.output.addingSaturating(rhs.output),
            cacheRead: lhs.cacheRead.addingSaturating(rhs.cacheRead),
            cacheWrite: lhs.cacheWrite.addingSaturating(rhs.cacheWrite)
        )
    }

    /// Subtracts counts field by field, never below zero (a session total minus its baseline).
    public static func - (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            input: max(0, lhs.input - rhs.input),
            output: max(0, lhs.output - rhs.output),
            cacheRead: max(0, lhs.cacheRead - rhs.cacheRead),
            cacheWrite: max(0, lhs.cacheWrite - rhs.cacheWrite)
        )
    }
}

/// Usage reported by an agent at one point of a run.
public struct UsageSample: Sendable, Hashable {
    /// Tokens.
    public var tokens: TokenUsage
    /// Cost in millionths of a US dollar, when the agent reports it.
    public var costMicros: Int64?
    /// Turns, when the agent reports them.
    public var turns: Int?

    /// Creates a sample.
    /// - Parameters:
    ///   - tokens: Tokens.
    ///   - costMicros: Cost in micro-dollars.
    ///   - turns: Turns.
    public init(tokens: TokenUsage, costMicros: Int64? = nil, turns: Int? = nil) {
        self.tokens = tokens
        self.costMicros = costMicros
        self.turns = turns
    }
}

/// What a run cost, and where the number comes from. An unknown cost has no amount: it is never 0.
public struct Cost: Sendable, Hashable, CustomStringConvertible {
    /// Where a cost comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The agent reported it (as a delta for this run).
        case reported
        /// aet computed it from token counts and a price table.
        case computed
        /// Nobody knows.
        case unknown
    }

    /// The amount in millionths of a US dollar; `nil` exactly when ``source`` is `.unknown`.
    public let micros: Int64?
    /// Where the amount comes from.
    public let source: Source

    private init(micros: Int64?, source: Source) {
        self.micros = micros
        self.source = source
    }

    /// A cost nobody reported or computed.
    public static let unknown = Cost(micros: nil, source: .unknown)

    /// A cost the agent reported.
    /// - Parameter micros: The amount in micro-dollars.
    public static func reported(micros: Int64) -> Cost { Cost(micros: max(0, micros), source: .reported) }

    /// A cost aet computed from a price table.
    /// - Parameter micros: The amount in micro-dollars.
    public static func computed(micros: Int64) -> Cost { Cost(micros: max(0, micros), source: .computed) }

    public var description: String {
        guard let micros else { return "unknown" }
        let dollars = Double(micros) / 1_000_000
        return "$\((dollars * 10_000).rounded() / 10_000) (\(source.rawValue))"
    }
}

extension Int64 {
    fileprivate func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
