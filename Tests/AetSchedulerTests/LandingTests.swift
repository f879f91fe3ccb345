import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetTesting
import Foundation
import Testing

/// Landing a ticket into a checked-out base branch the user keeps working in: real git, a real
/// store, agents that are shell scripts.
@Suite("Landing into the user's checkout")
struct LandingTests {
    /// A developer that sets line 8 of a.txt (an eight-line file) to "ticket".
    func lineEightDeveloper(_ fixture: SchedulerFixture) throws -> [String: String] {
        [
            "developer": try fixture.script(
                "developer.sh",
                """
                sed -i 's/^8$/ticket/' "$AET_WORKTREE/a.txt"
                echo "Changed line 8"
                """)
        ]
    }

    func eightLines(_ fixture: SchedulerFixture) async throws {
        try fixture.write("a.txt", (1...8).map(String.init).joined(separator: "\n") + "\n")
        try await fixture.run(["commit", "--quiet", "-am", "eight lines"])
    }

    @Test func uncommittedChangesElsewhereDoNotStopTheLanding() async throws {
        try await SchedulerFixture.with { fixture in
            try await eightLines(fixture)
            try fixture.write("b.txt", "b\n")
            try await fixture.run(["add", "b.txt"])
            try await fixture.run(["commit", "--quiet", "-m", "b"])
            try fixture.write("b.txt", "b\nstaged\n")
            try await fixture.run(["add", "b.txt"])
            try fixture.write("b.txt", "b\nstaged\nunstaged\n")
            try fixture.write("notes.txt", "the user's untracked notes\n")
            let statusBefore = try await fixture.run(["status", "--porcelain"])
            let id = try await fixture.create("Change line 8", mode: .simple)

            let report = try await fixture.runner(agents: try lineEightDeveloper(fixture)).run(RunnerOptions())
            #expect(report.tickets[id] == .completed)
            #expect(fixture.read("a.txt")?.hasSuffix("7\nticket\n") == true)
            #expect(fixture.read("b.txt") == "b\nstaged\nunstaged\n")
            #expect(try await fixture.run(["show", ":b.txt"]) == "b\nstaged")
            #expect(fixture.read("notes.txt") == "the user's untracked notes\n")
            #expect(try await fixture.run(["status", "--porcelain"]) == statusBefore)
        }
    }

    @Test func overlappingChangesWaitWithoutAFailureThenLandOnceReverted() async throws {
        try await SchedulerFixture.with { fixture in
            try await eightLines(fixture)
            let id = try await fixture.create("Change line 8", mode: .simple)
            try fixture.write("a.txt", "the user's unsaved edit\n")
            let runner = try fixture.runner(agents: try lineEightDeveloper(fixture))

            let report = try await runner.run(RunnerOptions())
            #expect(report.tickets[id] == nil)
            let waiting = try #require(report.waiting[id])
            #expect(waiting.contains("waiting to merge: your uncommitted changes in \(fixture.root) touch a.txt"))
            #expect(waiting.contains("aet merge \(id)"))
            var ticket = try await fixture.ticket(id)
            #expect(ticket.status == .waitingToMerge)
            #expect(ticket.deadLetter == nil && ticket.reworks == 0)
            #expect(ticket.runs.count == 1)
            #expect(ticket.stages.last?.name == .integrate && ticket.stages.last?.status == .waiting)
            let waits = try await fixture.events(id).compactMap { event -> IntegrationWaiting? in
                if case .integrationWaiting(let p) = event { p } else { nil }
            }
            #expect(waits.map(\.files) == [["a.txt"]])
            #expect(fixture.read("a.txt") == "the user's unsaved edit\n")

            // Still in the way: nothing new is recorded, no agent runs.
            let eventsBefore = try await fixture.eventTypes(id)
            let again = try await runner.run(RunnerOptions())
            #expect(again.waiting[id] != nil && again.stagesRun == 0)
            #expect(try await fixture.eventTypes(id) == eventsBefore)

            // The user reverts: the next run lands it.
            try await fixture.run(["checkout", "--", "a.txt"])
            let landed = try await runner.run(RunnerOptions())
            #expect(landed.tickets[id] == .completed && landed.stagesRun == 0)
            ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            #expect(ticket.stages.last?.status == .completed)
            #expect(try await fixture.eventTypes(id).suffix(2) == ["stage.completed", "ticket.completed"])
            #expect(fixture.read("a.txt")?.hasSuffix("7\nticket\n") == true)
            #expect(try await fixture.store.verify(maxProblems: 10).problems.isEmpty)
        }
    }

    @Test func watchKeepsTryingAWaitingTicketAndLandsItOnceTheUserCommits() async throws {
        try await SchedulerFixture.with { fixture in
            try await eightLines(fixture)
            try fixture.write("a.txt", "user\n2\n3\n4\n5\n6\n7\n8\n")
            let runner = try fixture.runner(agents: try lineEightDeveloper(fixture))
            let task = Task { try await runner.run(RunnerOptions(watch: true, pollInterval: .milliseconds(20))) }
            let id = try await fixture.create("Change line 8", mode: .simple)
            let waiting = await fixture.progress.wait { event in
                if case .ticketFinished(id, .waitingToMerge, _) = event { true } else { false }
            }
            #expect(waiting)
            try await fixture.run(["commit", "--quiet", "-am", "the user's own change"])
            let landed = await fixture.progress.wait { event in
                if case .ticketFinished(id, .completed, _) = event { true } else { false }
            }
            #expect(landed)
            task.cancel()
            let report = try await task.value
            #expect(report.tickets[id] == .completed && report.waiting[id] == nil)
            #expect(fixture.read("a.txt") == "user\n2\n3\n4\n5\n6\n7\nticket\n")
            #expect(try await fixture.ticket(id).runs.count == 1)
        }
    }

    @Test func aFullTicketWaitsAfterTheIntegratorAndLandsAsAMergeOnceTheUserCommits() async throws {
        try await SchedulerFixture.with { fixture in
            try await eightLines(fixture)
            let id = try await fixture.create("Change line 8")
            var agents = try lineEightDeveloper(fixture)
            agents["planner"] = try fixture.says("planner.sh", "Plan: change line 8")
            agents["architect"] = try fixture.says("architect.sh", "Design: sed")
            agents["reviewer"] = try fixture.reviewer(["approve"])
            agents["integrator"] = try fixture.says("integrator.sh", "Change line 8")
            let environment = try fixture.stageEnvironment(agents: agents)
            try fixture.write("a.txt", "user\n2\n3\n4\n5\n6\n7\n8\n")

            _ = try await PipelineRunner(environment: environment).run(RunnerOptions())
            let waiting = try await fixture.ticket(id)
            #expect(waiting.status == .waitingToMerge)
            #expect(waiting.runs.filter { $0.stage == .integrate }.count == 1)
            #expect(waiting.runs.allSatisfy { $0.status == .succeeded })

            // `aet merge` while still dirty: still waiting, with the reason.
            let executor = StageExecutor(environment: environment)
            guard case .waiting(_, let reason) = try await executor.land(waiting) else {
                Issue.record("expected the landing to wait")
                return
            }
            #expect(reason.contains("touch a.txt"))

            // The user commits their edit: the base moved, the landing merges both.
            try await fixture.run(["commit", "--quiet", "-am", "the user's own change"])
            guard case .landed(let state, let summary) = try await executor.land(try await fixture.ticket(id)) else {
                Issue.record("expected the landing to succeed")
                return
            }
            #expect(state.status == .completed)
            #expect(summary.hasPrefix("merged as"))
            #expect(fixture.read("a.txt") == "user\n2\n3\n4\n5\n6\n7\nticket\n")
            #expect(try await fixture.run(["status", "--porcelain"]) == "")

            // A ticket that does not wait cannot be landed.
            await #expect(throws: StageError.self) { _ = try await executor.land(state) }
        }
    }

    @Test func aDeveloperThatChangesNothingFailsIsRetriedThenDeadLettered() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            let agents = ["developer": try fixture.says("developer.sh", "I looked around and everything seems fine.")]
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.count == 3)
            #expect(
                ticket.runs.allSatisfy {
                    $0.status == .failed
                        && $0.reason
                            == "the developer changed nothing; its final message: I looked around and everything seems fine."
                })
            #expect(ticket.deadLetter?.reason.contains("the developer changed nothing") == true)
            #expect(try await fixture.run(["ls-tree", "--name-only", "main"]) == "a.txt")
        }
    }

    @Test func aDeveloperThatCommitsItsOwnWorkChangedSomething() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add hello", mode: .simple)
            let agents = try fixture.committingDeveloper()
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[id] == .completed)
            #expect(try await fixture.run(["show", "main:hello.txt"]) == "hello")
        }
    }

    @Test func aRoleThatAllowsNoChangesCompletes() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Check the greeting", mode: .simple)
            var environment = try fixture.stageEnvironment(agents: [
                "developer": try fixture.says("developer.sh", "Nothing to change.")
            ])
            environment.roles = try RoleSet(
                environment.roles.roles.map { role in
                    var role = role
                    if role.name == "developer" { role.allowNoChanges = true }
                    return role
                })
            let report = try await PipelineRunner(environment: environment).run(RunnerOptions())
            #expect(report.tickets[id] == .completed)
            #expect(try await fixture.ticket(id).runs.count == 1)
        }
    }
}
