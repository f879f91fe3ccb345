import AetAgents
import AetCore
import AetWorkspace
import Logging

extension StageExecutor {
    /// Applies the stage's gate to a finished run and records the outcome.
    func judge(
        attempt: RunAttempt, outcome: AgentOutcome, summary: String, workspace: Workspace,
        state: inout TicketState, ticket: TicketState
    ) async throws -> StageResult {
        let stage = attempt.stage
        let role = attempt.role
        let elapsed = { attempt.started.duration(to: .now) }

        // The test gate: the command's status is the verdict; its output goes back to the developer.
        if role.runsProjectTestCommand {
            if outcome.status.isSuccess {
                return try await complete(
                    attempt: attempt, summary: "tests passed (\(environment.settings.testCommand ?? ""))",
                    state: &state, elapsed: elapsed())
            }
            if case .notAvailable(let reason) = outcome.status {
                return try await attempt.fail(state: &state, reason: reason, in: environment)
            }
            let tail = Self.tail(of: outcome.finalText, limit: environment.settings.feedbackLimit)
            let feedback =
                "The test command `\(environment.settings.testCommand ?? "")` failed (\(outcome.status)). The end of its output:\n\n```\n\(tail)\n```"
            return try await sendBack(
                attempt: attempt, runStatus: outcome.status.runStatus, reason: outcome.status.reason,
                feedback: feedback, state: &state, ticket: ticket)
        }

        // Any other stage: the agent must have succeeded (exit 0 and its own success flag).
        guard outcome.status.isSuccess else {
            return try await attempt.fail(
                state: &state, reason: outcome.status.reason ?? "the run failed", in: environment)
        }

        if stage.isGate {
            let verdict: Verdict
            do {
                verdict = try VerdictParser(role: role.name).parse(
                    structuredOutput: outcome.structuredOutput, finalMessage: outcome.finalText)
            } catch {
                return try await attempt.fail(state: &state, reason: "no valid verdict: \(error)", in: environment)
            }
            if verdict.isApproval {
                let reasons = verdict.reasons.isEmpty ? "" : ": " + verdict.reasons.joined(separator: "; ")
                return try await complete(
                    attempt: attempt, summary: "approved\(reasons)", state: &state, elapsed: elapsed())
            }
            let feedback =
                "The \(role.name) requested changes:\n" + verdict.reasons.map { "- \($0)" }.joined(separator: "\n")
            return try await sendBack(
                attempt: attempt, runStatus: .succeeded, reason: nil, feedback: feedback,
                state: &state, ticket: ticket)
        }

        if stage.name == .integrate {
            return try await integrate(attempt: attempt, summary: summary, state: &state, ticket: ticket)
        }
        return try await complete(
            attempt: attempt, summary: summary.isEmpty ? "done" : summary, state: &state, elapsed: elapsed())
    }

    private func complete(attempt: RunAttempt, summary: String, state: inout TicketState, elapsed: Duration)
        async throws -> StageResult
    {
        state = try await attempt.recorder.append(
            [
                .runFinished(attempt.finished(.succeeded, reason: nil)),
                .stageCompleted(StageCompleted(stage: attempt.stage.name, summary: summary)),
            ],
            expecting: nil)
        let files =
            attempt.changedFiles.isEmpty
            ? "" : " (\(attempt.changedFiles.count) file\(attempt.changedFiles.count == 1 ? "" : "s") changed)"
        environment.progress(
            .stageFinished(ticket: state.id, stage: attempt.stage.name, outcome: "completed\(files)", elapsed: elapsed))
        return .recorded(state)
    }

    /// Sends the ticket back to the gate's target, or to the DLQ when the rework limit is reached.
    private func sendBack(
        attempt: RunAttempt, runStatus: RunStatus, reason: String?, feedback: String,
        state: inout TicketState, ticket: TicketState, target explicitTarget: StageName? = nil
    ) async throws -> StageResult {
        let stage = attempt.stage
        let pipeline = environment.settings.pipeline(for: ticket.mode)
        let target =
            explicitTarget ?? stage.sendsBackTo
            ?? pipeline.stages.first(where: { $0.name == .implement })?.name
        let finished =
            RunStatus.succeeded == runStatus
            ? attempt.finished(.succeeded, reason: nil) : attempt.finished(runStatus, reason: reason)
        let rework = ticket.reworks + 1
        guard let target, rework <= pipeline.maxReworks else {
            let why =
                target == nil ? "no stage to send it back to" : "the rework limit (\(pipeline.maxReworks)) is reached"
            let dlqReason = "\(stage.name) did not pass and \(why). Last feedback:\n\(feedback)"
            state = try await attempt.recorder.append(
                [
                    .runFinished(finished),
                    .stageFailed(StageFailed(stage: stage.name, reason: String(dlqReason.prefix(4000)))),
                    .ticketDeadLettered(
                        TicketDeadLettered(stage: stage.name, reason: String(dlqReason.prefix(4000)), attempts: rework)),
                ],
                expecting: nil)
            environment.progress(
                .ticketFinished(ticket: state.id, status: .deadLettered, summary: StageExecutor.shorten(dlqReason, 160))
            )
            return .recorded(state)
        }
        state = try await attempt.recorder.append(
            [
                .runFinished(finished),
                .stageSentBack(
                    StageSentBack(
                        stage: stage.name, target: target, feedback: String(feedback.prefix(12_000)), rework: rework)),
            ],
            expecting: nil)
        environment.progress(
            .stageFinished(
                ticket: state.id, stage: stage.name,
                outcome: "sent back to \(target) (rework \(rework)): \(StageExecutor.shorten(feedback, 120))",
                elapsed: attempt.started.duration(to: .now)))
        return .recorded(state)
    }

    /// Merges the ticket branch into its base under the integration lock; a conflict goes back to implement;
    /// the user's uncommitted changes in the way make the ticket wait to merge (never a failure).
    private func integrate(
        attempt: RunAttempt, summary: String, state: inout TicketState, ticket: TicketState
    ) async throws -> StageResult {
        let subject = summary.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
        let result: IntegrationResult
        do {
            result = try await integrateLocked(ticket, subject: subject)
        } catch {
            return try await attempt.deadLetter(state: &state, reason: "integration failed: \(error)", in: environment)
        }
        switch result {
        case .conflict(let files, let details):
            let feedback = Self.conflictFeedback(files: files, details: details, base: ticket.baseBranch)
            return try await sendBack(
                attempt: attempt, runStatus: .succeeded, reason: nil, feedback: feedback,
                state: &state, ticket: ticket, target: .implement)
        case .waiting(let files, let reason):
            state = try await recordWaiting(
                files: files, reason: reason, of: state,
                before: [.runFinished(attempt.finished(.succeeded, reason: nil))],
                recorder: attempt.recorder, expecting: nil)
            return .recorded(state)
        case .fastForwarded, .merged, .alreadyIntegrated:
            state = try await recordLanded(
                result, of: ticket, stage: attempt.stage.name, details: summary,
                before: [.runFinished(attempt.finished(.succeeded, reason: nil))],
                elapsed: attempt.started.duration(to: .now), recorder: attempt.recorder, expecting: nil)
            return .recorded(state)
        }
    }

    static func tail(of text: String, limit: Int) -> String {
        text.count <= limit ? text : "…" + String(text.suffix(limit))
    }
}
