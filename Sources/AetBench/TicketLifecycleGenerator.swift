public import AetCore

/// Generates realistic ticket lifecycles (the events one ticket's stream gets), reproducibly.
///
/// The mix: 65 % simple tickets (6 events), 35 % full-mode tickets through all six stages
/// (26 events), of which some are sent back by review or test once (+8) and some fail into the
/// DLQ. The average is about 13 events per ticket, as in a real log.
public struct TicketLifecycleGenerator: Sendable {
    private var random: SplitMix64
    private let pipeline = Pipeline.default

    /// Creates a generator.
    /// - Parameter seed: The seed; the same seed gives the same lifecycles.
    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The events of one ticket's life, in order.
    /// - Parameter ticket: The ticket.
    /// - Returns: The events, starting with `ticket.created`.
    public mutating func lifecycle(of ticket: TicketID) -> [DomainEvent] {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 65 { return simple(ticket) }
        return full(
            ticket, sendBack: roll >= 85 && roll < 95 ? (roll < 90 ? StageName.review : .test) : nil,
            deadLetter: roll >= 95)
    }

    private mutating func created(_ ticket: TicketID, mode: TicketMode) -> DomainEvent {
        let dependencies =
            ticket.number > 3 && Int.random(in: 0..<10, using: &random) == 0 ? [TicketID(ticket.number - 3)] : []
        let draft = TicketDraft(
            description: Self.descriptions[Int.random(in: 0..<Self.descriptions.count, using: &random)]
                + " (\(ticket))",
            mode: mode, priority: Int.random(in: 0..<3, using: &random), dependencies: dependencies, baseBranch: "main")
        return .ticketCreated(TicketCreated(ticket: ticket, draft: draft))
    }

    private mutating func simple(_ ticket: TicketID) -> [DomainEvent] {
        var events = [created(ticket, mode: .simple)]
        events += stage(ticket, .implement, attempt: 1, outcome: .passed)
        events.append(
            .ticketCompleted(TicketCompleted(summary: "merged \(Int.random(in: 1...9, using: &random)) changed files")))
        return events
    }

    private mutating func full(_ ticket: TicketID, sendBack gate: StageName?, deadLetter: Bool) -> [DomainEvent] {
        var events = [created(ticket, mode: .full)]
        var attempts: [StageName: Int] = [:]
        var index = 0
        var reworked = false
        while index < pipeline.stages.count {
            let name = pipeline.stages[index].name
            attempts[name, default: 0] += 1
            let attempt = attempts[name] ?? 1
            if deadLetter && name == .test {
                events += stage(ticket, name, attempt: attempt, outcome: .failed)
                events.append(.ticketFailed(TicketFailed(stage: name, reason: "tests failed after 3 attempts")))
                events.append(
                    .ticketDeadLettered(
                        TicketDeadLettered(stage: name, reason: "tests failed after 3 attempts", attempts: 3)))
                return events
            }
            if name == gate && !reworked {
                reworked = true
                events += stage(ticket, name, attempt: attempt, outcome: .sentBack(rework: 1))
                index = pipeline.stages.firstIndex { $0.name == .implement } ?? 0
                continue
            }
            events += stage(ticket, name, attempt: attempt, outcome: .passed)
            index += 1
        }
        events.append(.ticketCompleted(TicketCompleted(summary: "merged into main")))
        return events
    }

    private enum Outcome { case passed, failed, sentBack(rework: Int) }

    private mutating func stage(_ ticket: TicketID, _ name: StageName, attempt: Int, outcome: Outcome) -> [DomainEvent]
    {
        let run = RunID(ticket: ticket, stage: name, attempt: attempt)
        let failed: Bool = if case .failed = outcome { true } else { false }
        let tokensIn = Int64.random(in: 800...40_000, using: &random)
        let tokensOut = Int64.random(in: 100...6_000, using: &random)
        var events: [DomainEvent] = [
            .stageStarted(StageStarted(stage: name, attempt: attempt)),
            .runStarted(
                RunStarted(run: run, stage: name, attempt: attempt, runtime: name == .test ? "command" : "claude")),
            .runFinished(
                RunFinished(
                    run: run, status: failed ? .failed : .succeeded, exitCode: failed ? 1 : 0,
                    durationMilliseconds: Int64.random(in: 2_000...300_000, using: &random),
                    tokensIn: name == .test ? 0 : tokensIn,
                    tokensOut: name == .test ? 0 : tokensOut,
                    costMicros: name == .test ? nil : (tokensIn * 3 + tokensOut * 15),
                    reason: failed ? "exit status 1" : nil)),
        ]
        switch outcome {
        case .passed:
            events.append(
                .stageCompleted(
                    StageCompleted(
                        stage: name,
                        summary:
                            "\(name) done: \(Self.summaries[Int.random(in: 0..<Self.summaries.count, using: &random)])")
                ))
        case .failed:
            events.append(.stageFailed(StageFailed(stage: name, reason: "2 tests failed: testRateLimit, testBurst")))
        case .sentBack(let rework):
            events.append(
                .stageSentBack(
                    StageSentBack(
                        stage: name, target: .implement,
                        feedback: "the limiter ignores the burst setting; add a test for it", rework: rework)))
        }
        return events
    }

    private static let descriptions = [
        "add rate limiting to the API", "create a .editorconfig", "fix the flaky upload test",
        "document the configuration keys in the README", "split the parser into lexer and parser modules",
        "upgrade the logging library and remove deprecated calls", "add a --dry-run flag to the deploy command",
    ]
    private static let summaries = [
        "3 files changed", "plan with 4 sub-tasks", "approved: clear and tested", "all 212 tests pass",
        "merged fast-forward",
    ]
}
