import Testing

@testable import AetAgents

@Suite("Budgets: the usage meter, and a budget stop through the supervisor")
struct ProcessBudgetTests {
    @Test("deltas add up; cost stays unknown until a sample carries one")
    func deltas() {
        var meter = UsageMeter(limits: RunLimits())
        #expect(meter.record(UsageSample(tokens: TokenUsage(input: 10, output: 5)), cumulative: false) == .withinLimits)
        #expect(meter.costMicros == nil)
        _ = meter.record(
            UsageSample(tokens: TokenUsage(input: 1, output: 2, cacheRead: 3, cacheWrite: 4), costMicros: 700),
            cumulative: false
        )
        #expect(meter.usage == TokenUsage(input: 11, output: 7, cacheRead: 3, cacheWrite: 4))
        #expect(meter.usage.total == 25)
        #expect(meter.costMicros == 700)
    }

    @Test("cumulative session totals replace earlier samples, minus the resumed session's baseline")
    func cumulative() {
        let baseline = UsageSample(tokens: TokenUsage(input: 100, output: 50), costMicros: 10_000, turns: 3)
        var meter = UsageMeter(limits: RunLimits(), baseline: baseline)
        _ = meter.record(
            UsageSample(tokens: TokenUsage(input: 120, output: 60), costMicros: 12_000, turns: 4),
            cumulative: true
        )
        _ = meter.record(
            UsageSample(tokens: TokenUsage(input: 150, output: 80), costMicros: 15_000, turns: 5),
            cumulative: true
        )
        #expect(meter.usage == TokenUsage(input: 50, output: 30))
        #expect(meter.costMicros == 5_000)
        #expect(meter.turns == 2)
        _ = meter.record(UsageSample(tokens: TokenUsage(output: 1)), cumulative: false)
        #expect(meter.usage == TokenUsage(input: 50, output: 31), "a delta after a total adds to it")
    }

    @Test(
        "limits: tokens, then cost, then turns",
        arguments: [
            (
                RunLimits(maxTokens: 100), UsageSample(tokens: TokenUsage(input: 60, output: 41)),
                BudgetViolation.Kind.tokens
            ),
            (RunLimits(maxCostMicros: 1_000_000), UsageSample(tokens: .zero, costMicros: 1_000_001), .cost),
            (RunLimits(maxTurns: 2), UsageSample(tokens: .zero, turns: 3), .turns),
        ]
    )
    func limits(limits: RunLimits, sample: UsageSample, kind: BudgetViolation.Kind) throws {
        var meter = UsageMeter(limits: limits)
        guard case .exceeded(let violation) = meter.record(sample, cumulative: true) else {
            Issue.record("expected the \(kind) limit to be exceeded")
            return
        }
        #expect(violation.kind == kind)
        #expect(violation.status == (kind == .turns ? .maxTurns : .budgetExceeded(violation.message)))
    }

    @Test("reaching a limit exactly is within it")
    func exactLimit() {
        var meter = UsageMeter(limits: RunLimits(maxTurns: 1, maxTokens: 100, maxCostMicros: 50))
        #expect(
            meter.record(UsageSample(tokens: TokenUsage(input: 100), costMicros: 50, turns: 1), cumulative: true)
                == .withinLimits
        )
        #expect(meter.recordTurn() != .withinLimits)
    }

    @Test("violation messages name the limit")
    func messages() {
        #expect(
            BudgetViolation(kind: .cost, limit: 1_000_000, actual: 1_234_567).message
                == "cost: $1.23 spent, limit $1.00"
        )
        #expect(BudgetViolation(kind: .tokens, limit: 10, actual: 12).message == "tokens: 12 used, limit 10")
    }

    @Test("an agent over budget is stopped by the supervisor with the budget's reason")
    func budgetStop() async throws {
        try await AgentBench.with { bench in
            let script = """
                #!/bin/sh
                i=0
                while true; do i=$((i+1)); echo "usage 40"; sleep 0.05; done
                """
            try bench.writeExecutable(script, at: bench.binDirectory + "/spender")
            var meter = UsageMeter(limits: RunLimits(maxTokens: 100))
            var lines = 0
            let command = ProcessCommand(
                executable: "spender",
                environment: ["PATH": bench.searchPath],
                workingDirectory: bench.worktree
            )
            let result = try await bench.supervisor(wall: .seconds(120)).run(command) { event in
                guard case .line(let line) = event, line.text.hasPrefix("usage ") else { return .proceed }
                lines += 1
                let tokens = Int64(line.text.dropFirst(6)) ?? 0
                if case .exceeded(let violation) = meter.record(
                    UsageSample(tokens: TokenUsage(output: tokens)),
                    cumulative: false
                ) {
                    return .stop(reason: violation.message)
                }
                return .proceed
            }
            #expect(result.stopReason == .requested("tokens: 120 used, limit 100"))
            #expect(lines >= 3, "stopped at the third line (a line already in the pipe may follow)")
        }
    }
}
