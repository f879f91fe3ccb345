import AetCore
import AetStore
import Testing

/// The read half of the ``EventStore`` contract: the hash chain, paging through the log, streams,
/// the head position and projections updated with the append. Runs against every ``StoreBackend``.
@Suite struct EventStoreReadContractTests {
    @Test("the reference SHA-256 matches the FIPS 180-4 test vectors")
    func referenceHash() {
        #expect(
            ReferenceSHA256.hash([]).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        #expect(
            ReferenceSHA256.hash(Array("abc".utf8)).hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(
            ReferenceSHA256.hash(twoBlocks).hexString
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
    }

    @Test(
        "every event is chained to its stream's previous hash, the first to 32 zero bytes",
        arguments: StoreBackend.all
    )
    func hashChain(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.appendInterleaved(count: 150, seed: 3)
            _ = try await store.append(
                [Events.keyed(Events.violation("keyed"), "key-1")],
                to: .system,
                expectedVersion: .any
            )
            let events = try await store.allEvents()
            #expect(events.count == 151)
            #expect(events.allSatisfy { $0.hash.count == 32 })
            #expect(Set(events.map(\.hash)).count == events.count)
            var previous: [StreamID: [UInt8]] = [:]
            for event in events {
                let chainedTo = previous[event.stream] ?? ReferenceChain.genesis
                #expect(event.hash == ReferenceChain.hash(of: event, previous: chainedTo), "position \(event.position)")
                previous[event.stream] = event.hash
            }
            let first = try #require(events.first)
            #expect(first.hash == ReferenceChain.hash(of: first, previous: ReferenceChain.genesis))
            let report = try await store.verify(maxProblems: 10)
            #expect(report.isClean, "\(report.problems)")
            #expect(report.events == 151)
            #expect(report.streams == previous.count)
        }
    }

    @Test("equal events in two streams get different hashes", arguments: StoreBackend.all)
    func sameEventDifferentHash(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.append(
                [Events.violation("same")],
                to: StreamID(rawValue: "a"),
                expectedVersion: .noStream
            )
            let b = try await store.append(
                [Events.violation("same")],
                to: StreamID(rawValue: "b"),
                expectedVersion: .noStream
            )
            let c = try await store.append(
                [Events.violation("same")],
                to: StreamID(rawValue: "a"),
                expectedVersion: .exact(1)
            )
            let hashes = [a, b, c].compactMap { $0.events.first?.hash }
            #expect(hashes.count == 3)
            #expect(Set(hashes).count == 3)
        }
    }

    @Test(
        "readAll pages through 2,500 events in position order, honouring after: and limit:",
        arguments: StoreBackend.all
    )
    func readAllPaging(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.headPosition() == EventPosition(0))
            #expect(try await store.allEvents().isEmpty)
            try await store.appendInterleaved(count: 2_500, seed: 11, batch: 100)
            #expect(try await store.headPosition() == EventPosition(2_500))

            let all = try await store.allEvents()
            #expect(all.map(\.position.rawValue) == Array(1...2_500))
            let cases: [(after: Int64, limit: Int?, expected: ClosedRange<Int64>?)] = [
                (0, 1_000, 1...1_000), (0, 1_001, 1...1_001), (0, 1_500, 1...1_500), (999, 1_001, 1_000...2_000),
                (1_234, nil, 1_235...2_500), (2_000, 10_000, 2_001...2_500), (2_499, nil, 2_500...2_500),
                (2_500, nil, nil), (5_000, nil, nil), (0, 0, nil), (17, 1, 18...18),
            ]
            for (after, limit, expected) in cases {
                let page = try await store.allEvents(after: EventPosition(after), limit: limit)
                #expect(
                    page.map(\.position.rawValue) == expected.map(Array.init) ?? [],
                    "after \(after), limit \(String(describing: limit))"
                )
                if let first = page.first { #expect(first == all.first { $0.position == first.position }) }
            }

            // Every stream read alone holds its events in version order, equal to the ones in the log.
            var byStream: [StreamID: [RecordedEvent]] = [:]
            for event in all { byStream[event.stream, default: []].append(event) }
            for (stream, events) in byStream {
                let read = try await store.readStream(stream)
                #expect(read == events, "\(stream)")
                #expect(read.map(\.version) == Array(1...Int64(read.count)), "\(stream)")
            }
            #expect(try await store.readStream(StreamID(rawValue: "ticket/T-999999")).isEmpty)
        }
    }

    @Test("an error thrown by readAll's body stops the read and reaches the caller", arguments: StoreBackend.all)
    func readAllBodyThrows(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.appendInterleaved(count: 1_200, seed: 5)
            var seen = 0
            await #expect(throws: TestFailure.self) {
                try await store.readAll(after: EventPosition(0), limit: nil) { _ in
                    seen += 1
                    if seen == 1_100 { throw TestFailure("stop") }
                }
            }
            #expect(seen == 1_100)
        }
    }

    @Test("projections change in the append's transaction", arguments: StoreBackend.all)
    func projectionsFollowAppends(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let id = TicketID(1)
            let created = try #require(
                try await store.append(
                    [Events.created(1, "first", priority: 2)],
                    to: .ticket(id),
                    expectedVersion: .noStream
                ).events.first
            )
            var state = try #require(try await store.ticket(id))
            #expect(state.status == .queued)
            #expect(state.description == "first")
            #expect(state.version == 1)
            #expect(state.lastPosition == created.position)
            #expect(state.createdAt == created.recordedAt)

            _ = try await store.append(
                [Events.created(2, "second", priority: 5)],
                to: .ticket(TicketID(2)),
                expectedVersion: .noStream
            )
            let started = try #require(
                try await store.append([Events.stageStarted(.plan)], to: .ticket(id), expectedVersion: .exact(1)).events
                    .first
            )
            state = try #require(try await store.ticket(id))
            #expect(state.status == .running)
            #expect(state.currentStage == .plan)
            #expect(state.stages.map(\.name) == [.plan])
            #expect(state.version == 2)
            #expect(state.lastPosition == started.position)

            _ = try await store.append(
                [Events.violation("x"), Events.violation("y")],
                to: .system,
                expectedVersion: .any
            )
            #expect(
                try await store.eventCounts() == ["ticket.created": 2, "stage.started": 1, "security.violation": 2]
            )
            #expect(try await store.statusCounts() == [.running: 1, .queued: 1])
            #expect(try await store.maxTicketNumber() == 2)
            #expect(try await store.tickets(statuses: nil, limit: 10).map(\.id) == [TicketID(2), TicketID(1)])
            #expect(try await store.tickets(statuses: [.running], limit: 10).map(\.id) == [id])
            #expect(try await store.tickets(statuses: [.completed], limit: 10).isEmpty)
            #expect(try await store.tickets(statuses: nil, limit: 1).map(\.id) == [TicketID(2)])
            #expect(try await store.ticket(TicketID(3)) == nil)

            _ = try await store.append([Events.cancelled("gone")], to: .ticket(id), expectedVersion: .exact(2))
            #expect(try await store.ticket(id)?.status == .cancelled)
            #expect(try await store.ticket(id)?.lastError == "gone")
            #expect(try await store.statusCounts() == [.cancelled: 1, .queued: 1])
            #expect(try await store.verify(maxProblems: 10).isClean)
        }
    }
}
