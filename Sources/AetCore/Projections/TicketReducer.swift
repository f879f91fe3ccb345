/// The pure reducer from a ticket stream's events to ``TicketState``.
///
/// Every projection row of a ticket is a function of that ticket's stream alone, so replaying
/// stream by stream gives the same result as replaying in global order (docs/event-store.md).
public enum TicketReducer {
    /// Applies one event.
    /// - Parameters:
    ///   - state: The state before, nil before `ticket.created`.
    ///   - event: The event.
    ///   - context: Where and when it was recorded.
    /// - Returns: The state after; nil while the ticket does not exist.
    public static func reduce(_ state: TicketState?, _ event: DomainEvent, context: EventContext) -> TicketState? {
        var state = state
        apply(event, context: context, to: &state)
        return state
    }

    /// Applies one event in place: the same as ``reduce(_:_:context:)`` without copying the state,
    /// for replaying long logs.
    /// - Parameters:
    ///   - event: The event.
    ///   - context: Where and when it was recorded.
    ///   - state: The state, nil before `ticket.created`.
    public static func apply(_ event: DomainEvent, context: EventContext, to state: inout TicketState?) {
        if state == nil {
            if case .ticketCreated(let created) = event { state = TicketState(created: created, context: context) }
            return
        }
        state?.apply(event, context: context)
    }
}

extension TicketState {
    fileprivate mutating func apply(_ event: DomainEvent, context: EventContext) {
        version = context.version
        lastPosition = context.position
        updatedAt = context.recordedAt
        let time = context.recordedAt
        switch event {
        case .ticketCreated:
            break
        case .ticketCancelled(let p):
            status = .cancelled
            lastError = p.reason
        case .ticketRetried:
            status = .queued
            attempt += 1
            lastError = nil
            deadLetter = nil
        case .stageStarted(let p):
            status = .running
            currentStage = p.stage
            updateStage(p.stage, at: time) { stage in
                stage.status = .running
                stage.attempts += 1
                stage.note = nil
            }
        case .stageCompleted(let p):
            updateStage(p.stage, at: time) { stage in
                stage.status = .completed
                stage.note = p.summary
            }
        case .stageFailed(let p):
            lastError = p.reason
            updateStage(p.stage, at: time) { stage in
                stage.status = .failed
                stage.note = p.reason
            }
        case .stageSentBack(let p):
            if status == .waitingToMerge { status = .running }  // the wait ended in a conflict: rework
            reworks = p.rework
            currentStage = p.target
            updateStage(p.stage, at: time) { stage in
                stage.status = .sentBack
                stage.note = p.feedback
            }
            if p.target != p.stage {
                updateStage(p.target, at: time) { stage in
                    stage.status = .pending
                    stage.note = p.feedback
                }
            }
        case .stageSkipped(let p):
            updateStage(p.stage, at: time) { stage in
                stage.status = .skipped
                stage.note = p.reason
            }
        case .runStarted(let p):
            status = .running
            runs.append(
                RunState(
                    id: p.run, stage: p.stage, attempt: p.attempt, runtime: p.runtime, status: .running, startedAt: time
                ))
        case .runFinished(let p):
            // Saturating: a hostile or corrupt event must never crash a replay.
            tokensIn = tokensIn.saturatingAdd(p.tokensIn)
            tokensOut = tokensOut.saturatingAdd(p.tokensOut)
            if let cost = p.costMicros { costMicros = costMicros.saturatingAdd(cost) } else { runsWithUnknownCost += 1 }
            if let index = runs.lastIndex(where: { $0.id == p.run }) {
                runs[index].status = p.status
                runs[index].finishedAt = time
                runs[index].exitCode = p.exitCode
                runs[index].durationMilliseconds = p.durationMilliseconds
                runs[index].tokensIn = p.tokensIn
                runs[index].tokensOut = p.tokensOut
                runs[index].costMicros = p.costMicros
                runs[index].reason = p.reason
            }
            // The runtime could not run: nothing is being worked, the ticket waits at its stage.
            if p.status == .notReady, status == .running { status = .queued }
        case .ticketCompleted:
            status = .completed
            lastError = nil
        case .ticketFailed(let p):
            status = .failed
            lastError = p.reason
            if let stage = p.stage { currentStage = stage }
        case .ticketDeadLettered(let p):
            status = .deadLettered
            lastError = p.reason
            deadLetter = DeadLetterEntry(
                stage: p.stage, reason: p.reason, attempts: p.attempts, deadLetteredAt: time, position: lastPosition)
        case .deadLetterRetried:
            status = .queued
            attempt += 1
            deadLetter = nil
            lastError = nil
        case .deadLetterRemoved:
            status = .failed
            deadLetter = nil
        case .securityViolation:
            securityViolations += 1
        case .integrationWaiting(let p):
            status = .waitingToMerge
            currentStage = p.stage
            updateStage(p.stage, at: time) { stage in
                stage.status = .waiting
                stage.note = "waiting to merge: \(p.reason)"
            }
        case .ticketBudgetSet:
            break  // read from the stream by the scheduler (docs/pipeline.md, "Budgets")
        case .ticketModeSet(let p):
            // A mode change after work started (a promotion) starts the new pipeline afresh.
            let restart = currentStage != nil || status == .failed || status == .deadLettered || status == .cancelled
            mode = p.mode
            if restart {
                status = .queued
                attempt += 1
                currentStage = nil
                deadLetter = nil
                lastError = nil
            }
        }
    }

    private mutating func updateStage(_ name: StageName, at time: Timestamp, _ change: (inout StageState) -> Void) {
        let index: Int
        if let existing = stages.firstIndex(where: { $0.name == name }) {
            index = existing
        } else {
            stages.append(StageState(name: name, status: .running, attempts: 0, note: nil, updatedAt: time))
            index = stages.count - 1
        }
        change(&stages[index])
        stages[index].updatedAt = time
    }
}

extension Int64 {
    /// `self + other`, clamped to the representable range instead of trapping.
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
