import AetCore
import AetScheduler
import AetStore
import Foundation
import Testing

@Suite("Ticket budgets")
struct TicketBudgetTests {
    func spent(tokensIn: Int64, tokensOut: Int64, cost: Int64, runMilliseconds: [Int64]) -> TicketState {
        var state: TicketState?
        var events: [DomainEvent] = [
            .ticketCreated(TicketCreated(ticket: TicketID(1), draft: TicketDraft(description: "x")))
        ]
        for (index, milliseconds) in runMilliseconds.enumerated() {
            let run = RunID(ticket: TicketID(1), stage: .implement, attempt: index + 1)
            events.append(.runStarted(RunStarted(run: run, stage: .implement, attempt: 1, runtime: "command")))
            events.append(
                .runFinished(
                    RunFinished(
                        run: run, status: .succeeded, exitCode: 0, durationMilliseconds: milliseconds,
                        tokensIn: index == 0 ? tokensIn : 0, tokensOut: index == 0 ? tokensOut : 0,
                        costMicros: index == 0 ? cost : 0, reason: nil)))
        }
        for (index, event) in events.enumerated() {
            TicketReducer.apply(
                event,
                context: EventContext(
                    position: EventPosition(Int64(index + 1)), version: Int64(index + 1),
                    recordedAt: Timestamp(microseconds: 0)), to: &state)
        }
        return state!
    }

    @Test func whatIsLeftAndWhenItIsSpent() {
        let budget = TicketBudget(maxTokens: 10_000, maxCostMicros: 2_000_000, maxWallSeconds: 60)
        let some = TicketBudgetCheck.remaining(
            budget, spentBy: spent(tokensIn: 4_000, tokensOut: 1_000, cost: 500_000, runMilliseconds: [20_000]))
        #expect(
            some.tokens == 5_000 && some.costMicros == 1_500_000 && some.wall == .seconds(40) && some.exhausted == nil)
        let all = TicketBudgetCheck.remaining(
            budget,
            spentBy: spent(tokensIn: 9_000, tokensOut: 1_000, cost: 2_100_000, runMilliseconds: [30_000, 31_000]))
        #expect(all.tokens == 0 && all.costMicros == 0 && all.wall == .zero)
        #expect(
            all.exhausted
                == "the ticket's budget is spent: tokens 10000 of 10000, cost $2.10 of $2.00, run time 61 s of 60 s")
        #expect(
            TicketBudgetCheck.remaining(
                TicketBudget(), spentBy: spent(tokensIn: 1, tokensOut: 1, cost: 1, runMilliseconds: [1])
            ).exhausted == nil)
    }

    @Test func aRunIsStoppedAtTheTicketsBudgetAndTheSpentTicketGoesToTheDeadLetterQueue() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await TicketService(store: fixture.store, actor: "test").create(
                TicketDraft(description: "Fix it", mode: .simple), budget: TicketBudget(maxWallSeconds: 1))
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    echo "partial" > "$AET_WORKTREE/partial.txt"
                    exec sleep 30
                    """)
            ]
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.count == 1)
            #expect(ticket.runs.first?.status == .timedOut)
            #expect(ticket.deadLetter?.reason.contains("the ticket's budget is spent: run time") == true)
            // The partial work was checkpointed before the ticket stopped.
            #expect(try await fixture.run(["show", "aet/T-1:partial.txt"]) == "partial")
            #expect(try await TicketBudgetCheck.budget(of: id, in: fixture.store) == TicketBudget(maxWallSeconds: 1))
        }
    }
}

@Suite("Ticket budgets: turns")
struct TicketTurnBudgetTests {
    @Test func turnsReportedByRunsCountAgainstTheBudget() {
        var state: TicketState?
        TicketReducer.apply(
            .ticketCreated(TicketCreated(ticket: TicketID(1), draft: TicketDraft(description: "x"))),
            context: EventContext(position: EventPosition(1), version: 1, recordedAt: Timestamp(microseconds: 0)),
            to: &state)
        let budget = TicketBudget(maxTurns: 50)
        let left = TicketBudgetCheck.remaining(budget, spentBy: state!, turns: 20)
        #expect(left.turns == 30 && left.exhausted == nil)
        let spent = TicketBudgetCheck.remaining(budget, spentBy: state!, turns: 50)
        #expect(spent.turns == 0 && spent.exhausted == "the ticket's budget is spent: turns 50 of 50")
    }
}
