public import AetAgents
public import AetCore
import AetStore
import AetWorkspace
import Foundation
import Logging

/// Runs one stage of one ticket (docs/pipeline.md, "Data flow of one stage"):
///
/// 1. builds the prompt (ticket, earlier stages' output, a gate's feedback, the diff for gates);
/// 2. appends `stage.started` + `run.started` (only if the ticket is still at the version it was decided at);
/// 3. prepares the ticket's worktree (`aet/T-n`, setup command on first use);
/// 4. runs the role's runtime in it, recording security refusals as they happen;
/// 5. checkpoints the worktree (`T-n stage: summary`);
/// 6. applies the stage's gate (reviewer verdict, test command status, integration);
/// 7. appends `run.finished` and the stage's outcome (`completed`, `sent_back`, `failed`, `skipped`)
///    and, at the end, `ticket.completed` or `ticket.dead_lettered`.
public struct StageExecutor: Sendable {
    public let environment: StageEnvironment

    public init(environment: StageEnvironment) { self.environment = environment }

    /// Runs `stage` for `ticket`.
    /// - Parameters:
    ///   - stage: The stage to run.
    ///   - ticket: The ticket's state the decision was made from.
    /// - Returns: How it ended.
    /// - Throws: Store errors (the ticket's events could not be recorded).
    public func execute(_ stage: Pipeline.Stage, of ticket: TicketState, budget: RemainingBudget? = nil) async throws
        -> StageResult
    {
        let settings = environment.settings
        let recorder = TicketRecorder(store: environment.store, ticket: ticket.id, actor: environment.actor)
        guard let role = environment.roles[stage.role] else {
            throw StageError("stage \(stage.name) needs the role '\(stage.role)', which is not loaded.")
        }
        if role.runsProjectTestCommand, settings.testCommand == nil {
            let reason =
                "no test command: none configured (test_command in .aet/config.yaml, or aet init --test-command CMD) and none detected"
            do {
                let state = try await recorder.append(
                    [
                        .stageStarted(StageStarted(stage: stage.name, attempt: ticket.attempt)),
                        .stageSkipped(StageSkipped(stage: stage.name, reason: reason)),
                    ],
                    expecting: ticket.version)
                environment.progress(.stageSkipped(ticket: ticket.id, stage: stage.name, reason: reason))
                return .recorded(state)
            } catch let error as StoreError where error.isVersionConflict {
                return .ticketChanged
            }
        }

        let workspace = environment.workspaces.workspace(for: ticket.id, baseBranch: ticket.baseBranch)
        let runNumber = ticket.runs.filter { $0.stage == stage.name }.count + 1
        let run = RunID(ticket: ticket.id, stage: stage.name, attempt: runNumber)
        // Made before the run is recorded, so the record names the runtime really used; a failure to
        // make one is recorded as a failed run below.
        let made = Result {
            try environment.runtimes.runtime(for: role, stage: stage, testCommand: settings.testCommand)
        }
        let runtimeName =
            role.runsProjectTestCommand
            // nil: recorded below
            ? "command (test_command)" : ((try? made.get())?.id.rawValue ?? role.effectiveRuntime.rawValue)
        let isReviewGate = stage.isGate && !role.runsProjectTestCommand
        let isIntegration = stage.name == .integrate

        // The diff is read before the stage starts; the worktree may not exist yet on a first stage.
        var diff: String?
        if isReviewGate || isIntegration {
            diff = await Self.diff(of: workspace, manager: environment.workspaces, limit: 60_000)
        }
        let prompt = PromptBuilder().build(
            .init(
                ticket: ticket, pipeline: settings.pipeline(for: ticket.mode), stage: stage, worktree: workspace.path,
                branch: workspace.branch, diff: diff,
                expectsVerdict: isReviewGate))

        guard
            var (state, attempt) = try await begin(
                run, of: stage, role: role, ticket: ticket, runtime: runtimeName, recorder: recorder)
        else { return .ticketChanged }

        // 3. The worktree, and where it stood when the stage started.
        let prepared: Workspace
        let start: CommitID
        do {
            prepared = try await environment.workspaces.prepare(ticket: ticket.id, baseBranch: ticket.baseBranch)
            start = try await environment.workspaces.head(of: prepared)
        } catch {
            return try await attempt.fail(
                state: &state, reason: "the worktree could not be prepared: \(error)", in: environment)
        }

        // 4. The agent.
        var outcome: AgentOutcome
        do {
            let runtime = try made.get()
            let request = makeRequest(
                run: run, ticket: ticket, stage: stage, role: role, worktree: prepared.path, prompt: prompt,
                budget: budget)
            outcome = try await runtime.run(request) { event in
                await self.observe(event, attempt: attempt, ticket: ticket.id)
            }
        } catch {
            if Task.isCancelled { return try await attempt.interrupt(state: &state, in: environment) }
            return try await attempt.fail(state: &state, reason: "the run could not start: \(error)", in: environment)
        }
        outcome.cost = Self.cost(of: outcome, model: role.model)
        attempt.outcome = outcome
        attempt.runtimeReturned = .now
        if case .cancelled = outcome.status { return try await attempt.interrupt(state: &state, in: environment) }
        if Task.isCancelled { return try await attempt.interrupt(state: &state, in: environment) }
        if outcome.status.isRuntimeNotReady, !role.runsProjectTestCommand {
            return try await attempt.notReady(
                state: &state, reason: outcome.status.reason ?? "the runtime is not ready",
                in: environment)
        }

        // 5. The checkpoint (also after a failed run: partial work is never lost).
        let summary = Self.summary(of: outcome.finalText, limit: settings.summaryLimit)
        do {
            let checkpoint = try await environment.workspaces.checkpoint(
                prepared, stage: stage.name, summary: summary.isEmpty ? "\(outcome.status)" : summary)
            // Relative to the stage's start: an agent that committed its own work changed files too.
            attempt.changedFiles = try await environment.workspaces.changedPaths(from: start, to: checkpoint.head)
            attempt.checkpointDone = .now
        } catch {
            return try await attempt.deadLetter(
                state: &state, reason: "aet could not checkpoint the worktree: \(error)", in: environment)
        }

        if let error = RunRecord(attempt: attempt, ticket: ticket.id, runtime: runtimeName, outcome: outcome)
            .write(to: environment.runsDirectory + "/" + run.rawValue)
        {
            environment.logger.warning("could not write run.json", metadata: ["run": "\(run)", "error": "\(error)"])
        }

        if let reason = Self.nothingChanged(
            stage: stage, role: role, outcome: outcome, changedFiles: attempt.changedFiles)
        {
            return try await attempt.fail(state: &state, reason: reason, in: environment)
        }

        // 6–7. The gate and the outcome.
        let result = try await judge(
            attempt: attempt, outcome: outcome, summary: summary, workspace: prepared,
            state: &state, ticket: ticket)
        if let timings = attempt.timings(recordedAt: .now) {
            environment.progress(.timings(ticket: ticket.id, stage: stage.name, timings))
        }
        return result
    }

    /// Appends `stage.started` + `run.started` at the version the decision was made from, reports the
    /// start, and returns the new state with the run's record; nil when the ticket changed meanwhile.
    func begin(
        _ run: RunID, of stage: Pipeline.Stage, role: Role, ticket: TicketState, runtime: String,
        recorder: TicketRecorder
    ) async throws -> (TicketState, RunAttempt)? {
        let state: TicketState
        do {
            state = try await recorder.append(
                [
                    .stageStarted(StageStarted(stage: stage.name, attempt: ticket.attempt)),
                    .runStarted(RunStarted(run: run, stage: stage.name, attempt: ticket.attempt, runtime: runtime)),
                ],
                expecting: ticket.version)
        } catch let error as StoreError where error.isVersionConflict {
            return nil
        }
        environment.progress(.stageStarted(ticket: ticket.id, stage: stage.name, runtime: runtime, run: run))
        return (state, RunAttempt(run: run, stage: stage, role: role, started: .now, recorder: recorder))
    }

    private func makeRequest(
        run: RunID, ticket: TicketState, stage: Pipeline.Stage, role: Role, worktree: String, prompt: String,
        budget: RemainingBudget?
    ) -> AgentRunRequest {
        let limits = Self.limits(role.runLimits(), within: budget)
        return AgentRunRequest(
            runID: run, ticket: ticket.id, stage: stage.name, roleName: role.name, worktree: worktree,
            prompt: prompt, instructions: role.instructions, model: role.model, permission: role.permissionPolicy,
            allowedTools: role.tools, deniedTools: role.disallowedTools,
            outputSchema: stage.isGate && !role.runsProjectTestCommand ? Verdict.jsonSchema : nil,
            limits: limits, environment: environment.runEnvironment,
            runDirectory: environment.runsDirectory + "/" + run.rawValue)
    }

    /// Turns agent events into progress lines and security records.
    func observe(_ event: AgentEvent, attempt: RunAttempt, ticket: TicketID) async {
        let elapsed = attempt.started.duration(to: .now)
        let line: String?
        switch event {
        case .started:
            attempt.spawned.mark()
            line = nil
        case .toolCall(let call): line = "\(call.name) \(Self.shorten(call.inputJSON, 80))"
        case .fileChanged(let path, let kind): line = "\(kind.rawValue) \(path)"
        case .commandRan(let command, let code):
            line = "ran \(Self.shorten(command, 60))\(code.map { " → \($0)" } ?? "")"
        case .warning(let text): line = "warning: \(Self.shorten(text, 100))"
        case .securityViolation(let refusal):
            line = "refused \(refusal.operation) '\(refusal.subject)': \(refusal.reason)"
            let payload = SecurityViolation(
                operation: refusal.operation, subject: refusal.subject,
                reason: refusal.reason, run: attempt.run)
            do { try await attempt.recorder.append([.securityViolation(payload)], expecting: nil) } catch {
                environment.logger.error("could not record a security violation", metadata: ["error": "\(error)"])
            }
        default: line = nil
        }
        if let line {
            environment.progress(.activity(ticket: ticket, stage: attempt.stage.name, text: line, elapsed: elapsed))
        }
    }

    /// Why a successful `implement` run that changed no file is a failure, or nil when it is not one
    /// (another stage, a failed run, files changed, or a role with `allowNoChanges: true`).
    static func nothingChanged(stage: Pipeline.Stage, role: Role, outcome: AgentOutcome, changedFiles: [String])
        -> String?
    {
        guard stage.name == .implement, !role.allowNoChanges, outcome.status.isSuccess, changedFiles.isEmpty else {
            return nil
        }
        let message = outcome.finalText.trimmingCharacters(in: .whitespacesAndNewlines)
        return "the developer changed nothing"
            + (message.isEmpty ? " (the agent gave no final message)" : "; its final message: \(shorten(message, 400))")
    }

    /// The run's cost: as the runtime reported or computed it; else, when it reported tokens and the
    /// role names a model of the price table (e.g. Codex, which reports no cost), computed here; else unknown.
    public static func cost(of outcome: AgentOutcome, model: String?, prices: PriceTable = .standard) -> Cost {
        guard outcome.cost.micros == nil, outcome.usageReported, let model else { return outcome.cost }
        return prices.cost(for: outcome.usage, model: model)
    }

    /// A role's run limits, lowered to what is left of the ticket's budget.
    static func limits(_ role: RunLimits, within budget: RemainingBudget?) -> RunLimits {
        var limits = role
        guard let budget else { return limits }
        if let tokens = budget.tokens { limits.maxTokens = min(limits.maxTokens ?? .max, tokens) }
        if let cost = budget.costMicros { limits.maxCostMicros = min(limits.maxCostMicros ?? .max, cost) }
        if let turns = budget.turns { limits.maxTurns = min(limits.maxTurns ?? .max, max(1, turns)) }
        if let wall = budget.wall {
            limits.wallTimeout = min(limits.wallTimeout, wall)
            limits.idleTimeout = min(limits.idleTimeout, limits.wallTimeout)
        }
        return limits
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    /// The final message, trimmed and capped, as a stage summary.
    static func summary(of text: String, limit: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count > limit else { return trimmed }
        return String(trimmed.prefix(limit)) + "\n… (cut at \(limit) characters; the full text is in the run's log)"
    }

    /// `git diff <base>` of the ticket branch, capped; empty when the worktree does not exist yet.
    static func diff(of workspace: Workspace, manager: WorkspaceManager, limit: Int) async -> String {
        guard FileManager.default.fileExists(atPath: workspace.path) else { return "" }
        do {
            let output = try await manager.git.run(
                ["diff", "--no-ext-diff", "--no-color", workspace.baseBranch, "--"], in: workspace.path)
            let text = output.standardOutput
            return text.count <= limit ? text : String(text.prefix(limit)) + "\n… (diff cut at \(limit) characters)"
        } catch {
            return "(the diff could not be read: \(error))"
        }
    }
}
