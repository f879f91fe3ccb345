import AetCore
import AetStore
import Foundation
import Testing

@Suite struct DLQCommandTests {
    /// A project with T-1 queued and T-2 in the dead-letter queue.
    private func withDeadLetter(_ body: (TestRepository) async throws -> Void) async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["healthy ticket", "flaky ticket"])
            try await Histories.append(Histories.deadLettered, to: TicketID(2), in: repo.openStore())
            try await body(repo)
        }
    }

    @Test func listShowsDeadLetteredTickets() async throws {
        try await withDeadLetter { repo in
            let result = await repo.run("dlq", "list")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(
                result.lines == [
                    "TICKET  STAGE  ATTEMPTS  WHEN                 REASON",
                    "T-2     test          3  2026-11-25 14:03:12  tests kept failing …",
                ]
            )
            #expect(await repo.run("dlq").stdout == result.stdout)
        }
    }

    @Test func listJSON() async throws {
        try await withDeadLetter { repo in
            let result = await repo.run("dlq", "list", "--json")
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            )
            #expect(items.count == 1)
            #expect(items.first?["ticket"] as? String == "T-2")
            #expect(items.first?["attempts"] as? Int == 3)
            #expect(items.first?["reason"] as? String == "tests kept failing\nsee the run log")
        }
    }

    @Test func emptyQueue() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            #expect(await repo.run("dlq", "list").stdout == "the dead-letter queue is empty.\n")
        }
    }

    @Test func detailsShowTheFullReason() async throws {
        try await withDeadLetter { repo in
            let result = await repo.run("dlq", "details", "T-2")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("T-2 is in the dead-letter queue: flaky ticket\n"))
            #expect(result.stdout.contains("REASON\n  tests kept failing\n  see the run log\n"))
            #expect(result.stdout.contains("  attempts  3\n"))
            let notThere = await repo.run("dlq", "details", "T-1")
            #expect(notThere.code == 2)
            #expect(notThere.stderr == "error: T-1 is not in the dead-letter queue: see aet dlq list.\n")
        }
    }

    @Test func retryQueuesItAgain() async throws {
        try await withDeadLetter { repo in
            let result = await repo.run("dlq", "retry", "T-2")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout == "T-2 left the dead-letter queue and is queued again (attempt 2).\n")
            let state = try #require(try await repo.openStore().ticket(TicketID(2)))
            #expect(state.status == .queued)
            #expect(state.deadLetter == nil)
            #expect(await repo.run("dlq", "list").stdout == "the dead-letter queue is empty.\n")
            #expect(await repo.run("dlq", "retry", "T-2").code == 2)
        }
    }

    @Test func removeLeavesItFailed() async throws {
        try await withDeadLetter { repo in
            let result = await repo.run("dlq", "remove", "T-2")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout == "removed T-2 from the dead-letter queue; it stays failed.\n")
            let status = try await repo.openStore().ticket(TicketID(2))?.status
            #expect(status == .failed)
            #expect(await repo.run("dlq", "remove", "T-2").code == 2)
            #expect(await repo.run("dlq", "remove", "T-1").code == 2)
        }
    }

    @Test func plainRetryAlsoTakesTicketsOutOfTheQueue() async throws {
        try await withDeadLetter { repo in
            #expect(await repo.run("retry", "T-2").code == 0)
            let status = try await repo.openStore().ticket(TicketID(2))?.status
            #expect(status == .queued)
        }
    }
}
