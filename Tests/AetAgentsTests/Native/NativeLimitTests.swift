import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation
import Testing

/// A model that never answers (until cancelled), and says when it was asked.
private struct SilentModelClient: ModelClient {
    let asked: AsyncStream<Void>.Continuation

    func complete(_ conversation: ModelConversation) async throws -> ModelTurn {
        asked.yield()
        try await Task.sleep(for: .seconds(3600))  // waits for cancellation, not for time to pass
        throw CancellationError()
    }
}

@Suite("Native: turn, token, cost and time limits; cancellation")
struct NativeLimitTests {
    private static let listForever = ScriptedModel(rules: [
        .init(reply: .toolCall("list_files", arguments: [:]), uses: .repeatable)
    ])

    @Test("maxTurns stops the loop before the next model call", arguments: [NativeProvider.anthropic, .openai])
    func maxTurns(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let (outcome, server) = try await NativeScripts.run(
                Self.listForever,
                provider: provider,
                streaming: true,
                bench: bench,
                request: bench.request(limits: RunLimits(maxTurns: 2))
            )
            #expect(outcome.status == .maxTurns)
            #expect(outcome.turns == 2)
            #expect(server.requests.count == 2)
        }
    }

    @Test("maxTokens: the reply that passes the limit stops the run as budget exceeded")
    func maxTokens() async throws {
        try await NativeBench.with { bench in
            let log = AgentEventRecorder()
            let (outcome, server) = try await NativeScripts.run(
                Self.listForever,
                provider: .openai,
                streaming: false,
                bench: bench,
                request: bench.request(limits: RunLimits(maxTokens: 200)),
                log: log
            )
            #expect(outcome.status == .budgetExceeded("tokens: 240 used, limit 200"))
            #expect(outcome.usage.total == 240)
            #expect(server.requests.count == 2)
            #expect(log.toolCalls.count == 1, "the tools of the reply over budget do not run")
        }
    }

    @Test("maxCostMicros with a known price stops the run; with an unknown price it warns")
    func maxCost() async throws {
        try await NativeBench.with { bench in
            let prices = PriceTable(prices: ["scripted": .dollars(input: 100, output: 100)])
            let (outcome, _) = try await NativeScripts.run(
                Self.listForever,
                provider: .anthropic,
                streaming: true,
                bench: bench,
                request: bench.request(limits: RunLimits(maxTurns: 5, maxCostMicros: 20_000)),
                prices: prices
            )
            // 120 tokens × $100/M = 12 000 micro-dollars per turn: the second turn passes 20 000.
            #expect(outcome.status == .budgetExceeded("cost: $0.02 spent, limit $0.02"))
            #expect(outcome.cost == .computed(micros: 24_000))

            let log = AgentEventRecorder()
            let (unpriced, _) = try await NativeScripts.run(
                Self.listForever,
                provider: .anthropic,
                streaming: true,
                bench: bench,
                request: bench.request(limits: RunLimits(maxTurns: 1, maxCostMicros: 1)),
                prices: .empty,
                log: log
            )
            #expect(unpriced.status == .maxTurns)
            #expect(unpriced.cost == .unknown)
            #expect(log.warnings.contains { $0.contains("cannot be enforced") })
        }
    }

    @Test("no model reply within the idle timeout: timed out (idle); within the wall clock: timed out (wall)")
    func timeouts() async throws {
        try await NativeBench.with { bench in
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            _ = stream
            let runtime = NativeAgentRuntime(
                id: .anthropic,
                client: SilentModelClient(asked: continuation),
                defaultModel: "silent"
            )
            let idle = try await runtime.run(
                bench.request(limits: RunLimits(wallTimeout: .seconds(600), idleTimeout: .milliseconds(200))),
                events: AgentEventRecorder().record
            )
            #expect(idle.status == .timedOut(.idle))
            let wall = try await runtime.run(
                bench.request(limits: RunLimits(wallTimeout: .milliseconds(200), idleTimeout: .seconds(600))),
                events: AgentEventRecorder().record
            )
            #expect(wall.status == .timedOut(.wall))
        }
    }

    @Test("cancelling the calling task cancels the run")
    func cancellation() async throws {
        try await NativeBench.with { bench in
            let (asked, continuation) = AsyncStream<Void>.makeStream()
            let runtime = NativeAgentRuntime(
                id: .openai,
                client: SilentModelClient(asked: continuation),
                defaultModel: "silent"
            )
            let request = bench.request()
            let outcome = try await withThrowingTaskGroup(of: AgentOutcome?.self) { group in
                group.addTask { try await runtime.run(request, events: AgentEventRecorder().record) }
                for await _ in asked { break }
                group.cancelAll()
                return try await group.next() ?? nil
            }
            #expect(outcome?.status == .cancelled)
        }
    }
}
