public import AetCore
public import AetStore

/// What is left of a ticket's budget, and whether it is spent.
public struct RemainingBudget: Sendable, Hashable {
    public var tokens: Int64?
    public var costMicros: Int64?
    public var wall: Duration?
    public var turns: Int?
    /// Set when a limit is reached: which one, with the figures.
    public var exhausted: String?
}

/// Ticket budgets (`ticket.budget_set`): what runs may still spend. The spent amounts come from the
/// projection (tokens in + out, known cost, the durations of finished runs); a run's limits are the
/// smaller of its role's and what is left, so a run that would overspend is stopped with that reason.
public enum TicketBudgetCheck {
    /// The ticket's budget: the last `ticket.budget_set` of its stream, or nil.
    public static func budget(of ticket: TicketID, in store: any EventStore) async throws -> TicketBudget? {
        try await budgetAndTurns(of: ticket, in: store).budget
    }

    /// The ticket's budget and the turns its finished runs reported, from its stream.
    public static func budgetAndTurns(of ticket: TicketID, in store: any EventStore) async throws -> (
        budget: TicketBudget?, turns: Int64
    ) {
        var budget: TicketBudget?
        var turns: Int64 = 0
        for recorded in try await store.readStream(.ticket(ticket))
        where recorded.typeName == TicketBudgetSet.typeName || recorded.typeName == RunFinished.typeName {
            switch try recorded.decoded() {
            case .ticketBudgetSet(let set): budget = set.budget
            case .runFinished(let finished): turns = turns.addingSaturating(Int64(finished.turns ?? 0))
            default: break
            }
        }
        return (budget, turns)
    }

    /// What is left of `budget` after what `ticket` spent (`turns`: the turns its runs reported).
    public static func remaining(_ budget: TicketBudget, spentBy ticket: TicketState, turns: Int64 = 0)
        -> RemainingBudget
    {
        var result = RemainingBudget()
        var reasons: [String] = []
        if let limit = budget.maxTokens {
            let spent = ticket.tokensIn.addingSaturating(ticket.tokensOut)
            result.tokens = max(0, limit - spent)
            if spent >= limit { reasons.append("tokens \(spent) of \(limit)") }
        }
        if let limit = budget.maxCostMicros {
            result.costMicros = max(0, limit - ticket.costMicros)
            if ticket.costMicros >= limit { reasons.append("cost \(dollars(ticket.costMicros)) of \(dollars(limit))") }
        }
        if let limit = budget.maxWallSeconds {
            let spentMilliseconds = ticket.runs.reduce(Int64(0)) { $0.addingSaturating($1.durationMilliseconds ?? 0) }
            result.wall = .milliseconds(max(0, limit * 1000 - spentMilliseconds))
            if spentMilliseconds >= limit * 1000 {
                reasons.append("run time \(spentMilliseconds / 1000) s of \(limit) s")
            }
        }
        if let limit = budget.maxTurns {
            result.turns = Int(clamping: max(0, limit - turns))
            if turns >= limit { reasons.append("turns \(turns) of \(limit)") }
        }
        if !reasons.isEmpty { result.exhausted = "the ticket's budget is spent: " + reasons.joined(separator: ", ") }
        return result
    }

    static func dollars(_ micros: Int64) -> String {
        let cents = (micros + 5_000) / 10_000
        return "$\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}
