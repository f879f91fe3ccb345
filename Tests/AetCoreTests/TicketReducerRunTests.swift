import AetCore
import Testing

/// Stages and runs inside `TicketState`: attempts, notes, tokens and cost.
@Suite struct TicketReducerRunTests {
    private static let ticket = TicketID(7)
    private static let run1 = RunID(ticket: ticket, stage: .implement, attempt: 1)
    private static let run2 = RunID(ticket: ticket, stage: .implement, attempt: 2)

    @Test("a stage start counts an attempt and clears the last note")
    func stageAttempts() throws {
        let state = try #require(
            Replay.state(after: [
                Ev.stageStarted(.implement),
                Ev.stageStarted(.review),
                Ev.sentBack(.review, to: .implement, "handle nil", rework: 1),
                Ev.stageStarted(.implement, 2),
            ])
        )
        #expect(state.status == .running)
        #expect(state.currentStage == .implement)
        #expect(state.stages.map(\.name) == [.implement, .review])
        #expect(
            state.stages[0]
                == StageState(name: .implement, status: .running, attempts: 2, note: nil, updatedAt: Replay.time(4))
        )
        #expect(
            state.stages[1]
                == StageState(
                    name: .review,
                    status: .sentBack,
                    attempts: 1,
                    note: "handle nil",
                    updatedAt: Replay.time(3)
                )
        )
    }

    @Test(
        "stage outcomes set the status and note",
        arguments: [
            (Ev.stageCompleted(.plan, "3 steps"), StageStatus.completed, "3 steps"),
            (Ev.stageFailed(.plan, "no output"), .failed, "no output"),
            (Ev.skipped(.plan, "no test command"), .skipped, "no test command"),
            (Ev.sentBack(.plan, to: .plan, "again", rework: 1), .sentBack, "again"),
        ]
    )
    func stageOutcome(event: DomainEvent, status: StageStatus, note: String) throws {
        let state = try #require(Replay.state(after: [Ev.stageStarted(.plan), event]))
        #expect(
            state.stages == [
                StageState(name: .plan, status: status, attempts: 1, note: note, updatedAt: Replay.time(2))
            ]
        )
    }

    @Test("a not_ready run puts a running ticket back in the queue at its stage; a cancelled one stays cancelled")
    func notReadyRun() throws {
        let started = [Ev.stageStarted(.implement), Ev.runStarted(Self.run1, .implement)]
        let waiting = try #require(
            Replay.state(
                after: started + [Ev.runFinished(Self.run1, .notReady, exitCode: 1, cost: nil, reason: "not logged in")]
            ))
        #expect(waiting.status == .queued)
        #expect(waiting.currentStage == .implement && waiting.stages.map(\.status) == [.running])
        #expect(waiting.runs.map(\.status) == [.notReady])
        let interrupted = try #require(
            Replay.state(after: started + [Ev.runFinished(Self.run1, .interrupted, cost: nil)]))
        #expect(interrupted.status == .running, "interrupted keeps its shipped meaning")
        let cancelled = try #require(
            Replay.state(after: started + [Ev.cancelled("no"), Ev.runFinished(Self.run1, .notReady, cost: nil)]))
        #expect(cancelled.status == .cancelled)
    }

    @Test("a stage skipped before it started is listed with no attempts")
    func skippedWithoutStart() throws {
        let state = try #require(
            Replay.state(after: [Ev.stageStarted(.implement), Ev.skipped(.test, "no test command")])
        )
        #expect(state.stages.map(\.name) == [.implement, .test])
        #expect(
            state.stages[1]
                == StageState(
                    name: .test,
                    status: .skipped,
                    attempts: 0,
                    note: "no test command",
                    updatedAt: Replay.time(2)
                )
        )
        #expect(state.currentStage == .implement)
    }

    @Test("a run is recorded when it starts and completed when it finishes")
    func runLifecycle() throws {
        let started = try #require(
            Replay.state(after: [Ev.runStarted(Self.run1, .implement, attempt: 1, runtime: "command")])
        )
        #expect(
            started.runs == [
                RunState(
                    id: Self.run1,
                    stage: .implement,
                    attempt: 1,
                    runtime: "command",
                    status: .running,
                    startedAt: Replay.time(1)
                )
            ]
        )

        let finished = try #require(
            Replay.state(after: [
                Ev.runStarted(Self.run1, .implement, attempt: 1, runtime: "command"),
                Ev.runFinished(
                    Self.run1,
                    .failed,
                    exitCode: 2,
                    duration: 4_500,
                    tokensIn: 100,
                    tokensOut: 20,
                    cost: 300,
                    reason: "exit 2"
                ),
            ])
        )
        #expect(
            finished.runs == [
                RunState(
                    id: Self.run1,
                    stage: .implement,
                    attempt: 1,
                    runtime: "command",
                    status: .failed,
                    startedAt: Replay.time(1),
                    finishedAt: Replay.time(2),
                    exitCode: 2,
                    durationMilliseconds: 4_500,
                    tokensIn: 100,
                    tokensOut: 20,
                    costMicros: 300,
                    reason: "exit 2"
                )
            ]
        )
    }

    @Test("tokens and known costs are summed over runs")
    func sums() throws {
        let state = try #require(
            Replay.state(after: [
                Ev.runStarted(Self.run1, .implement),
                Ev.runFinished(Self.run1, tokensIn: 1_000, tokensOut: 200, cost: 5_000),
                Ev.runStarted(Self.run2, .implement, attempt: 2),
                Ev.runFinished(Self.run2, tokensIn: 30, tokensOut: 4, cost: 7),
            ])
        )
        #expect(state.tokensIn == 1_030)
        #expect(state.tokensOut == 204)
        #expect(state.costMicros == 5_007)
        #expect(state.runsWithUnknownCost == 0)
        #expect(state.runs.map(\.costMicros) == [5_000, 7])
    }

    @Test("an unknown cost is counted, not added as 0")
    func unknownCost() throws {
        let state = try #require(
            Replay.state(after: [
                Ev.runStarted(Self.run1, .implement),
                Ev.runFinished(Self.run1, tokensIn: 10, tokensOut: 1, cost: nil),
                Ev.runStarted(Self.run2, .implement, attempt: 2),
                Ev.runFinished(Self.run2, tokensIn: 5, tokensOut: 2, cost: 40),
            ])
        )
        #expect(state.runsWithUnknownCost == 1)
        #expect(state.costMicros == 40)
        #expect(state.tokensIn == 15)
        #expect(state.runs[0].costMicros == nil)
        #expect(state.runs[0].status == .succeeded)
        #expect(state.runs[1].costMicros == 40)
    }

    @Test("a zero cost is a known cost")
    func zeroCost() throws {
        let state = try #require(
            Replay.state(after: [Ev.runStarted(Self.run1, .implement), Ev.runFinished(Self.run1, cost: 0)])
        )
        #expect(state.runsWithUnknownCost == 0)
        #expect(state.runs[0].costMicros == 0)
    }

    @Test("a run that finishes without having started still counts its usage")
    func finishWithoutStart() throws {
        let state = try #require(Replay.state(after: [Ev.runFinished(Self.run1, tokensIn: 9, tokensOut: 3, cost: nil)]))
        #expect(state.runs.isEmpty)
        #expect(state.tokensIn == 9)
        #expect(state.tokensOut == 3)
        #expect(state.runsWithUnknownCost == 1)
        #expect(state.status == .queued)
    }

    @Test("runs stay in start order and a finish updates only its own run")
    func runOrder() throws {
        let state = try #require(
            Replay.state(after: [
                Ev.runStarted(Self.run1, .implement),
                Ev.runStarted(Self.run2, .implement, attempt: 2),
                Ev.runFinished(Self.run1, .interrupted, exitCode: nil, cost: nil),
            ])
        )
        #expect(state.runs.map(\.id) == [Self.run1, Self.run2])
        #expect(state.runs.map(\.status) == [.interrupted, .running])
        #expect(state.runs[1].finishedAt == nil)
    }

    @Test(
        "huge token counts do not crash the projection"
    )
    func tokenOverflow() throws {
        let state = try #require(
            Replay.state(after: [
                Ev.runFinished(Self.run1, tokensIn: .max, tokensOut: .max, cost: .max),
                Ev.runFinished(Self.run2, tokensIn: .max, tokensOut: 1, cost: 1),
            ])
        )
        #expect(state.tokensIn == .max)  // saturated
        #expect(state.tokensOut == .max)
        #expect(state.costMicros == .max)
    }
}
