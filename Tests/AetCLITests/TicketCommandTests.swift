import AetCore
import AetStore
import Foundation
import Testing

@Suite struct TicketCommandTests {
    @Test func cancelThenRetry() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let cancelled = await repo.run("cancel", "T-1", "--reason", "duplicate of T-7")
            #expect(cancelled.code == 0, "\(cancelled.stderr)")
            #expect(cancelled.stdout == "cancelled T-1: duplicate of T-7\n")
            let state = try #require(try await repo.openStore().ticket(TicketID(1)))
            #expect(state.status == .cancelled)
            #expect(state.lastError == "duplicate of T-7")

            let retried = await repo.run("retry", "T-1")
            #expect(retried.code == 0, "\(retried.stderr)")
            #expect(retried.stdout == "T-1 is queued again (attempt 2).\n")
            #expect(try await repo.openStore().ticket(TicketID(1))?.status == .queued)
            #expect(try await repo.eventCount() == 3)
        }
    }

    @Test func cancelOfAFinishedTicketIsRefused() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            #expect(await repo.run("cancel", "T-1").code == 0)
            let again = await repo.run("cancel", "T-1")
            #expect(again.code == 2)
            #expect(
                again.stderr == "error: T-1 is cancelled and cannot be cancelled: only queued or running tickets can.\n"
            )
            #expect(try await repo.eventCount() == 2)
        }
    }

    @Test func retryOfAQueuedTicketIsRefused() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("retry", "T-1")
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: T-1 is queued and cannot be retried: only failed, dead-lettered or cancelled tickets can.\n"
            )
            #expect(try await repo.eventCount() == 1)
        }
    }

    @Test func retryOfACompletedTicketIsRefused() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            try await Histories.append(
                [.ticketCompleted(TicketCompleted(summary: "merged"))],
                to: TicketID(1),
                in: repo.openStore()
            )
            let result = await repo.run("retry", "T-1")
            #expect(result.code == 2)
            #expect(result.stderr.contains("T-1 is completed and cannot be retried"))
            #expect(await repo.run("cancel", "T-1").code == 2)
        }
    }

    @Test func unknownTicketsAreExitTwo() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("cancel", "T-5")
            #expect(result.code == 2)
            #expect(result.stderr == "error: ticket T-5 does not exist: see aet status for the tickets there are.\n")
            #expect(await repo.run("retry", "T-5").code == 2)
        }
    }

    @Test func cancelJSONPrintsTheState() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("cancel", "T-1", "--json")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            #expect(object["id"] as? String == "T-1")
            #expect(object["status"] as? String == "cancelled")
        }
    }
}
