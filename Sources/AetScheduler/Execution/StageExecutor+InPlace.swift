public import AetAgents
public import AetCore
import AetStore
import AetWorkspace
import Logging

/// The result of ``StageExecutor/executeInPlace(_:of:directory:)`` (`aet simple`).
public struct InPlaceResult: Sendable {
    /// The ticket's state afterwards (completed or failed).
    public var ticket: TicketState
    /// The agent's outcome; nil when the run could not start.
    public var outcome: AgentOutcome?
    /// Paths the run changed (a new `git status` entry or new content), relative to the directory's
    /// repository root; agent scratch files (`.aider*`) are never among them.
    public var changedFiles: [String]
}

extension StageExecutor {
    /// Runs one stage directly in `directory` (the user's working tree): no worktree, no checkpoint
    /// commit, no retries; the ticket completes or fails with this one run. The changes stay
    /// uncommitted for the user to review: the git index is put back as it was before the run, and
    /// scratch files the agent created (`.aider*`) are removed. A developer run that changed nothing
    /// fails (unless the role sets `allowNoChanges: true`).
    /// - Parameters:
    ///   - stage: The stage (simple mode: `implement` by the developer).
    ///   - ticket: The ticket, just created.
    ///   - directory: The working tree to run in.
    /// - Returns: The final state, the outcome and the changed files.
    /// - Throws: Store errors; ``StageError`` when the ticket changed meanwhile.
    public func executeInPlace(
        _ stage: Pipeline.Stage, of ticket: TicketState, directory: String, budget: TicketBudget? = nil
    ) async throws -> InPlaceResult {
        let recorder = TicketRecorder(store: environment.store, ticket: ticket.id, actor: environment.actor)
        guard let role = environment.roles[stage.role] else {
            throw StageError("stage \(stage.name) needs the role '\(stage.role)', which is not loaded.")
        }
        let run = RunID(ticket: ticket.id, stage: stage.name, attempt: 1)
        let made = Result {
            try environment.runtimes.runtime(for: role, stage: stage, testCommand: environment.settings.testCommand)
        }
        // nil: recorded as a failed run below
        let runtimeName = (try? made.get())?.id.rawValue ?? role.effectiveRuntime.rawValue
        guard
            var (state, attempt) = try await begin(
                run, of: stage, role: role, ticket: ticket, runtime: runtimeName, recorder: recorder)
        else {
            throw StageError("\(ticket.id) was changed by another aet process meanwhile: see aet show \(ticket.id).")
        }
        let git = environment.workspaces.git
        let snapshot = await InPlaceSnapshot.take(of: directory, git: git)
        let prompt = PromptBuilder().build(
            .init(ticket: ticket, pipeline: .simple, stage: stage, worktree: directory, branch: "(your working tree)"))
        do {
            let runtime = try made.get()
            let request = AgentRunRequest(
                runID: run, ticket: ticket.id, stage: stage.name, roleName: role.name, worktree: directory,
                prompt: prompt,
                instructions: role.instructions, model: role.model, permission: role.permissionPolicy,
                allowedTools: role.tools, deniedTools: role.disallowedTools,
                limits: Self.limits(
                    role.runLimits(), within: budget.map { TicketBudgetCheck.remaining($0, spentBy: ticket) }),
                environment: environment.runEnvironment, runDirectory: environment.runsDirectory + "/" + run.rawValue)
            attempt.outcome = try await runtime.run(request) { event in
                await self.observe(event, attempt: attempt, ticket: ticket.id)
            }
        } catch {
            await restore(snapshot, git: git)
            _ = try await attempt.fail(state: &state, reason: "the run could not start: \(error)", in: environment)
            state = try await recorder.append(
                [.ticketFailed(TicketFailed(stage: stage.name, reason: "the run could not start: \(error)"))],
                expecting: nil)
            return InPlaceResult(ticket: state, outcome: nil, changedFiles: [])
        }
        await restore(snapshot, git: git)
        let changed = await snapshot?.changedFiles(git: git) ?? []
        attempt.changedFiles = changed
        guard let outcome = attempt.outcome else { throw StageError("the run of \(ticket.id) returned no outcome.") }
        if let error = RunRecord(attempt: attempt, ticket: ticket.id, runtime: runtimeName, outcome: outcome)
            .write(to: environment.runsDirectory + "/" + run.rawValue)
        {
            environment.logger.warning("could not write run.json", metadata: ["run": "\(run)", "error": "\(error)"])
        }
        if let reason = Self.nothingChanged(stage: stage, role: role, outcome: outcome, changedFiles: changed) {
            _ = try await attempt.fail(state: &state, reason: reason, in: environment)
            state = try await recorder.append(
                [.ticketFailed(TicketFailed(stage: stage.name, reason: reason))], expecting: nil)
            environment.progress(.ticketFinished(ticket: ticket.id, status: .failed, summary: reason))
        } else if outcome.status.isSuccess {
            let summary = Self.summary(of: outcome.finalText, limit: environment.settings.summaryLimit)
            let files =
                changed.isEmpty ? "no files changed" : "changed in the working tree: \(changed.joined(separator: ", "))"
            state = try await recorder.append(
                [
                    .runFinished(attempt.finished(.succeeded, reason: nil)),
                    .stageCompleted(StageCompleted(stage: stage.name, summary: summary.isEmpty ? "done" : summary)),
                    .ticketCompleted(TicketCompleted(summary: String(files.prefix(2000)))),
                ],
                expecting: nil)
            environment.progress(.ticketFinished(ticket: ticket.id, status: .completed, summary: files))
        } else {
            let reason = outcome.status.reason ?? "the run failed"
            _ = try await attempt.fail(state: &state, reason: reason, in: environment)
            state = try await recorder.append(
                [.ticketFailed(TicketFailed(stage: stage.name, reason: reason))], expecting: nil)
            environment.progress(.ticketFinished(ticket: ticket.id, status: .failed, summary: reason))
        }
        return InPlaceResult(ticket: state, outcome: outcome, changedFiles: changed)
    }

    /// Removes the agent's new scratch files and puts the user's index back (logged when it cannot).
    private func restore(_ snapshot: InPlaceSnapshot?, git: Git) async {
        do {
            if let snapshot, try await !snapshot.restore(git: git) {
                environment.logger.notice("the agent moved HEAD (it committed): the index is left as git made it")
            }
        } catch {
            environment.logger.warning("could not clean up after the run", metadata: ["error": "\(error)"])
        }
    }
}

/// A stage could not be run for a reason the user must act on.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
