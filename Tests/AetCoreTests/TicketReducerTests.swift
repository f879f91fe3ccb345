import AetCore
import Testing

/// The ticket's lifecycle as `TicketReducer` projects it: status, stage, attempt, reworks and errors.
@Suite struct TicketReducerTests {
    private static let run1 = RunID(ticket: TicketID(7), stage: .implement, attempt: 1)

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let events: [DomainEvent]
        let status: TicketStatus
        var currentStage: StageName? = nil
        var attempt = 1
        var reworks = 0
        var lastError: String? = nil
        var deadLettered = false
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "created", events: [], status: .queued),
        Scenario(name: "stage started", events: [Ev.stageStarted(.plan)], status: .running, currentStage: .plan),
        Scenario(name: "run started", events: [Ev.runStarted(run1, .implement)], status: .running),
        Scenario(
            name: "stage completed keeps running",
            events: [Ev.stageStarted(.plan), Ev.stageCompleted(.plan)],
            status: .running,
            currentStage: .plan
        ),
        Scenario(
            name: "stage failed records the error but not the status",
            events: [Ev.stageStarted(.test), Ev.stageFailed(.test, "3 tests failed")],
            status: .running,
            currentStage: .test,
            lastError: "3 tests failed"
        ),
        Scenario(
            name: "sent back moves to the target",
            events: [Ev.stageStarted(.review), Ev.sentBack(.review, to: .implement, "add tests", rework: 1)],
            status: .running,
            currentStage: .implement,
            reworks: 1
        ),
        Scenario(
            name: "reworks come from the event, not a count",
            events: [
                Ev.sentBack(.review, to: .implement, "a", rework: 2),
                Ev.sentBack(.test, to: .implement, "b", rework: 3),
            ],
            status: .queued,
            currentStage: .implement,
            reworks: 3
        ),
        Scenario(
            name: "completed clears the last error",
            events: [Ev.stageStarted(.test), Ev.stageFailed(.test, "flaky"), Ev.completed],
            status: .completed,
            currentStage: .test
        ),
        Scenario(
            name: "failed at a stage",
            events: [Ev.stageStarted(.plan), Ev.failed(.integrate, "merge conflict")],
            status: .failed,
            currentStage: .integrate,
            lastError: "merge conflict"
        ),
        Scenario(
            name: "failed without a stage keeps the current one",
            events: [Ev.stageStarted(.design), Ev.failed(nil, "no runtime")],
            status: .failed,
            currentStage: .design,
            lastError: "no runtime"
        ),
        Scenario(name: "cancelled", events: [Ev.cancelled("not needed")], status: .cancelled, lastError: "not needed"),
        Scenario(
            name: "cancelled then retried",
            events: [Ev.cancelled("oops"), Ev.retried],
            status: .queued,
            attempt: 2
        ),
        Scenario(
            name: "failed then retried twice",
            events: [Ev.failed(nil, "x"), Ev.retried, Ev.failed(nil, "y"), Ev.retried],
            status: .queued,
            attempt: 3
        ),
        Scenario(
            name: "dead-lettered",
            events: [Ev.stageStarted(.test), Ev.deadLettered(.test, "gave up", attempts: 3)],
            status: .deadLettered,
            currentStage: .test,
            lastError: "gave up",
            deadLettered: true
        ),
        Scenario(
            name: "dead letter retried",
            events: [Ev.deadLettered(.test, "gave up", attempts: 3), Ev.dlqRetried],
            status: .queued,
            attempt: 2
        ),
        Scenario(
            name: "dead letter removed stays failed with its error",
            events: [Ev.deadLettered(nil, "gave up", attempts: 3), Ev.dlqRemoved],
            status: .failed,
            lastError: "gave up"
        ),
        Scenario(
            name: "a security violation changes no status",
            events: [Ev.stageStarted(.implement), Ev.violation],
            status: .running,
            currentStage: .implement
        ),
    ]

    @Test("status, stage, attempt, reworks and errors follow the events", arguments: scenarios)
    func lifecycle(scenario: Scenario) throws {
        let state = try #require(Replay.state(after: scenario.events))
        #expect(state.status == scenario.status)
        #expect(state.currentStage == scenario.currentStage)
        #expect(state.attempt == scenario.attempt)
        #expect(state.reworks == scenario.reworks)
        #expect(state.lastError == scenario.lastError)
        #expect((state.deadLetter != nil) == scenario.deadLettered)
    }

    @Test("ticket.created sets every field")
    func created() throws {
        let state = try #require(Replay.state(after: []))
        #expect(state.id == TicketID(7))
        #expect(state.description == "fix the parser")
        #expect(state.mode == .full)
        #expect(state.priority == 2)
        #expect(state.dependencies == [TicketID(3), TicketID(5)])
        #expect(state.baseBranch == "develop")
        #expect(state.status == .queued)
        #expect(state.createdAt == Replay.time(0))
        #expect(state.updatedAt == Replay.time(0))
        #expect(state.version == 1)
        #expect(state.lastPosition == EventPosition(1_000))
        #expect(state.tokensIn == 0 && state.tokensOut == 0 && state.costMicros == 0 && state.runsWithUnknownCost == 0)
        #expect(state.stages.isEmpty && state.runs.isEmpty && state.deadLetter == nil && state.securityViolations == 0)
    }

    @Test("events before ticket.created give no state", arguments: EventSamples.all.dropFirst())
    func beforeCreation(event: DomainEvent) {
        #expect(TicketReducer.reduce(nil, event, context: Replay.context(0)) == nil)
        #expect(Replay.replay([event, event]) == nil)
    }

    @Test("version, last position and update time follow each event's context; creation time stays")
    func contextIsTracked() throws {
        let events = [Ev.stageStarted(.plan), Ev.violation, Ev.stageCompleted(.plan), Ev.cancelled("stop")]
        for count in 1...events.count {
            let state = try #require(Replay.state(after: Array(events.prefix(count))))
            #expect(state.version == Int64(count + 1))
            #expect(state.lastPosition == EventPosition(Int64(1_000 + count * 10)))
            #expect(state.updatedAt == Replay.time(count))
            #expect(state.createdAt == Replay.time(0))
        }
    }

    @Test("a dead-letter entry records its own event's position and time")
    func deadLetterEntry() throws {
        // created (0), stageStarted (1), deadLettered (2): position 1020, recorded at time(2)
        let state = try #require(
            Replay.state(after: [Ev.stageStarted(.test), Ev.deadLettered(.test, "gave up", attempts: 4)])
        )
        let entry = try #require(state.deadLetter)
        #expect(
            entry
                == DeadLetterEntry(
                    stage: .test,
                    reason: "gave up",
                    attempts: 4,
                    deadLetteredAt: Replay.time(2),
                    position: EventPosition(1_020)
                )
        )
    }

    @Test("leaving the dead-letter queue clears the entry", arguments: [Ev.dlqRetried, Ev.dlqRemoved])
    func leaveDeadLetterQueue(event: DomainEvent) throws {
        let state = try #require(Replay.state(after: [Ev.deadLettered(nil, "gave up", attempts: 3), event]))
        #expect(state.deadLetter == nil)
    }

    @Test("security violations are counted")
    func securityViolations() throws {
        let state = try #require(
            Replay.state(after: [Ev.violation, Ev.stageStarted(.plan), Ev.violation, Ev.violation])
        )
        #expect(state.securityViolations == 3)
    }

    @Test("a second ticket.created does not replace the ticket")
    func duplicateCreation() throws {
        let started = try #require(Replay.state(after: [Ev.stageStarted(.plan)]))
        var other = TicketCreated(
            ticket: TicketID(99),
            draft: TicketDraft(description: "something else", mode: .simple)
        )
        other.priority = -3
        let after = try #require(TicketReducer.reduce(started, .ticketCreated(other), context: Replay.context(2)))
        #expect(after.id == TicketID(7))
        #expect(after.description == "fix the parser")
        #expect(after.mode == .full)
        #expect(after.priority == 2)
        #expect(after.status == .running)
        #expect(after.currentStage == .plan)
        #expect(after.stages == started.stages)
        #expect(after.createdAt == Replay.time(0))
    }

    @Test("applying in place gives the same states as reduce")
    func applyInPlaceMatchesReduce() {
        var rng = SplitMix64(seed: 9)
        var events: [DomainEvent] = [.ticketCreated(Replay.created)]
        for _ in 0..<100 {
            var event = RandomEvents.make(
                caseIndex: Int.random(in: 1..<DomainEvent.caseCount, using: &rng),
                using: &rng
            )
            if case .runFinished(var finished) = event {
                finished.tokensIn = 1
                finished.tokensOut = 2
                finished.costMicros = finished.costMicros.map { _ in 3 }
                event = .runFinished(finished)
            }
            events.append(event)
        }
        var reduced: TicketState?
        var applied: TicketState?
        for (index, event) in events.enumerated() {
            reduced = TicketReducer.reduce(reduced, event, context: Replay.context(index))
            TicketReducer.apply(event, context: Replay.context(index), to: &applied)
            #expect(applied == reduced, "after event \(index)")
        }
        #expect(reduced?.version == 101)
    }

    @Test("reducing the same events twice gives equal states", arguments: [1, 2, 3] as [UInt64])
    func deterministic(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var events: [DomainEvent] = []
        for _ in 0..<200 {
            let caseIndex = Int.random(in: 1..<DomainEvent.caseCount, using: &rng)
            var event = RandomEvents.make(caseIndex: caseIndex, using: &rng)
            if case .runFinished(var finished) = event {
                // Realistic counts: sums of random Int64 values overflow (see TicketReducerRunTests).
                finished.tokensIn = Int64.random(in: 0...1_000_000, using: &rng)
                finished.tokensOut = Int64.random(in: 0...1_000_000, using: &rng)
                finished.costMicros = finished.costMicros.map { _ in Int64.random(in: 0...1_000_000, using: &rng) }
                event = .runFinished(finished)
            }
            events.append(event)
        }
        let first = try #require(Replay.state(after: events))
        let second = try #require(Replay.state(after: events))
        #expect(first == second)
        #expect(first.version == 201)
    }
}
