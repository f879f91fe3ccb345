public import AetCore
import AetStore
import AetWorkspace
import Foundation
import Logging

/// How ``StageExecutor/land(_:)`` ended.
public enum LandingResult: Sendable, Hashable {
    /// The work is merged into the base branch and the ticket is completed; `summary` says how.
    case landed(TicketState, summary: String)
    /// The user's checkout is still in the way; nothing changed. `reason` says what to do.
    case waiting(TicketState, reason: String)
    /// The merge conflicts now (sent back to `implement`) or failed (dead-lettered); `reason` says why.
    case failed(TicketState, reason: String)

    /// The ticket's state afterwards.
    public var ticket: TicketState {
        switch self {
        case .landed(let state, _), .waiting(let state, _), .failed(let state, _): state
        }
    }
}

extension StageExecutor {
    /// Merges the ticket's branch into its base under the base branch's integration lock.
    func integrateLocked(_ ticket: TicketState, subject: String?) async throws -> IntegrationResult {
        let manager = environment.workspaces
        let workspace = manager.workspace(for: ticket.id, baseBranch: ticket.baseBranch)
        return try await manager.withIntegrationLock(baseBranch: ticket.baseBranch) {
            try await manager.integrate(workspace, summary: subject.map { Self.shorten($0, 72) })
        }
    }

    /// Records a landed merge (`before`, then `stage.completed` of `stage` and `ticket.completed`) and
    /// removes the ticket's worktree.
    func recordLanded(
        _ result: IntegrationResult, of ticket: TicketState, stage: StageName?, details: String = "",
        before: [DomainEvent] = [], elapsed: Duration = .zero, recorder: TicketRecorder, expecting version: Int64?
    ) async throws -> TicketState {
        let summary = "\(result) into \(ticket.baseBranch)"
        var events = before
        if let stage {
            events.append(
                .stageCompleted(
                    StageCompleted(stage: stage, summary: summary + (details.isEmpty ? "" : "\n\n\(details)"))))
        }
        events.append(.ticketCompleted(TicketCompleted(summary: summary)))
        let state = try await recorder.append(events, expecting: version)
        let manager = environment.workspaces
        do { try await manager.cleanup(manager.workspace(for: ticket.id, baseBranch: ticket.baseBranch)) } catch {
            environment.logger.warning(
                "the worktree was kept", metadata: ["ticket": "\(ticket.id)", "error": "\(error)"])
        }
        if let stage {
            environment.progress(.stageFinished(ticket: state.id, stage: stage, outcome: "\(result)", elapsed: elapsed))
        }
        environment.progress(.ticketFinished(ticket: state.id, status: .completed, summary: summary))
        return state
    }

    /// Records that the work waits to merge (`before`, then `integration.waiting`); appends nothing new
    /// when the ticket already waits for the same reason.
    func recordWaiting(
        files: [String], reason: String, of ticket: TicketState, before: [DomainEvent] = [],
        recorder: TicketRecorder, expecting version: Int64?
    ) async throws -> TicketState {
        let note = "waiting to merge: \(reason)"
        let unchanged =
            ticket.status == .waitingToMerge
            && ticket.stages.contains { $0.name == .integrate && $0.status == .waiting && $0.note == note }
        if unchanged && before.isEmpty { return ticket }
        var events = before
        if !unchanged {
            events.append(.integrationWaiting(IntegrationWaiting(stage: .integrate, files: files, reason: reason)))
        }
        let state = try await recorder.append(events, expecting: version)
        environment.progress(.ticketFinished(ticket: state.id, status: .waitingToMerge, summary: reason))
        return state
    }

    /// Tries to land the work of a ticket that waits to merge (``TicketStatus/waitingToMerge``), with no
    /// agent run: merged → completed; still in the way → unchanged (or the new reason recorded); a conflict
    /// with what the base branch got meanwhile → sent back to `implement` (or the DLQ, as for any conflict
    /// after the rework limit or without an `implement` stage); any other failure → the DLQ.
    /// - Parameter ticket: The ticket, waiting to merge.
    /// - Returns: How it ended.
    /// - Throws: ``StageError`` when the ticket is not waiting to merge or changed meanwhile; store errors.
    public func land(_ ticket: TicketState) async throws -> LandingResult {
        guard ticket.status == .waitingToMerge else {
            throw StageError(
                "\(ticket.id) is \(ticket.status.rawValue.replacingOccurrences(of: "_", with: " ")), not waiting to merge: only a ticket whose work waits for your checkout can be merged with aet merge."
            )
        }
        let recorder = TicketRecorder(store: environment.store, ticket: ticket.id, actor: environment.actor)
        do {
            return try await land(ticket, recorder: recorder)
        } catch let error as StoreError where error.isVersionConflict {
            throw StageError("\(ticket.id) was changed by another aet process meanwhile: see aet show \(ticket.id).")
        }
    }

    private func land(_ ticket: TicketState, recorder: TicketRecorder) async throws -> LandingResult {
        let result: IntegrationResult
        do {
            result = try await integrateLocked(ticket, subject: ticket.description)
        } catch {
            return .failed(
                try await deadLetter(ticket, reason: "integration failed: \(error)", recorder: recorder),
                reason: "integration failed: \(error)")
        }
        switch result {
        case .waiting(let files, let reason):
            let state = try await recordWaiting(
                files: files, reason: reason, of: ticket, recorder: recorder, expecting: ticket.version)
            return .waiting(state, reason: reason)
        case .conflict(let files, let details):
            let pipeline = environment.settings.pipeline(for: ticket.mode)
            let text = "merging into \(ticket.baseBranch) conflicts in \(files.joined(separator: ", "))"
            guard pipeline.stages.contains(where: { $0.name == .implement }),
                pipeline.stages.contains(where: { $0.name == .integrate }),
                ticket.reworks + 1 <= pipeline.maxReworks
            else {
                let reason = "\(text); the branch aet/\(ticket.id) is kept"
                return .failed(try await deadLetter(ticket, reason: reason, recorder: recorder), reason: reason)
            }
            let feedback = Self.conflictFeedback(files: files, details: details, base: ticket.baseBranch)
            let state = try await recorder.append(
                [
                    .stageSentBack(
                        StageSentBack(
                            stage: .integrate, target: .implement, feedback: feedback, rework: ticket.reworks + 1))
                ],
                expecting: ticket.version)
            environment.progress(
                .stageFinished(
                    ticket: ticket.id, stage: .integrate,
                    outcome: "sent back to implement: \(text)", elapsed: .zero))
            return .failed(state, reason: text)
        case .fastForwarded, .merged, .alreadyIntegrated:
            let state = try await recordLanded(
                result, of: ticket, stage: .integrate, recorder: recorder, expecting: ticket.version)
            return .landed(state, summary: "\(result) into \(ticket.baseBranch)")
        }
    }

    /// What the developer is told when the merge conflicts.
    static func conflictFeedback(files: [String], details: String, base: String) -> String {
        "Merging into \(base) conflicts in: \(files.joined(separator: ", ")). "
            + "Rework the change so that it merges cleanly with the current \(base).\n\n\(shorten(details, 2000))"
    }

    private func deadLetter(_ ticket: TicketState, reason: String, recorder: TicketRecorder) async throws -> TicketState
    {
        let state = try await recorder.append(
            [
                .ticketDeadLettered(
                    TicketDeadLettered(stage: .integrate, reason: String(reason.prefix(4000)), attempts: 1))
            ],
            expecting: ticket.version)
        environment.progress(
            .ticketFinished(ticket: ticket.id, status: .deadLettered, summary: Self.shorten(reason, 200)))
        return state
    }
}
