/// A ticket's budget: the most its runs together may spend. Set when the ticket is created (from
/// `aet create --budget` or the config's `budget:` defaults); absent limits are unlimited.
public struct TicketBudget: Sendable, Hashable, Codable {
    /// Tokens in + out over all runs.
    public var maxTokens: Int64?
    /// Known cost over all runs, in millionths of a US dollar.
    public var maxCostMicros: Int64?
    /// Wall-clock time of all runs together, in seconds.
    public var maxWallSeconds: Int64?
    /// Agent turns of all runs together (runs whose runtime reports no turns count none).
    public var maxTurns: Int64?

    public init(
        maxTokens: Int64? = nil, maxCostMicros: Int64? = nil, maxWallSeconds: Int64? = nil, maxTurns: Int64? = nil
    ) {
        self.maxTokens = maxTokens
        self.maxCostMicros = maxCostMicros
        self.maxWallSeconds = maxWallSeconds
        self.maxTurns = maxTurns
    }

    /// Whether no limit is set.
    public var isUnlimited: Bool {
        maxTokens == nil && maxCostMicros == nil && maxWallSeconds == nil && maxTurns == nil
    }
}

/// The ticket's budget was set (at creation).
public struct TicketBudgetSet: EventPayload {
    public static let typeName = "ticket.budget_set"
    public var budget: TicketBudget
    public init(budget: TicketBudget) { self.budget = budget }
    public func encode(to writer: inout BinaryWriter) {
        writer.writeOptional(budget.maxTokens)
        writer.writeOptional(budget.maxCostMicros)
        writer.writeOptional(budget.maxWallSeconds)
        writer.writeOptional(budget.maxTurns)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        budget = TicketBudget(
            maxTokens: try reader.readOptionalInt64(), maxCostMicros: try reader.readOptionalInt64(),
            maxWallSeconds: try reader.readOptionalInt64(), maxTurns: try reader.readOptionalInt64())
    }
}
