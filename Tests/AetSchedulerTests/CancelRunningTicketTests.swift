import AetCore
import AetScheduler
import AetStore
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// `aet cancel` of a ticket that an `aet process` is running: the cancel is appended through a second
/// connection to the same SQLite file (as the other process does), the runner's watch stops the agent,
/// and nothing but the run's `run.finished(cancelled)` is recorded after `ticket.cancelled`.
@Suite("Cancelling a running ticket")
struct CancelRunningTicketTests {
    /// A developer that writes partial work, records its pid, then prints a line every 100 ms forever.
    func endlessDeveloper(_ fixture: SchedulerFixture) throws -> String {
        try fixture.script(
            "developer.sh",
            """
            echo "half done" > "$AET_WORKTREE/partial.txt"
            echo $$ > '\(fixture.stateDirectory)/agent.pid'
            while true; do echo working; sleep 0.1; done
            """)
    }

    private enum Step { case report(RunnerReport), acted, timedOut }

    /// Runs the runner while `body` acts from a second connection; returns the runner's report once both
    /// ended. A runner still running 60 s after `body` is a failure (then it is interrupted, which stops its agent).
    func whileRunning(
        _ fixture: SchedulerFixture, agents: [String: String], options: RunnerOptions,
        _ body: @escaping @Sendable (SQLiteEventStore) async throws -> Void
    ) async throws -> RunnerReport {
        let runner = try fixture.runner(agents: agents)
        let other = try SQLiteEventStore(path: fixture.directory + "/aet.db")
        defer { try? other.close() }  // best effort: the test's directory is removed anyway
        return try await withThrowingTaskGroup(of: Step.self) { group in
            group.addTask { .report(try await runner.run(options)) }
            group.addTask {
                try await body(other)
                return .acted
            }
            var report: RunnerReport?
            var acted = false
            while let step = try await group.next() {
                switch step {
                case .report(let value):
                    report = value
                    if acted {
                        group.cancelAll()  // the watchdog
                        return value
                    }
                case .acted:
                    acted = true
                    if let report { return report }
                    group.addTask {
                        do { try await Task.sleep(for: .seconds(60)) } catch { return .acted }
                        return .timedOut
                    }
                case .timedOut:
                    Issue.record("the runner was still running 60 s after the cancel")
                    group.cancelAll()
                }
            }
            throw CancellationError()  // the runner always reports, and the body always acts
        }
    }

    func agentPID(_ fixture: SchedulerFixture) async throws -> Int32 {
        let file = fixture.stateDirectory + "/agent.pid"
        let read = { FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } }
        let started = await ProcessProbe.wait(timeout: .seconds(60)) { read()?.hasSuffix("\n") == true }
        try #require(started, "the agent never started")
        return try #require(Int32((read() ?? "").trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The events recorded after `ticket.cancelled`.
    func eventsAfterCancel(_ fixture: SchedulerFixture, _ id: TicketID) async throws -> [DomainEvent] {
        let events = try await fixture.events(id)
        let index = try #require(events.firstIndex { if case .ticketCancelled = $0 { true } else { false } })
        return Array(events[(index + 1)...])
    }

    @Test func cancelStopsTheRunningAgentAndRecordsOnlyTheCancelledRun() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Work forever", mode: .simple)
            let agents = ["developer": try endlessDeveloper(fixture)]
            let pid = Box<Int32>()
            let report = try await whileRunning(fixture, agents: agents, options: RunnerOptions(ticket: id)) { other in
                pid.value = try await agentPID(fixture)
                try await TicketService(store: other, actor: "cli:cancel").cancel(id, reason: "not needed")
            }
            #expect(report.tickets[id] == .cancelled)
            #expect(!report.interrupted)
            let agent = try #require(pid.value)
            #expect(!ProcessProbe.isRunning(agent))
            #expect(ProcessProbe.liveMembers(ofGroup: agent).isEmpty)

            let after = try await eventsAfterCancel(fixture, id)
            #expect(after.count == 1)
            guard case .runFinished(let finished)? = after.first else {
                Issue.record("\(after)")
                return
            }
            #expect(finished.status == .cancelled)
            #expect(finished.reason == "the ticket was cancelled")
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .cancelled)
            #expect(ticket.runs.map(\.status) == [.cancelled])
            #expect(try await fixture.store.verify(maxProblems: 10).problems.isEmpty)

            // The partial work is checkpointed on the ticket's branch; nothing reached main.
            #expect(try await fixture.run(["show", "aet/T-1:partial.txt"]) == "half done")
            #expect(
                try await fixture.run(["log", "--format=%s", "-1", "aet/T-1"]).hasPrefix("T-1 implement: cancelled"))
            #expect(try await fixture.run(["log", "--format=%s", "main"]) == "initial")
        }
    }

    @Test func removerTakesTheWorktreeAndBranchAfterTheAgentStoppedOrKeepsTheBranch() async throws {
        for keepBranch in [false, true] {
            try await SchedulerFixture.with { fixture in
                let id = try await fixture.create("Work forever", mode: .simple)
                try await fixture.run(["branch", "feature"])  // the user's branch: never touched
                let agents = ["developer": try endlessDeveloper(fixture)]
                let removal = Box<WorkspaceRemoval>()
                _ = try await whileRunning(fixture, agents: agents, options: RunnerOptions(ticket: id)) { other in
                    _ = try await agentPID(fixture)
                    let state = try await TicketService(store: other, actor: "cli:cancel").cancel(id)
                    // As aet cancel does: waits for the runner to let go, then removes.
                    removal.value = try await TicketWorkspaceRemover(
                        store: other, workspaces: fixture.manager(), actor: "cli:cancel"
                    )
                    .remove(state, keepBranch: keepBranch, wait: .seconds(60))
                }
                #expect(removal.value?.worktreeRemoved == true)
                #expect(removal.value?.branchRemoved == !keepBranch)
                #expect(removal.value?.branchKept == keepBranch)
                #expect(!FileManager.default.fileExists(atPath: fixture.root + "/.aet/worktrees/T-1"))
                let branches = try await fixture.run(["branch", "--list", "--format=%(refname:short)"])
                #expect(
                    branches.split(separator: "\n").sorted()
                        == (keepBranch ? ["aet/T-1", "feature", "main"] : ["feature", "main"]))
                if keepBranch { #expect(try await fixture.run(["show", "aet/T-1:partial.txt"]) == "half done") }
                // The run was recorded by the runner (before the remover got the lock), not closed by the remover.
                #expect(try await fixture.ticket(id).runs.map(\.reason) == ["the ticket was cancelled"])
            }
        }
    }

    /// The agent finishes on its own just after the cancel, before the watch looks: the outcome must
    /// not be recorded (no `stage.completed`, no merge), only the run as cancelled.
    @Test func anOutcomeArrivingAfterTheCancelIsNotRecorded() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Finish when told", mode: .simple)
            let go = fixture.stateDirectory + "/go"
            let developer = try fixture.script(
                "developer.sh",
                """
                echo $$ > '\(fixture.stateDirectory)/agent.pid'
                while [ ! -f '\(go)' ]; do sleep 0.05; done
                echo "done" > "$AET_WORKTREE/done.txt"
                echo "Finished"
                """)
            // The watch looks only once an hour: the run ends by itself.
            let options = RunnerOptions(ticket: id, cancelCheckInterval: .seconds(3600))
            let report = try await whileRunning(fixture, agents: ["developer": developer], options: options) { other in
                _ = try await agentPID(fixture)
                try await TicketService(store: other, actor: "cli:cancel").cancel(id)
                _ = FileManager.default.createFile(atPath: go, contents: Data())
            }
            #expect(report.tickets[id] == .cancelled)
            let after = try await eventsAfterCancel(fixture, id)
            #expect(after.count == 1)
            guard case .runFinished(let finished)? = after.first else {
                Issue.record("\(after)")
                return
            }
            #expect(finished.status == .cancelled)
            #expect(try await fixture.run(["log", "--format=%s", "main"]) == "initial")
        }
    }

    @Test func removerClosesRunsThatNoProcessFinishes() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Orphaned", mode: .simple)
            let run = RunID(ticket: id, stage: .implement, attempt: 1)
            let stream = StreamID.ticket(id)
            let metadata = EventMetadata(actor: "test")
            // An aet process that was killed mid-run: the run stays recorded as running, its worktree exists.
            _ = try await fixture.store.append(
                [
                    EventToAppend(.stageStarted(StageStarted(stage: .implement, attempt: 1)), metadata: metadata),
                    EventToAppend(
                        .runStarted(RunStarted(run: run, stage: .implement, attempt: 1, runtime: "command")),
                        metadata: metadata),
                ],
                to: stream, expectedVersion: .any)
            _ = try await fixture.manager().prepare(ticket: id, baseBranch: "main")
            let state = try await TicketService(store: fixture.store, actor: "cli:cancel").cancel(id)
            let removal = try await TicketWorkspaceRemover(
                store: fixture.store, workspaces: fixture.manager(), actor: "cli:cancel"
            )
            .remove(state, keepBranch: false, wait: .seconds(60))
            #expect(removal.worktreeRemoved && removal.branchRemoved && !removal.branchKept)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.map(\.status) == [.cancelled])
            #expect(try await eventsAfterCancel(fixture, id).count == 1)
        }
    }
}

/// A value set by one task and read after its task group ended.
final class Box<Value>: @unchecked Sendable {  // written once inside the group, read after it ended
    var value: Value?
}
