import AetAgents
import AetCore
import AetScheduler
import AetWorkspace
import Foundation
import Testing

/// Every way a run can fail ends the same way: a clear reason on each failed run, retries, then the
/// dead-letter queue with that reason — and nothing in the repository lost. A runtime that cannot
/// run at all (its program missing) is not a failure: the ticket is not taken.
@Suite("Failure modes")
struct FailureModesTests {
    enum Failure: String, CaseIterable {
        case crash, timeout, setupFails
    }

    @Test(arguments: Failure.allCases)
    func aFailingRunIsRetriedThenDeadLetteredWithItsReason(failure: Failure) async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            var developer = try fixture.script(
                "developer.sh", "echo partial > \"$AET_WORKTREE/partial.txt\"\nkill -SEGV $$")
            var environment = try fixture.stageEnvironment(agents: ["developer": developer])
            let expected: String
            switch failure {
            case .crash:
                expected = "killed by signal 11"
            case .timeout:
                developer = try fixture.script(
                    "developer.sh", "echo partial > \"$AET_WORKTREE/partial.txt\"\nexec sleep 60")
                environment = try fixture.stageEnvironment(agents: ["developer": developer])
                var roles = environment.roles.roles
                if let index = roles.firstIndex(where: { $0.name == "developer" }) {
                    roles[index].timeout = .seconds(1)
                }
                environment.roles = try RoleSet(roles)
                expected = "wall-clock timeout"
            case .setupFails:
                var configuration = WorkspaceManager.Configuration()
                configuration.git.environment = fixture.environment
                configuration.setupEnvironment = fixture.environment
                configuration.setupCommand = "echo 'npm ERR! missing lockfile' >&2; exit 7"
                environment.workspaces = WorkspaceManager(repositoryRoot: fixture.root, configuration: configuration)
                expected = "the worktree could not be prepared"
            }
            let report = try await PipelineRunner(environment: environment).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.count == 3)
            #expect(
                ticket.runs.allSatisfy { $0.reason?.contains(expected) == true },
                "\(ticket.runs.map { $0.reason ?? "" })")
            #expect(ticket.deadLetter?.reason.contains(expected) == true)
            // main is untouched; partial work, where there was any, is on the ticket branch.
            #expect(try await fixture.run(["ls-tree", "--name-only", "main"]) == "a.txt")
            if failure == .crash || failure == .timeout {
                #expect(try await fixture.run(["show", "aet/T-1:partial.txt"]) == "partial")
            }
        }
    }

    @Test func aWorktreeAetCannotCheckpointGoesToTheDeadLetterQueueAtOnceWithoutNewModelCalls() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Configure things", mode: .simple)
            // An agent that writes a path git refuses (.GIT is .git to some file systems): no checkpoint
            // can be made, whatever the agent does next, so a retry would only call the model again.
            let developer = try fixture.script(
                "developer.sh", "mkdir -p \"$AET_WORKTREE/.GIT\" && echo x > \"$AET_WORKTREE/.GIT/config\"\necho done")
            let environment = try fixture.stageEnvironment(agents: ["developer": developer])
            let report = try await PipelineRunner(environment: environment).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.count == 1, "\(ticket.runs.map { $0.reason ?? "" })")
            #expect(ticket.deadLetter?.reason.contains("aet could not checkpoint the worktree") == true)
            #expect(ticket.deadLetter?.reason.contains("not retried") == true)
            #expect(try await fixture.run(["ls-tree", "--name-only", "main"]) == "a.txt")
        }
    }

    @Test func aMissingAgentProgramLeavesTheTicketQueuedAndStopsTheRunner() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            let environment = try fixture.stageEnvironment(agents: ["developer": fixture.directory + "/no-such-agent"])
            let report = try await PipelineRunner(environment: environment).run(RunnerOptions())
            let reason = try #require(report.notReady)
            #expect(reason.contains("T-1 was not started") && reason.contains("not found"), "\(reason)")
            #expect(report.tickets[id] == nil)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .queued && ticket.runs.isEmpty && ticket.stages.isEmpty)
            #expect(try await fixture.run(["branch", "--list", "aet/*"]).isEmpty)
        }
    }
}
