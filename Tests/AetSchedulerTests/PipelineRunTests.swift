import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetTesting
import Foundation
import Testing

/// Whole tickets through the real pipeline: real git worktrees, a real SQLite store, agents that
/// are shell scripts run by the real `command` runtime, and a real test command.
@Suite("Pipeline runs")
struct PipelineRunTests {
    /// Agents for the default team: the developer writes hello.txt (appending on a rework).
    func team(_ fixture: SchedulerFixture, reviews: [String] = ["approve"]) throws -> [String: String] {
        [
            "planner": try fixture.says("planner.sh", "Plan:\n1. add hello.txt"),
            "architect": try fixture.says("architect.sh", "Design: one file."),
            "developer": try fixture.script(
                "developer.sh",
                """
                if [ -f "$AET_WORKTREE/hello.txt" ]; then echo "again" >> "$AET_WORKTREE/hello.txt"; else echo "hello" > "$AET_WORKTREE/hello.txt"; fi
                echo "Wrote hello.txt"
                """),
            "reviewer": try fixture.reviewer(reviews),
            "integrator": try fixture.says("integrator.sh", "Add hello.txt\n\nA greeting file."),
        ]
    }

    @Test func aFullTicketGoesThroughEveryStageWithAReworkAndIsMerged() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file")
            var settings = SchedulerSettings(retryBackoff: .zero)
            settings.testCommand = "grep -q again hello.txt"
            let runner = try fixture.runner(
                agents: try team(fixture, reviews: ["the greeting needs a second line", "approve"]), settings: settings)
            let report = try await runner.run(RunnerOptions())
            #expect(report.tickets[id] == .completed)

            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            #expect(ticket.reworks == 1)
            #expect(ticket.stages.map(\.name) == [.plan, .design, .implement, .review, .test, .integrate])
            #expect(ticket.stages.allSatisfy { $0.status == .completed })
            #expect(
                ticket.runs.map(\.stage) == [
                    .plan, .design, .implement, .review, .implement, .review, .test, .integrate,
                ])
            #expect(ticket.runs.allSatisfy { $0.status == .succeeded })
            #expect(ticket.runsWithUnknownCost == 7)  // the test command's cost is known (0); the scripts' is not

            let types = try await fixture.eventTypes(id)
            #expect(types.filter { $0 == "stage.sent_back" }.count == 1)
            #expect(types.last == "ticket.completed")

            // The work is on main, the checkout is up to date only where aet may touch it, the worktree is gone.
            #expect(try await fixture.run(["show", "main:hello.txt"]) == "hello\nagain")
            #expect(try await fixture.run(["log", "--format=%s", "main"]).contains("T-1 implement: Wrote hello.txt"))
            #expect(!FileManager.default.fileExists(atPath: fixture.root + "/.aet/worktrees/T-1"))
            let verification = try await fixture.store.verify(maxProblems: 10)
            #expect(verification.problems.isEmpty)
            #expect(
                fixture.progress.all.contains { if case .ticketFinished(_, .completed, _) = $0 { true } else { false } }
            )

            // Each run's audit record: command line, files changed, final message, artifacts.
            let data = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/runs/T-1.implement.1/run.json"))
            let record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(record["changedFiles"] as? [String] == ["hello.txt"])
            #expect((record["commandLine"] as? String)?.contains("developer.sh") == true)
            #expect((record["finalMessage"] as? String)?.contains("Wrote hello.txt") == true)
            #expect(record["costSource"] as? String == "unknown")
            #expect((record["artifacts"] as? [String: String])?["stdout"] != nil)
        }
    }

    @Test func theTestGateSendsFailingOutputBackToTheDeveloper() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file")
            var settings = SchedulerSettings(retryBackoff: .zero)
            settings.testCommand = "echo 'FAILED: expected a second line' >&2; grep -q again hello.txt"
            let runner = try fixture.runner(agents: try team(fixture), settings: settings)
            _ = try await runner.run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            let sentBack = try await fixture.events(id).compactMap { event -> StageSentBack? in
                if case .stageSentBack(let p) = event { return p } else { return nil }
            }
            #expect(sentBack.count == 1)
            #expect(sentBack.first?.stage == .test && sentBack.first?.target == .implement)
            #expect(sentBack.first?.feedback.contains("FAILED: expected a second line") == true)
            // The developer's second prompt carried the failing output.
            let prompt = try String(
                contentsOfFile: fixture.directory + "/runs/T-1.implement.2/prompt.md", encoding: .utf8)
            #expect(prompt.contains("FAILED: expected a second line"))
        }
    }

    @Test func withoutATestCommandTheTestStageIsSkippedWithTheReason() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file")
            _ = try await fixture.runner(agents: try team(fixture)).run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            let test = try #require(ticket.stages.first { $0.name == .test })
            #expect(test.status == .skipped)
            #expect(test.note?.contains("no test command") == true)
        }
    }

    @Test func aFailingAgentIsRetriedThenDeadLetteredAndItsPartialWorkKept() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file", mode: .simple)
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    echo "partial" > "$AET_WORKTREE/partial.txt"
                    echo "I give up" >&2
                    exit 3
                    """)
            ]
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            #expect(ticket.runs.count == 3)
            #expect(ticket.runs.allSatisfy { $0.status == .failed && $0.exitCode == 3 })
            #expect(ticket.deadLetter?.reason.contains("exited with code 3") == true)
            // Nothing lost: the partial work is committed on the ticket branch, main is untouched.
            #expect(try await fixture.run(["show", "aet/T-1:partial.txt"]) == "partial")
            #expect(try await fixture.run(["ls-tree", "--name-only", "main"]) == "a.txt")
        }
    }

    @Test func aMissingOrInvalidVerdictIsAFailedRunNeverAnApproval() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file")
            var agents = try team(fixture)
            agents["reviewer"] = try fixture.says(
                "reviewer.sh", "Looks good to me!\n```json\n{\"verdict\": \"maybe\"}\n```")
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[id] == .deadLettered)
            let ticket = try await fixture.ticket(id)
            let reviews = ticket.runs.filter { $0.stage == .review }
            #expect(reviews.count == 3 && reviews.allSatisfy { $0.status == .failed })
            #expect(reviews.first?.reason?.contains("verdict") == true)
            #expect(try await fixture.run(["ls-tree", "--name-only", "main"]) == "a.txt")
        }
    }

    @Test func theReworkLimitSendsATicketToTheDeadLetterQueue() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Add a greeting file")
            var settings = SchedulerSettings(retryBackoff: .zero)
            settings.pipeline.maxReworks = 1
            let runner = try fixture.runner(agents: try team(fixture, reviews: ["not yet"]), settings: settings)
            _ = try await runner.run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .deadLettered)
            #expect(ticket.deadLetter?.reason.contains("rework limit (1)") == true)
            #expect(ticket.deadLetter?.reason.contains("not yet") == true)
        }
    }

    @Test func aSimpleTicketRunsTheDeveloperInAWorktreeAndMergesIt() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            _ = try await fixture.runner(agents: try team(fixture)).run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            #expect(ticket.runs.map(\.stage) == [.implement])
            #expect(try await fixture.run(["show", "main:hello.txt"]) == "hello")
        }
    }

    @Test func anAutoTicketIsClassifiedAndAFailedSimpleRunIsPromotedToFull() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .auto)
            var agents = try team(fixture)
            // The developer fails while no plan exists (simple mode), and succeeds in the full pipeline.
            agents["developer"] = try fixture.script(
                "developer.sh",
                """
                grep -q "Plan:" "$AET_PROMPT_FILE" || { echo "need a plan" >&2; exit 1; }
                echo "hello" > "$AET_WORKTREE/hello.txt"
                echo "Wrote hello.txt"
                """)
            _ = try await fixture.runner(agents: agents).run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(
                ticket.status == .completed,
                "\(ticket.lastError ?? "") \(ticket.runs.map { "\($0.stage):\($0.status):\($0.reason ?? "")" })")
            #expect(ticket.mode == .full)
            let modes = try await fixture.events(id).compactMap { event -> TicketModeSet? in
                if case .ticketModeSet(let p) = event { return p } else { return nil }
            }
            #expect(modes.map(\.mode) == [.simple, .full])
            #expect(modes.last?.reason.contains("promoted") == true)
            #expect(try await fixture.run(["show", "main:hello.txt"]) == "hello")
        }
    }

    @Test func dependenciesRunFirstAndPriorityOrdersTheRest() async throws {
        try await SchedulerFixture.with { fixture in
            let first = try await fixture.create("Fix the greeting", mode: .simple)
            let second = try await fixture.create("Fix it again", mode: .simple, dependencies: [first])
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    echo "$AET_TICKET" >> "$AET_WORKTREE/order.txt"
                    echo done
                    """)
            ]
            let report = try await fixture.runner(agents: agents).run(RunnerOptions())
            #expect(report.tickets[first] == .completed && report.tickets[second] == .completed)
            #expect(try await fixture.run(["show", "main:order.txt"]) == "T-1\nT-2")
        }
    }

    @Test func stoppingTheRunnerInterruptsTheRunAndTheNextRunnerFinishesIt() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            let marker = fixture.stateDirectory + "/slow-once"
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    if [ ! -f '\(marker)' ]; then touch '\(marker)'; exec sleep 600; fi
                    echo "hello" > "$AET_WORKTREE/hello.txt"
                    echo done
                    """)
            ]
            let runner = try fixture.runner(agents: agents)
            let task = Task { try await runner.run(RunnerOptions()) }
            let started = await fixture.progress.wait { event in
                if case .stageStarted(_, .implement, _, _) = event { true } else { false }
            }
            #expect(started)
            // The agent is running once its marker exists.
            for _ in 0..<600 where !FileManager.default.fileExists(atPath: marker) {
                try await Task.sleep(for: .milliseconds(50))
            }
            task.cancel()
            let report = try await task.value
            #expect(report.interrupted)
            var ticket = try await fixture.ticket(id)
            #expect(ticket.runs.map(\.status) == [.interrupted])
            #expect(ticket.status == .running)

            _ = try await fixture.runner(agents: agents).run(RunnerOptions())
            ticket = try await fixture.ticket(id)
            #expect(ticket.status == .completed)
            #expect(ticket.runs.map(\.status) == [.interrupted, .succeeded])
        }
    }

    @Test func anIntegrationConflictGoesBackToTheDeveloperThenToTheDeadLetterQueue() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Change a.txt")
            var agents = try team(fixture)
            agents["developer"] = try fixture.script(
                "developer.sh",
                """
                echo "ticket version" > "$AET_WORKTREE/a.txt"
                echo "changed a.txt"
                """)
            // main moves on while the ticket is in review: the same line changes differently.
            agents["reviewer"] = try fixture.script(
                "reviewer.sh",
                """
                cd '\(fixture.root)'
                if ! grep -q "main version" a.txt; then echo "main version" > a.txt; git -c user.name=u -c user.email=u@x commit -qam "main moves"; fi
                printf 'ok\\n```json\\n{"verdict": "approve", "reasons": []}\\n```\\n'
                """)
            var settings = SchedulerSettings(retryBackoff: .zero)
            settings.pipeline.maxReworks = 1
            _ = try await fixture.runner(agents: agents, settings: settings).run(RunnerOptions())
            let ticket = try await fixture.ticket(id)
            #expect(ticket.status == .deadLettered)
            let sentBack = try await fixture.events(id).compactMap { event -> StageSentBack? in
                if case .stageSentBack(let p) = event { return p } else { return nil }
            }
            #expect(sentBack.first?.stage == .integrate && sentBack.first?.target == .implement)
            #expect(sentBack.first?.feedback.contains("a.txt") == true)
            #expect(try await fixture.run(["show", "main:a.txt"]) == "main version")
            #expect(try await fixture.run(["show", "aet/T-1:a.txt"]) == "ticket version")
        }
    }

    @Test func simpleInPlaceChangesExactlyWhatTheAgentWrote() async throws {
        try await SchedulerFixture.with { fixture in
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            let agents = [
                "developer": try fixture.script(
                    "developer.sh",
                    """
                    echo "hello" > "$AET_WORKTREE/hello.txt"
                    echo "two" >> "$AET_WORKTREE/a.txt"
                    echo "Wrote hello.txt and extended a.txt"
                    """)
            ]
            let executor = StageExecutor(environment: try fixture.stageEnvironment(agents: agents))
            let result = try await executor.executeInPlace(
                Pipeline.simple.stages[0], of: try await fixture.ticket(id), directory: fixture.root)
            #expect(result.ticket.status == .completed)
            #expect(result.changedFiles == ["a.txt", "hello.txt"])
            #expect(fixture.read("hello.txt") == "hello\n")
            #expect(fixture.read("a.txt") == "one\ntwo\n")
            // Nothing committed: the changes are the user's to review.
            #expect(try await fixture.run(["rev-list", "--count", "HEAD"]) == "1")
        }
    }

    @Test func watchPicksUpTicketsCreatedWhileItRunsUntilCancelled() async throws {
        try await SchedulerFixture.with { fixture in
            let agents = [
                "developer": try fixture.script(
                    "developer.sh", "echo \"$AET_TICKET\" > \"$AET_WORKTREE/$AET_TICKET.txt\"\necho done")
            ]
            let runner = try fixture.runner(agents: agents)
            let task = Task { try await runner.run(RunnerOptions(watch: true, pollInterval: .milliseconds(20))) }
            let id = try await fixture.create("Fix the greeting", mode: .simple)
            let finished = await fixture.progress.wait { event in
                if case .ticketFinished(id, .completed, _) = event { true } else { false }
            }
            #expect(finished)
            task.cancel()
            let report = try await task.value
            #expect(report.interrupted)
            #expect(report.tickets[id] == .completed)
            #expect(try await fixture.run(["show", "main:T-1.txt"]) == "T-1")
        }
    }
}
