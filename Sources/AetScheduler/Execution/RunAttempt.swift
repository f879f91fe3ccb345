import AetAgents
import AetCore
import AetWorkspace
import Foundation
import Logging

/// One run of one stage while it is being executed: what is needed to record how it ended.
struct RunAttempt: Sendable {
    let run: RunID
    let stage: Pipeline.Stage
    let role: Role
    let started: ContinuousClock.Instant
    let recorder: TicketRecorder
    var outcome: AgentOutcome?
    var changedFiles: [String] = []
    /// When the agent spawned, set by the event observer.
    let spawned = SpawnClock()
    var runtimeReturned: ContinuousClock.Instant?
    var checkpointDone: ContinuousClock.Instant?

    /// The stage's timings, once the outcome is recorded.
    func timings(recordedAt end: ContinuousClock.Instant) -> StageTimings? {
        guard let spawn = spawned.instant, let returned = runtimeReturned, let checkpoint = checkpointDone else {
            return nil
        }
        return StageTimings(
            toSpawn: started.duration(to: spawn), agent: spawn.duration(to: returned),
            toCheckpoint: returned.duration(to: checkpoint), toRecorded: checkpoint.duration(to: end))
    }

    /// `run.finished` for this run with a status and reason, from the outcome when there is one.
    func finished(_ status: RunStatus, reason: String?) -> RunFinished {
        let usage = outcome?.usage ?? .zero
        let exitCode: Int?
        switch outcome?.exitStatus {
        case .exited(let code)?: exitCode = Int(code)
        default: exitCode = nil
        }
        // The project's test command uses no model: its cost is known to be zero.
        let cost: Int64? = role.runsProjectTestCommand ? 0 : outcome?.cost.micros
        let milliseconds = started.duration(to: .now).components
        return RunFinished(
            run: run, status: status, exitCode: exitCode,
            durationMilliseconds: milliseconds.seconds * 1000 + milliseconds.attoseconds / 1_000_000_000_000_000,
            tokensIn: usage.input.addingSaturating(usage.cacheRead).addingSaturating(usage.cacheWrite),
            tokensOut: usage.output, costMicros: outcome == nil ? (role.runsProjectTestCommand ? 0 : nil) : cost,
            reason: reason.map { String($0.prefix(4000)) }, turns: outcome?.turns)
    }

    /// Records a failed run and a failed stage.
    func fail(state: inout TicketState, reason: String, in environment: StageEnvironment) async throws -> StageResult {
        let status =
            outcome.map { $0.status.runStatus == .succeeded ? RunStatus.failed : $0.status.runStatus } ?? .failed
        state = try await recorder.append(
            [
                .runFinished(finished(status, reason: reason)),
                .stageFailed(StageFailed(stage: stage.name, reason: String(reason.prefix(4000)))),
            ],
            expecting: nil)
        environment.progress(
            .stageFinished(
                ticket: state.id, stage: stage.name, outcome: "failed: \(StageExecutor.shorten(reason, 160))",
                elapsed: started.duration(to: .now)))
        return .recorded(state)
    }

    /// Records a failure that is not the agent's (aet could not checkpoint the worktree or merge it):
    /// the run failed, the stage failed, and the ticket goes to the DLQ at once — a retry would call
    /// the model again for a result that cannot be kept.
    func deadLetter(state: inout TicketState, reason: String, in environment: StageEnvironment) async throws
        -> StageResult
    {
        let why = String("\(reason) (not the agent's failure: not retried)".prefix(4000))
        state = try await recorder.append(
            [
                .runFinished(finished(.failed, reason: why)),
                .stageFailed(StageFailed(stage: stage.name, reason: why)),
                .ticketDeadLettered(TicketDeadLettered(stage: stage.name, reason: why, attempts: 1)),
            ],
            expecting: nil)
        environment.progress(
            .ticketFinished(ticket: state.id, status: .deadLettered, summary: StageExecutor.shorten(why, 200)))
        return .recorded(state)
    }

    /// Records a run whose runtime could not run (not installed, not authenticated) as `not_ready`;
    /// the stage stays `running`, so the decider runs it again next time, not counted as a failure.
    func notReady(state: inout TicketState, reason: String, in environment: StageEnvironment) async throws
        -> StageResult
    {
        state = try await recorder.append([.runFinished(finished(.notReady, reason: reason))], expecting: nil)
        environment.progress(
            .stageFinished(
                ticket: state.id, stage: stage.name,
                outcome: "not run: \(StageExecutor.shorten(reason, 160))",
                elapsed: started.duration(to: .now)))
        return .runtimeNotReady(state, reason: "\(state.id) stopped at \(stage.name): \(reason)")
    }

    /// Records a stopped run. When its ticket was cancelled (the runner's watch stopped the agent), the
    /// partial work is checkpointed and the run recorded as cancelled, nothing else. Otherwise (Ctrl-C)
    /// it is recorded as interrupted; the stage stays `running`, so the decider runs it again next time.
    func interrupt(state: inout TicketState, in environment: StageEnvironment) async throws -> StageResult {
        if let current = try await recorder.current(), current.status == .cancelled {
            // Shielded like the appends: the task is cancelled, the checkpoint's git commands must still run.
            await Task { await checkpointPartialWork(of: current, in: environment) }.value
            state = try await recorder.appendAfterCancel([
                .runFinished(finished(.cancelled, reason: Self.cancelledReason))
            ])
            environment.progress(
                .stageFinished(
                    ticket: state.id, stage: stage.name, outcome: "cancelled: the agent was stopped",
                    elapsed: started.duration(to: .now)))
            return .interrupted(state)
        }
        state = try await recorder.append(
            [
                .runFinished(
                    finished(.interrupted, reason: "interrupted: aet was stopped; the stage runs again next time"))
            ],
            expecting: nil)
        environment.progress(
            .stageFinished(
                ticket: state.id, stage: stage.name, outcome: "interrupted",
                elapsed: started.duration(to: .now)))
        return .interrupted(state)
    }

    /// The reason of a run stopped because its ticket was cancelled.
    static let cancelledReason = "the ticket was cancelled"

    /// Commits what the stopped agent left in the worktree, so `aet cancel --keep-branch` keeps it.
    private func checkpointPartialWork(of ticket: TicketState, in environment: StageEnvironment) async {
        let workspace = environment.workspaces.workspace(for: ticket.id, baseBranch: ticket.baseBranch)
        guard FileManager.default.fileExists(atPath: workspace.path) else { return }
        do {
            _ = try await environment.workspaces.checkpoint(
                workspace, stage: stage.name, summary: "cancelled: partial work of \(run)")
        } catch {
            environment.logger.warning(
                "could not checkpoint the cancelled run's work", metadata: ["run": "\(run)", "error": "\(error)"])
        }
    }
}

extension Int64 {
    func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

/// The instant an agent spawned, written once from the event callback.
final class SpawnClock: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var value: ContinuousClock.Instant?

    var instant: ContinuousClock.Instant? { lock.withLock { value } }

    func mark() { lock.withLock { if value == nil { value = .now } } }
}
