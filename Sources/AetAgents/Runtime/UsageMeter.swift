/// Turns the usage an agent reports into this run's consumption and checks it against the run's limits.
///
/// Agents report usage two ways: deltas (one API call's tokens) and cumulative session totals
/// (Claude Code's `total_cost_usd`, Codex's `turn.completed.usage`), which include earlier runs of a
/// resumed session. The meter keeps the latest cumulative sample minus the session's ``baseline``,
/// plus the deltas seen since, so ``usage`` and ``costMicros`` are always this run's own.
///
/// ```swift
/// var meter = UsageMeter(limits: request.limits)
/// if case .exceeded(let violation) = meter.record(sample, cumulative: true) {
///     return .stop(reason: violation.message)   // from a ProcessSupervisor callback
/// }
/// ```
public struct UsageMeter: Sendable, Hashable {
    /// The limits checked.
    public let limits: RunLimits
    /// The session's totals before this run started (for resumed sessions), subtracted from cumulative samples.
    public let baseline: UsageSample?

    private var lastCumulative: UsageSample?
    private var deltaTokens = TokenUsage.zero
    private var deltaCostMicros: Int64?
    private var deltaTurns = 0

    /// Creates a meter.
    /// - Parameters:
    ///   - limits: The run's limits.
    ///   - baseline: Session totals before this run, when resuming.
    public init(limits: RunLimits, baseline: UsageSample? = nil) {
        self.limits = limits
        self.baseline = baseline
    }

    /// Tokens consumed by this run so far.
    public var usage: TokenUsage {
        var tokens = deltaTokens
        if let lastCumulative { tokens = tokens + (lastCumulative.tokens - (baseline?.tokens ?? .zero)) }
        return tokens
    }

    /// Cost of this run so far in micro-dollars; `nil` while no sample carried a cost.
    public var costMicros: Int64? {
        let fromCumulative = lastCumulative?.costMicros.map { max(0, $0 - (baseline?.costMicros ?? 0)) }
        switch (fromCumulative, deltaCostMicros) {
        case (nil, nil): return nil
        case (let a, let b): return Self.add(a ?? 0, b ?? 0)
        }
    }

    /// Turns taken by this run so far.
    public var turns: Int {
        let fromCumulative = lastCumulative?.turns.map { max(0, $0 - (baseline?.turns ?? 0)) } ?? 0
        return fromCumulative + deltaTurns
    }

    /// Records one usage sample.
    /// - Parameters:
    ///   - sample: The sample as the agent reported it.
    ///   - cumulative: Whether it is a session total (it then replaces earlier samples) or a delta.
    /// - Returns: Whether the run is still within its limits.
    public mutating func record(_ sample: UsageSample, cumulative: Bool) -> BudgetCheck {
        if cumulative {
            lastCumulative = sample
            deltaTokens = .zero
            deltaCostMicros = nil
            deltaTurns = 0
        } else {
            deltaTokens = deltaTokens + sample.tokens
            if let cost = sample.costMicros { deltaCostMicros = Self.add(deltaCostMicros ?? 0, max(0, cost)) }
            deltaTurns += max(0, sample.turns ?? 0)
        }
        return check()
    }

    /// Records one finished turn the agent did not report itself.
    /// - Returns: Whether the run is still within its limits.
    public mutating func recordTurn() -> BudgetCheck {
        deltaTurns += 1
        return check()
    }

    /// Checks the consumption so far against the limits: tokens, then cost, then turns.
    /// - Returns: `.exceeded` with the first limit passed, else `.withinLimits`.
    public func check() -> BudgetCheck {
        if let max = limits.maxTokens, usage.total > max {
            return .exceeded(BudgetViolation(kind: .tokens, limit: max, actual: usage.total))
        }
        if let max = limits.maxCostMicros, let cost = costMicros, cost > max {
            return .exceeded(BudgetViolation(kind: .cost, limit: max, actual: cost))
        }
        if let max = limits.maxTurns, turns > max {
            return .exceeded(BudgetViolation(kind: .turns, limit: Int64(max), actual: Int64(turns)))
        }
        return .withinLimits
    }

    private static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}

/// Whether a run is within its limits.
public enum BudgetCheck: Sendable, Hashable {
    case withinLimits
    case exceeded(BudgetViolation)
}

/// A limit a run passed.
public struct BudgetViolation: Sendable, Hashable, CustomStringConvertible {
    /// Which limit.
    public enum Kind: String, Sendable, Hashable {
        case tokens
        case cost
        case turns
    }

    /// Which limit was passed.
    public var kind: Kind
    /// The limit (tokens, micro-dollars or turns).
    public var limit: Int64
    /// The consumption that passed it.
    public var actual: Int64

    /// Creates a violation.
    /// - Parameters:
    ///   - kind: Which limit.
    ///   - limit: The limit.
    ///   - actual: The consumption.
    public init(kind: Kind, limit: Int64, actual: Int64) {
        self.kind = kind
        self.limit = limit
        self.actual = actual
    }

    /// A sentence naming the limit, e.g. `tokens: 12000 used, limit 10000`.
    public var message: String {
        switch kind {
        case .tokens: "tokens: \(actual) used, limit \(limit)"
        case .cost: "cost: $\(Self.dollars(actual)) spent, limit $\(Self.dollars(limit))"
        case .turns: "turns: \(actual) taken, limit \(limit)"
        }
    }

    public var description: String { message }

    /// The run status this violation stops a run with: ``AgentRunStatus/maxTurns`` for turns, else
    /// ``AgentRunStatus/budgetExceeded(_:)``.
    public var status: AgentRunStatus {
        kind == .turns ? .maxTurns : .budgetExceeded(message)
    }

    private static func dollars(_ micros: Int64) -> String {
        let cents = (micros + 5_000) / 10_000
        let fraction = String(cents % 100)
        return "\(cents / 100).\(fraction.count == 1 ? "0" + fraction : fraction)"
    }
}
