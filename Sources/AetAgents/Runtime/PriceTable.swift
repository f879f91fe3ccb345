/// Per-model token prices, to compute what a run cost when the runtime reports tokens but no cost
/// (aet's native `anthropic` and `openai` runtimes, replays).
///
/// Prices are in micro-dollars per million tokens (so $3 per million is `3_000_000`). A model is
/// found by its exact name, else by the longest entry that is a prefix of it (so
/// `claude-sonnet-4-5-20250929` uses `claude-sonnet-4-5`). The ``standard`` table is
/// **approximate**: list prices of a few current Anthropic and OpenAI models as of late 2025,
/// without batch or long-context tiers; pass your own table (or ``merging(_:)`` entries into
/// the standard one) where exact numbers matter. A model that is not in the table has an unknown
/// cost, never 0.
///
/// ```swift
/// let cost = PriceTable.standard.cost(for: TokenUsage(input: 12_000, output: 800), model: "claude-sonnet-4-5")
/// // Cost.computed(micros: 48_000): 12k × $3/M + 800 × $15/M = $0.048
/// ```
public struct PriceTable: Sendable, Hashable {
    /// The prices of one model, in micro-dollars per million tokens.
    public struct Price: Sendable, Hashable {
        /// Uncached input tokens.
        public var input: Int64
        /// Output tokens (reasoning included).
        public var output: Int64
        /// Input tokens read from the prompt cache.
        public var cacheRead: Int64
        /// Input tokens written to the prompt cache.
        public var cacheWrite: Int64

        /// Creates a price.
        /// - Parameters:
        ///   - input: Micro-dollars per million uncached input tokens.
        ///   - output: Micro-dollars per million output tokens.
        ///   - cacheRead: Micro-dollars per million cache reads (default: the input price).
        ///   - cacheWrite: Micro-dollars per million cache writes (default: the input price).
        public init(input: Int64, output: Int64, cacheRead: Int64? = nil, cacheWrite: Int64? = nil) {
            self.input = input
            self.output = output
            self.cacheRead = cacheRead ?? input
            self.cacheWrite = cacheWrite ?? input
        }

        /// A price given in dollars per million tokens.
        /// - Parameters:
        ///   - input: Dollars per million input tokens.
        ///   - output: Dollars per million output tokens.
        ///   - cacheRead: Dollars per million cache reads.
        ///   - cacheWrite: Dollars per million cache writes.
        /// - Returns: The price.
        public static func dollars(
            input: Double,
            output: Double,
            cacheRead: Double? = nil,
            cacheWrite: Double? = nil
        )
            -> Price
        {
            func micros(_ value: Double) -> Int64 { Int64((value * 1_000_000).rounded()) }
            return Price(
                input: micros(input),
                output: micros(output),
                cacheRead: cacheRead.map(micros),
                cacheWrite: cacheWrite.map(micros)
            )
        }
    }

    /// The prices by model name or name prefix.
    public var prices: [String: Price]

    /// Creates a table.
    /// - Parameter prices: Prices by model name or prefix.
    public init(prices: [String: Price]) {
        self.prices = prices
    }

    /// An empty table: every cost is unknown.
    public static let empty = PriceTable(prices: [:])

    /// Approximate list prices of current Anthropic and OpenAI models (late 2025).
    public static let standard = PriceTable(prices: [
        "claude-opus-4-5": .dollars(input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25),
        "claude-opus-4": .dollars(input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75),
        "claude-sonnet-4": .dollars(input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75),
        "claude-3-7-sonnet": .dollars(input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75),
        "claude-haiku-4-5": .dollars(input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25),
        "claude-3-5-haiku": .dollars(input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1),
        "gpt-5": .dollars(input: 1.25, output: 10, cacheRead: 0.125),
        "gpt-5-mini": .dollars(input: 0.25, output: 2, cacheRead: 0.025),
        "gpt-5-nano": .dollars(input: 0.05, output: 0.4, cacheRead: 0.005),
        "gpt-4.1": .dollars(input: 2, output: 8, cacheRead: 0.5),
        "gpt-4.1-mini": .dollars(input: 0.4, output: 1.6, cacheRead: 0.1),
        "gpt-4.1-nano": .dollars(input: 0.1, output: 0.4, cacheRead: 0.025),
        "gpt-4o": .dollars(input: 2.5, output: 10, cacheRead: 1.25),
        "gpt-4o-mini": .dollars(input: 0.15, output: 0.6, cacheRead: 0.075),
        "o3": .dollars(input: 2, output: 8, cacheRead: 0.5),
        "o4-mini": .dollars(input: 1.1, output: 4.4, cacheRead: 0.275),
    ])

    /// This table with `other`'s entries added (replacing entries of the same name).
    /// - Parameter other: The entries to add.
    /// - Returns: The combined table.
    public func merging(_ other: [String: Price]) -> PriceTable {
        PriceTable(prices: prices.merging(other) { _, new in new })
    }

    /// The price of a model: its exact entry, else the longest entry that prefixes its name.
    /// - Parameter model: The model's name as the API reports it.
    /// - Returns: The price, or nil when the table does not know the model.
    public func price(for model: String) -> Price? {
        if let exact = prices[model] { return exact }
        let prefix = prices.keys.filter { model.hasPrefix($0) }.max { $0.count < $1.count }
        return prefix.flatMap { prices[$0] }
    }

    /// What some tokens of a model cost.
    /// - Parameters:
    ///   - usage: The tokens.
    ///   - model: The model.
    /// - Returns: ``Cost/computed(micros:)``, or ``Cost/unknown`` when the model is not in the table.
    public func cost(for usage: TokenUsage, model: String) -> Cost {
        guard let price = price(for: model) else { return .unknown }
        return .computed(micros: micros(for: usage, price: price))
    }

    /// What some tokens cost at a price, in micro-dollars (rounded to the nearest micro-dollar).
    /// - Parameters:
    ///   - usage: The tokens.
    ///   - price: The price.
    /// - Returns: Micro-dollars.
    public func micros(for usage: TokenUsage, price: Price) -> Int64 {
        let parts: [(Int64, Int64)] = [
            (usage.input, price.input), (usage.output, price.output), (usage.cacheRead, price.cacheRead),
            (usage.cacheWrite, price.cacheWrite),
        ]
        var total: Int64 = 0
        for (tokens, perMillion) in parts {
            let (product, overflow) = tokens.multipliedReportingOverflow(by: perMillion)
            let (sum, sumOverflow) = total.addingReportingOverflow(overflow ? .max : product)
            total = sumOverflow ? .max : sum
        }
        return total == .max ? .max : (total + 500_000) / 1_000_000
    }
}
