import AetCore
import AetStore
import Testing

/// ``TicketService``: number allocation, validation against the projections, and the user commands'
/// transitions and refusals, each refusal writing nothing.
@Suite struct TicketServiceTests {
    private func makeService() throws -> TicketService<SQLiteEventStore> {
        TicketService(store: try SQLiteEventStore.inMemory(), actor: "test")
    }

    /// Expects `body` to fail with a ``ValidationFailure`` and the log to stay as it was.
    private func expectRefusal(
        _ service: TicketService<SQLiteEventStore>,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async throws {
        let head = try await service.store.headPosition()
        await #expect(throws: ValidationFailure.self, sourceLocation: sourceLocation) { try await body() }
        #expect(
            try await service.store.headPosition() == head,
            "a refused command wrote events",
            sourceLocation: sourceLocation
        )
    }

    @Test("create allocates T-1, T-2, … and records the draft")
    func createAllocates() async throws {
        let service = try makeService()
        let ids = try await (1...5).asyncMap {
            try await service.create(TicketDraft(description: "ticket \($0)", priority: $0))
        }
        #expect(ids == (1...5).map(TicketID.init))
        let third = try #require(try await service.store.ticket(TicketID(3)))
        #expect(third.description == "ticket 3")
        #expect(third.priority == 3)
        #expect(third.status == .queued)
        let metadata = try #require(try await service.store.readStream(.ticket(TicketID(3))).first).decodedMetadata()
        #expect(metadata.actor == "test")

        let dependent = try await service.create(
            TicketDraft(description: "after 2 and 4", dependencies: [TicketID(2), TicketID(4)])
        )
        #expect(dependent == TicketID(6))
        #expect(try await service.store.ticket(dependent)?.dependencies == [TicketID(2), TicketID(4)])
    }

    @Test("create refuses an unknown dependency or an invalid draft and writes nothing")
    func createRefuses() async throws {
        let service = try makeService()
        _ = try await service.create(TicketDraft(description: "one"))
        try await expectRefusal(service) {
            _ = try await service.create(TicketDraft(description: "x", dependencies: [TicketID(2)]))
        }
        try await expectRefusal(service) {
            _ = try await service.create(TicketDraft(description: "x", dependencies: [TicketID(1), TicketID(99)]))
        }
        try await expectRefusal(service) { _ = try await service.create(TicketDraft(description: "   ")) }
        try await expectRefusal(service) {
            _ = try await service.create(TicketDraft(description: "x", priority: 5_000))
        }
        try await expectRefusal(service) {
            _ = try await service.create(TicketDraft(description: "x", dependencies: [TicketID(1), TicketID(1)]))
        }
        #expect(try await service.store.maxTicketNumber() == 1)
        #expect(try await service.create(TicketDraft(description: "two")) == TicketID(2))
    }

    @Test("cancel and retry move a ticket between queued, cancelled and failed; other moves are refused")
    func cancelAndRetry() async throws {
        let service = try makeService()
        let id = try await service.create(TicketDraft(description: "work"))
        try await expectRefusal(service) { try await service.retry(id) }

        let cancelled = try await service.cancel(id, reason: "changed my mind")
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.lastError == "changed my mind")
        #expect(cancelled.version == 2)
        try await expectRefusal(service) { try await service.cancel(id) }

        let retried = try await service.retry(id)
        #expect(retried.status == .queued)
        #expect(retried.attempt == 2)
        #expect(retried.lastError == nil)

        // A running ticket can be cancelled; a completed one can be neither cancelled nor retried.
        _ = try await service.store.append([Events.stageStarted()], to: .ticket(id), expectedVersion: .exact(3))
        #expect(try await service.cancel(id).status == .cancelled)
        let other = try await service.create(TicketDraft(description: "done soon"))
        _ = try await service.store.append([Events.completed()], to: .ticket(other), expectedVersion: .exact(1))
        try await expectRefusal(service) { try await service.cancel(other) }
        try await expectRefusal(service) { try await service.retry(other) }

        try await expectRefusal(service) { try await service.cancel(TicketID(42)) }
        try await expectRefusal(service) { try await service.retry(TicketID(42)) }
        #expect(
            try await service.store.readStream(.ticket(id)).map(\.typeName) == [
                "ticket.created", "ticket.cancelled", "ticket.retried", "stage.started", "ticket.cancelled",
            ]
        )
    }

    @Test("a dead-lettered ticket can be retried from the DLQ or removed from it; others are refused")
    func deadLetterQueue() async throws {
        let service = try makeService()
        let first = try await service.create(TicketDraft(description: "fails"))
        let second = try await service.create(TicketDraft(description: "fails too"))
        for id in [first, second] {
            try await deadLetter(id, service.store)
            let state = try #require(try await service.store.ticket(id))
            #expect(state.status == .deadLettered)
            #expect(state.deadLetter?.attempts == 3)
        }

        let retried = try await service.retryDeadLetter(first)
        #expect(retried.status == .queued)
        #expect(retried.deadLetter == nil)
        #expect(retried.attempt == 2)
        try await expectRefusal(service) { try await service.retryDeadLetter(first) }
        try await expectRefusal(service) { try await service.removeDeadLetter(first) }

        let removed = try await service.removeDeadLetter(second)
        #expect(removed.status == .failed)
        #expect(removed.deadLetter == nil)
        try await expectRefusal(service) { try await service.removeDeadLetter(second) }
        // Out of the DLQ but failed: a plain retry puts it back in the queue.
        let again = try await service.retry(second)
        #expect(again.status == .queued)
        #expect(try await service.store.readStream(.ticket(second)).last?.typeName == "ticket.retried")

        // `retry` on a dead-lettered ticket takes it out of the DLQ.
        try await deadLetter(first, service.store)
        let viaRetry = try await service.retry(first)
        #expect(viaRetry.status == .queued)
        #expect(viaRetry.deadLetter == nil)
        #expect(try await service.store.readStream(.ticket(first)).last?.typeName == "dlq.retried")
        try await expectRefusal(service) { try await service.retryDeadLetter(TicketID(99)) }
        #expect(try await service.store.verify(maxProblems: 10).isClean)
    }

    private func deadLetter(_ id: TicketID, _ store: SQLiteEventStore) async throws {
        let events = [
            EventToAppend(.ticketFailed(TicketFailed(stage: .test, reason: "tests failed")), metadata: Events.metadata),
            EventToAppend(
                .ticketDeadLettered(TicketDeadLettered(stage: .test, reason: "tests failed", attempts: 3)),
                metadata: Events.metadata
            ),
        ]
        _ = try await store.append(events, to: .ticket(id), expectedVersion: .any)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
