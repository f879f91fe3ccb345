import AetCore
import AetScheduler
import Testing

@Suite("Pipeline decider")
struct PipelineDeciderTests {
    let settings = SchedulerSettings(maxRunAttempts: 3, retryBackoff: .seconds(2), maxRetryBackoff: .seconds(5))

    func ticket(mode: TicketMode = .full, dependencies: [TicketID] = [], _ events: [DomainEvent] = []) -> TicketState {
        var state: TicketState?
        let created = DomainEvent.ticketCreated(
            TicketCreated(
                ticket: TicketID(1), draft: TicketDraft(description: "do it", mode: mode, dependencies: dependencies)))
        for (index, event) in ([created] + events).enumerated() {
            TicketReducer.apply(
                event,
                context: EventContext(
                    position: EventPosition(Int64(index + 1)), version: Int64(index + 1),
                    recordedAt: Timestamp(microseconds: Int64(index))), to: &state)
        }
        return state!
    }

    func start(_ stage: StageName, run: Int = 1) -> [DomainEvent] {
        [
            .stageStarted(StageStarted(stage: stage, attempt: 1)),
            .runStarted(
                RunStarted(
                    run: RunID(ticket: TicketID(1), stage: stage, attempt: run), stage: stage, attempt: 1,
                    runtime: "command")),
        ]
    }

    func finish(_ stage: StageName, run: Int = 1, _ status: RunStatus) -> DomainEvent {
        .runFinished(
            RunFinished(
                run: RunID(ticket: TicketID(1), stage: stage, attempt: run), status: status, exitCode: nil,
                durationMilliseconds: 1, tokensIn: 0, tokensOut: 0, costMicros: nil, reason: nil))
    }

    func stageName(_ step: NextStep) -> StageName? {
        if case .run(let stage, _, _) = step { return stage.name }
        return nil
    }

    @Test func aNewTicketStartsWithTheFirstStage() {
        #expect(stageName(PipelineDecider.next(for: ticket(), dependencies: [:], settings: settings)) == .plan)
    }

    @Test func aSimpleTicketRunsOnlyTheDeveloper() {
        #expect(
            stageName(PipelineDecider.next(for: ticket(mode: .simple), dependencies: [:], settings: settings))
                == .implement)
    }

    @Test func anAutoTicketIsClassifiedFirst() {
        #expect(PipelineDecider.next(for: ticket(mode: .auto), dependencies: [:], settings: settings) == .classify)
    }

    @Test func aCompletedStageLeadsToTheNextOne() {
        let state = ticket(
            start(.plan) + [finish(.plan, .succeeded), .stageCompleted(StageCompleted(stage: .plan, summary: "plan"))])
        #expect(stageName(PipelineDecider.next(for: state, dependencies: [:], settings: settings)) == .design)
    }

    @Test func anInterruptedStageRunsAgainWithoutCountingAsAFailure() {
        let state = ticket(start(.plan) + [finish(.plan, .interrupted)])
        guard
            case .run(let stage, let retry, let delay) = PipelineDecider.next(
                for: state, dependencies: [:], settings: settings)
        else {
            Issue.record("expected a run")
            return
        }
        #expect(stage.name == .plan && retry == 0 && delay == .zero)
    }

    @Test func aFailedStageIsRetriedWithBackoffThenDeadLettered() {
        var events: [DomainEvent] = []
        var delays: [Duration] = []
        for run in 1...3 {
            events +=
                start(.plan, run: run) + [
                    finish(.plan, run: run, .failed), .stageFailed(StageFailed(stage: .plan, reason: "boom \(run)")),
                ]
            let step = PipelineDecider.next(for: ticket(events), dependencies: [:], settings: settings)
            switch step {
            case .run(_, let retry, let delay):
                #expect(retry == run)
                delays.append(delay)
            case .deadLetter(let stage, let reason, let attempts):
                #expect(run == 3 && stage == .plan && attempts == 3)
                #expect(reason.contains("boom 3"))
            default: Issue.record("unexpected \(step)")
            }
        }
        #expect(delays == [.seconds(2), .seconds(4)])
    }

    @Test func aSentBackTicketRunsTheTargetStageAgain() {
        var events: [DomainEvent] = []
        for stage in [StageName.plan, .design, .implement] {
            events +=
                start(stage) + [
                    finish(stage, .succeeded), .stageCompleted(StageCompleted(stage: stage, summary: "\(stage)")),
                ]
        }
        events +=
            start(.review) + [
                finish(.review, .succeeded),
                .stageSentBack(StageSentBack(stage: .review, target: .implement, feedback: "fix it", rework: 1)),
            ]
        let state = ticket(events)
        #expect(stageName(PipelineDecider.next(for: state, dependencies: [:], settings: settings)) == .implement)
        // After the rework, the review runs again.
        let reworked = ticket(
            events + start(.implement, run: 2) + [
                finish(.implement, run: 2, .succeeded),
                .stageCompleted(StageCompleted(stage: .implement, summary: "fixed")),
            ])
        #expect(stageName(PipelineDecider.next(for: reworked, dependencies: [:], settings: settings)) == .review)
    }

    @Test func dependenciesMustBeCompleted() {
        let state = ticket(dependencies: [TicketID(7)])
        #expect(
            PipelineDecider.next(for: state, dependencies: [TicketID(7): .running], settings: settings)
                == .waitForDependencies([TicketID(7)]))
        #expect(
            stageName(PipelineDecider.next(for: state, dependencies: [TicketID(7): .completed], settings: settings))
                == .plan)
    }

    @Test func finishedTicketsNeedNothing() {
        for event in [
            DomainEvent.ticketCancelled(TicketCancelled(reason: "x")), .ticketCompleted(TicketCompleted(summary: "x")),
            .ticketDeadLettered(TicketDeadLettered(stage: nil, reason: "x", attempts: 1)),
        ] {
            #expect(PipelineDecider.next(for: ticket([event]), dependencies: [:], settings: settings) == .none)
        }
    }

    @Test func workWaitingToMergeIsLandedWithoutARunUntilItEnds() {
        let waiting =
            start(.integrate) + [
                finish(.integrate, .succeeded),
                .integrationWaiting(
                    IntegrationWaiting(
                        stage: .integrate, files: ["a.txt"], reason: "your uncommitted changes in /r touch a.txt")),
            ]
        let state = ticket(waiting)
        #expect(state.status == .waitingToMerge)
        #expect(state.stages.last?.status == .waiting)
        #expect(state.stages.last?.note == "waiting to merge: your uncommitted changes in /r touch a.txt")
        #expect(!state.status.isTerminal && !state.status.isRetryable)
        #expect(PipelineDecider.next(for: state, dependencies: [:], settings: settings) == .merge)
        // Landed, or a conflict meanwhile sending it back: the wait is over.
        let landed = ticket(
            waiting + [
                .stageCompleted(StageCompleted(stage: .integrate, summary: "merged")),
                .ticketCompleted(TicketCompleted(summary: "merged")),
            ])
        #expect(PipelineDecider.next(for: landed, dependencies: [:], settings: settings) == .none)
        let sentBack = ticket(
            waiting + [
                .stageSentBack(StageSentBack(stage: .integrate, target: .implement, feedback: "conflict", rework: 1))
            ])
        #expect(sentBack.status == .running)
        #expect(stageName(PipelineDecider.next(for: sentBack, dependencies: [:], settings: settings)) == .implement)
    }

    @Test func aFailedSimpleRunOfAnAutoTicketIsPromoted() {
        var events: [DomainEvent] = [.ticketModeSet(TicketModeSet(mode: .simple, reason: "auto"))]
        for run in 1...3 {
            events +=
                start(.implement, run: run) + [
                    finish(.implement, run: run, .failed), .stageFailed(StageFailed(stage: .implement, reason: "no")),
                ]
        }
        let state = ticket(mode: .auto, events)
        guard
            case .promote = PipelineDecider.next(
                for: state, dependencies: [:], settings: settings, classifiedAuto: true)
        else {
            Issue.record("expected a promotion")
            return
        }
        let promoted = ticket(mode: .auto, events + [.ticketModeSet(TicketModeSet(mode: .full, reason: "promoted"))])
        #expect(promoted.mode == .full && promoted.attempt == 2 && promoted.status == .queued)
        // The full pipeline starts from its first stage, with a fresh retry budget.
        #expect(stageName(PipelineDecider.next(for: promoted, dependencies: [:], settings: settings)) == .plan)
    }
}
