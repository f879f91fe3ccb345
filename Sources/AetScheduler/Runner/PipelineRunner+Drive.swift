import AetCore
import AetStore
import AetWorkspace
import Foundation
import Logging

extension PipelineRunner {
    /// Works one ticket until it reaches a final state, must wait, or the task is cancelled.
    /// - Returns: The ticket, the status it ended in, how many stage runs were started, and why it
    ///   stopped when its runtime turned out not to be ready (the stage runs again next time).
    func drive(_ id: TicketID, options: RunnerOptions) async throws -> (TicketID, TicketStatus?, Int, String?) {
        let recorder = TicketRecorder(store: environment.store, ticket: id, actor: environment.actor)
        let executor = StageExecutor(environment: environment)
        var stages = 0
        var lastStatus: TicketStatus?
        while !Task.isCancelled {
            guard var ticket = try await environment.store.ticket(id) else { return (id, nil, stages, nil) }
            lastStatus = ticket.status
            ticket = try await closeDanglingRuns(of: ticket, recorder: recorder)
            do {
                if options.forceSimple, ticket.mode != .simple, ticket.currentStage == nil, ticket.status == .queued {
                    try await recorder.append(
                        [.ticketModeSet(TicketModeSet(mode: .simple, reason: "aet process --simple"))],
                        expecting: ticket.version)
                    continue
                }
                switch try await decide(ticket) {
                case .none, .waitForDependencies:
                    return (id, ticket.status, stages, nil)
                case .classify:
                    let (mode, reason) = ModeClassifier.classify(ticket.description)
                    try await recorder.append(
                        [.ticketModeSet(TicketModeSet(mode: mode, reason: reason))], expecting: ticket.version)
                case .promote(let reason):
                    try await recorder.append(
                        [.ticketModeSet(TicketModeSet(mode: .full, reason: reason))], expecting: ticket.version)
                    environment.progress(.ticketFinished(ticket: id, status: .queued, summary: reason))
                case .deadLetter(let stage, let reason, let attempts):
                    let state = try await recorder.append(
                        [.ticketDeadLettered(TicketDeadLettered(stage: stage, reason: reason, attempts: attempts))],
                        expecting: ticket.version)
                    environment.progress(
                        .ticketFinished(ticket: id, status: .deadLettered, summary: StageExecutor.shorten(reason, 200)))
                    return (id, state.status, stages, nil)
                case .complete:
                    let state = try await complete(ticket, recorder: recorder)
                    return (id, state.status, stages, nil)
                case .merge:
                    return (id, try await executor.land(ticket).ticket.status, stages, nil)
                case .run(let stage, let retryNumber, let delay):
                    var remaining: RemainingBudget?
                    let (budget, turns) = try await TicketBudgetCheck.budgetAndTurns(of: id, in: environment.store)
                    if let budget {
                        let left = TicketBudgetCheck.remaining(budget, spentBy: ticket, turns: turns)
                        if let reason = left.exhausted {
                            let state = try await recorder.append(
                                [
                                    .ticketDeadLettered(
                                        TicketDeadLettered(stage: stage.name, reason: reason, attempts: retryNumber))
                                ],
                                expecting: ticket.version)
                            environment.progress(.ticketFinished(ticket: id, status: .deadLettered, summary: reason))
                            return (id, state.status, stages, nil)
                        }
                        remaining = left
                    }
                    if delay > .zero {
                        environment.progress(
                            .waiting(
                                ticket: id, stage: stage.name,
                                reason: "retry \(retryNumber) of \(environment.settings.maxRunAttempts - 1)",
                                delay: delay))
                        do { try await Task.sleep(for: delay) } catch { return (id, ticket.status, stages, nil) }
                    }
                    stages += 1
                    switch try await executor.execute(stage, of: ticket, budget: remaining) {
                    case .interrupted(let state): return (id, state.status, stages, nil)
                    case .runtimeNotReady(let state, let reason): return (id, state.status, stages, reason)
                    case .recorded(let state) where state.status == .waitingToMerge:
                        return (id, state.status, stages, nil)
                    case .ticketChanged, .recorded: continue
                    }
                }
            } catch is TicketWasCancelled {
                // Cancelled while the outcome was being recorded: the run is closed as cancelled, nothing else.
                try await recorder.finishOpenRuns(.cancelled, reason: RunAttempt.cancelledReason)
            } catch let error as StoreError where error.isVersionConflict {
                continue  // someone else (aet cancel, aet retry) appended first: decide again from the new state
            }
        }
        return (id, lastStatus, stages, nil)
    }

    /// Marks runs that never finished (aet was killed) as interrupted (cancelled for a cancelled ticket), so
    /// the projection tells the truth.
    private func closeDanglingRuns(of ticket: TicketState, recorder: TicketRecorder) async throws -> TicketState {
        guard ticket.runs.contains(where: { $0.status == .running }) else { return ticket }
        if ticket.status == .cancelled {
            return try await recorder.finishOpenRuns(.cancelled, reason: RunAttempt.cancelledReason)
        }
        return try await recorder.finishOpenRuns(
            .interrupted, reason: "aet stopped before the run finished; the stage runs again")
    }

    /// Every stage passed. A pipeline without an `integrate` stage (simple mode) still merges its worktree's work,
    /// or waits to merge when the user's uncommitted changes are in the way.
    private func complete(_ ticket: TicketState, recorder: TicketRecorder) async throws -> TicketState {
        let manager = environment.workspaces
        let executor = StageExecutor(environment: environment)
        let workspace = manager.workspace(for: ticket.id, baseBranch: ticket.baseBranch)
        guard FileManager.default.fileExists(atPath: workspace.path) else {
            let state = try await recorder.append(
                [.ticketCompleted(TicketCompleted(summary: "all stages passed"))], expecting: ticket.version)
            environment.progress(.ticketFinished(ticket: ticket.id, status: .completed, summary: "all stages passed"))
            return state
        }
        let failure: String
        let integration: Result<IntegrationResult, any Error>
        do { integration = .success(try await executor.integrateLocked(ticket, subject: ticket.description)) } catch {
            integration = .failure(error)
        }
        switch integration {
        case .success(.waiting(let files, let reason)):
            return try await executor.recordWaiting(
                files: files, reason: reason, of: ticket, recorder: recorder,
                expecting: ticket.version)
        case .success(.conflict(let files, _)):
            failure =
                "merging into \(ticket.baseBranch) conflicts in \(files.joined(separator: ", ")); the branch \(workspace.branch) is kept"
        case .success(let result):
            return try await executor.recordLanded(
                result, of: ticket, stage: nil, recorder: recorder, expecting: ticket.version)
        case .failure(let error):
            failure = "integration failed: \(error)"
        }
        let state = try await recorder.append(
            [.ticketDeadLettered(TicketDeadLettered(stage: ticket.currentStage, reason: failure, attempts: 1))],
            expecting: ticket.version)
        environment.progress(.ticketFinished(ticket: ticket.id, status: .deadLettered, summary: failure))
        return state
    }
}
