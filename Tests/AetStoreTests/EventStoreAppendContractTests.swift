import AetCore
import AetStore
import Testing

/// The append half of the ``EventStore`` contract: versions, optimistic concurrency, idempotency,
/// validation and atomic batches. Runs against every ``StoreBackend``.
@Suite struct EventStoreAppendContractTests {
    private let t1 = StreamID.ticket(TicketID(1))
    private let t2 = StreamID.ticket(TicketID(2))
    private let t3 = StreamID.ticket(TicketID(3))

    @Test(
        "appending to a new stream with .noStream gives versions 1…n and increasing positions",
        arguments: StoreBackend.all
    )
    func appendNewStream(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let events = [
                Events.created(1), Events.stageStarted(.plan), Events.stageStarted(.design), Events.violation("a"),
                Events.cancelled(),
            ]
            let result = try await store.append(events, to: t1, expectedVersion: .noStream)
            #expect(!result.wasDuplicate)
            #expect(result.events.map(\.version) == [1, 2, 3, 4, 5])
            #expect(result.events.map(\.position.rawValue) == [1, 2, 3, 4, 5])
            #expect(result.events.allSatisfy { $0.stream == t1 })
            #expect(result.events.map(\.typeName) == events.map(\.event.typeName))
            #expect(result.events.map(\.payload) == events.map { $0.event.encodedPayload() })
            #expect(try result.events.map { try $0.decoded() } == events.map(\.event))
            #expect(try result.events.map { try $0.decodedMetadata() } == events.map(\.metadata))
            #expect(try await store.readStream(t1) == result.events)

            let second = try await store.append([Events.created(2)], to: t2, expectedVersion: .noStream)
            #expect(second.events.map(\.version) == [1])
            #expect(second.events.map(\.position.rawValue) == [6])
            #expect(try await store.headPosition() == EventPosition(6))
        }
    }

    @Test("a wrong .exact version is a version conflict and appends nothing", arguments: StoreBackend.all)
    func wrongExactVersion(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(
                [Events.created(1), Events.stageStarted(), Events.violation("x")],
                to: t1,
                expectedVersion: .noStream
            )
            let countsBefore = try await store.eventCounts()
            let ticketBefore = try await store.ticket(TicketID(1))
            for wrong: Int64 in [0, 2, 4, 100] {
                let error = await expectStoreError("version_conflict") {
                    _ = try await store.append([Events.cancelled()], to: t1, expectedVersion: .exact(wrong))
                }
                #expect(error?.isVersionConflict == true)
            }
            // A conflict on a stream that does not exist yet.
            await expectStoreError("version_conflict") {
                _ = try await store.append([Events.created(2)], to: t2, expectedVersion: .exact(1))
            }
            #expect(try await store.readStream(t1).count == 3)
            #expect(try await store.readStream(t2).isEmpty)
            #expect(try await store.headPosition() == EventPosition(3))
            #expect(try await store.eventCounts() == countsBefore)
            #expect(try await store.ticket(TicketID(1)) == ticketBefore)
            #expect(try await store.ticket(TicketID(2)) == nil)

            let right = try await store.append([Events.cancelled()], to: t1, expectedVersion: .exact(3))
            #expect(right.events.map(\.version) == [4])
            #expect(try await store.ticket(TicketID(1))?.status == .cancelled)
        }
    }

    @Test(".noStream on an existing stream is a version conflict", arguments: StoreBackend.all)
    func noStreamOnExisting(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([Events.created(1)], to: t1, expectedVersion: .noStream)
            let error = await expectStoreError("version_conflict") {
                _ = try await store.append([Events.violation("secret-9d2f")], to: t1, expectedVersion: .noStream)
            }
            #expect(error?.isVersionConflict == true)
            #expect(error?.description.contains("secret-9d2f") == false)
            #expect(try await store.readStream(t1).count == 1)
            #expect(try await store.headPosition() == EventPosition(1))
        }
    }

    @Test(".any appends to new and existing streams", arguments: StoreBackend.all)
    func anyVersion(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.append([Events.created(1)], to: t1, expectedVersion: .any)
            #expect(first.events.map(\.version) == [1])
            let second = try await store.append(
                [Events.stageStarted(), Events.violation("v")],
                to: t1,
                expectedVersion: .any
            )
            #expect(second.events.map(\.version) == [2, 3])
            let system = try await store.append([Events.violation("s")], to: .system, expectedVersion: .any)
            #expect(system.events.map(\.version) == [1])
            #expect(system.events.map(\.position.rawValue) == [4])
            #expect(try await store.ticket(TicketID(1))?.securityViolations == 1)
            #expect(try await store.eventCounts()["security.violation"] == 2)
        }
    }

    @Test("repeating an idempotency key returns the stored event and appends nothing", arguments: StoreBackend.all)
    func idempotentRepeat(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let event = Events.keyed(Events.created(1), "create-1")
            let first = try await store.append([event], to: t1, expectedVersion: .noStream)
            #expect(!first.wasDuplicate)
            #expect(first.events.first?.idempotencyKey == "create-1")
            _ = try await store.append([Events.stageStarted()], to: t1, expectedVersion: .exact(1))
            let countsBefore = try await store.eventCounts()

            // The same request again: its .noStream check would fail, but a retry must be answered with the original.
            let again = try await store.append([event], to: t1, expectedVersion: .noStream)
            #expect(again.wasDuplicate)
            #expect(again.events == first.events)
            #expect(again.events.first?.hash == first.events.first?.hash)
            #expect(again.events.first?.position == first.events.first?.position)
            #expect(try await store.headPosition() == EventPosition(2))
            #expect(try await store.readStream(t1).count == 2)
            #expect(try await store.eventCounts() == countsBefore)

            // Several keyed events at once, repeated in a batch with another stream's keyed event.
            let pair = [Events.keyed(Events.violation("a"), "v-a"), Events.keyed(Events.violation("b"), "v-b")]
            let stored = try await store.append(pair, to: t1, expectedVersion: .exact(2))
            let batch = try await store.appendBatch([
                AppendRequest(stream: t1, expectedVersion: .exact(1), events: pair),
                AppendRequest(
                    stream: t2,
                    expectedVersion: .noStream,
                    events: [Events.keyed(Events.created(2), "create-2")]
                ),
            ])
            try #require(batch.count == 2)
            #expect(batch[0].wasDuplicate)
            #expect(batch[0].events == stored.events)
            #expect(!batch[1].wasDuplicate)
            #expect(batch[1].events.map(\.position.rawValue) == [5])
            #expect(try await store.headPosition() == EventPosition(5))
        }
    }

    @Test("mixing a known and a new idempotency key is refused and appends nothing", arguments: StoreBackend.all)
    func mixedKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([Events.keyed(Events.created(1), "k1")], to: t1, expectedVersion: .noStream)
            await expectStoreError("idempotency_mismatch") {
                _ = try await store.append(
                    [Events.keyed(Events.stageStarted(), "k1"), Events.keyed(Events.violation("new"), "k2")],
                    to: t1,
                    expectedVersion: .any
                )
            }
            // A keyed repeat next to an event without a key is a mismatch too.
            await expectStoreError("idempotency_mismatch") {
                _ = try await store.append(
                    [Events.keyed(Events.stageStarted(), "k1"), Events.violation("plain")],
                    to: t1,
                    expectedVersion: .any
                )
            }
            #expect(try await store.headPosition() == EventPosition(1))
            #expect(try await store.allEvents().map(\.idempotencyKey) == ["k1"])
            // k2 was not stored: it can be used now.
            let fresh = try await store.append(
                [Events.keyed(Events.violation("new"), "k2")],
                to: t1,
                expectedVersion: .exact(1)
            )
            #expect(!fresh.wasDuplicate)
            #expect(fresh.events.map(\.version) == [2])
        }
    }

    @Test("malformed appends are refused and append nothing", arguments: StoreBackend.all)
    func malformedAppends(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([Events.created(1)], to: t1, expectedVersion: .noStream)
            await expectStoreError("invalid_append") { _ = try await store.append([], to: t1, expectedVersion: .any) }
            await expectStoreError("invalid_append") {
                _ = try await store.appendBatch([
                    AppendRequest(stream: t2, expectedVersion: .noStream, events: [Events.created(2)]),
                    AppendRequest(stream: t1, expectedVersion: .any, events: []),
                ])
            }
            await expectStoreError("invalid_append") {
                _ = try await store.append(
                    [Events.keyed(Events.violation("a"), "same"), Events.keyed(Events.violation("b"), "same")],
                    to: t1,
                    expectedVersion: .any
                )
            }
            await expectStoreError("invalid_append") {
                _ = try await store.append([Events.keyed(Events.violation("a"), "")], to: t1, expectedVersion: .any)
            }
            await expectStoreError("invalid_append") {
                _ = try await store.append(
                    [Events.keyed(Events.violation("a"), String(repeating: "k", count: 201))],
                    to: t1,
                    expectedVersion: .any
                )
            }
            await expectStoreError("invalid_append") {
                _ = try await store.append([Events.created(3)], to: t2, expectedVersion: .noStream)
            }
            await expectStoreError("invalid_append") {
                _ = try await store.append([Events.violation("a")], to: StreamID(rawValue: ""), expectedVersion: .any)
            }
            #expect(try await store.headPosition() == EventPosition(1))
            #expect(try await store.readStream(t2).isEmpty)
            #expect(try await store.ticket(TicketID(2)) == nil)
            #expect(try await store.eventCounts() == ["ticket.created": 1])
        }
    }

    @Test(
        "a batch across streams is atomic: a conflict in its third request appends nothing",
        arguments: StoreBackend.all
    )
    func atomicBatch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([Events.created(3), Events.stageStarted()], to: t3, expectedVersion: .noStream)
            let before = try await ProjectionSnapshot.take(store)
            await expectStoreError("version_conflict") {
                _ = try await store.appendBatch([
                    AppendRequest(
                        stream: t1,
                        expectedVersion: .noStream,
                        events: [Events.created(1), Events.stageStarted()]
                    ),
                    AppendRequest(stream: t2, expectedVersion: .noStream, events: [Events.created(2)]),
                    AppendRequest(stream: t3, expectedVersion: .exact(1), events: [Events.cancelled()]),
                ])
            }
            #expect(try await store.headPosition() == EventPosition(2))
            #expect(try await store.readStream(t1).isEmpty)
            #expect(try await store.readStream(t2).isEmpty)
            #expect(try await store.readStream(t3).count == 2)
            #expect(try await store.maxTicketNumber() == 3)
            try await ProjectionSnapshot.take(store).expectEqual(to: before)
            #expect(try await store.ticket(TicketID(1)) == nil)
            #expect(try await store.verify(maxProblems: 10).isClean)

            // The same batch with the right version succeeds as a whole, in order.
            let results = try await store.appendBatch([
                AppendRequest(
                    stream: t1,
                    expectedVersion: .noStream,
                    events: [Events.created(1), Events.stageStarted()]
                ),
                AppendRequest(stream: t2, expectedVersion: .noStream, events: [Events.created(2)]),
                AppendRequest(stream: t3, expectedVersion: .exact(2), events: [Events.cancelled()]),
            ])
            #expect(results.map { $0.events.map(\.position.rawValue) } == [[3, 4], [5], [6]])
            #expect(results.map { $0.events.map(\.version) } == [[1, 2], [1], [3]])
            #expect(try await store.ticket(TicketID(1))?.status == .running)
            #expect(try await store.ticket(TicketID(2))?.status == .queued)
            #expect(try await store.ticket(TicketID(3))?.status == .cancelled)
        }
    }

    @Test("later requests of a batch see the versions earlier ones appended", arguments: StoreBackend.all)
    func batchSameStream(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let results = try await store.appendBatch([
                AppendRequest(stream: t1, expectedVersion: .noStream, events: [Events.created(1)]),
                AppendRequest(stream: t1, expectedVersion: .exact(1), events: [Events.stageStarted()]),
                AppendRequest(stream: t2, expectedVersion: .noStream, events: [Events.created(2)]),
                AppendRequest(stream: t1, expectedVersion: .exact(2), events: [Events.cancelled()]),
            ])
            #expect(results.map { $0.events.map(\.version) } == [[1], [2], [1], [3]])
            let state = try #require(try await store.ticket(TicketID(1)))
            #expect(state.status == .cancelled)
            #expect(state.version == 3)
            #expect(state.lastPosition == EventPosition(4))
            #expect(state.stages.map(\.name) == [.implement])
            #expect(try await store.verify(maxProblems: 10).isClean)

            await expectStoreError("version_conflict") {
                _ = try await store.appendBatch([
                    AppendRequest(stream: t2, expectedVersion: .exact(1), events: [Events.stageStarted()]),
                    AppendRequest(stream: t2, expectedVersion: .exact(1), events: [Events.cancelled()]),
                ])
            }
            #expect(try await store.readStream(t2).count == 1)
            #expect(try await store.ticket(TicketID(2))?.status == .queued)
        }
    }
}
