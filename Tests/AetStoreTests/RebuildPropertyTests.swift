import AetBench
import AetCore
import AetStore
import Testing

/// Rebuilding the projections from the log gives exactly the live projections, for random logs.
@Suite struct RebuildPropertyTests {
    @Test("rebuild equals the live projections and is idempotent", arguments: 1...10)
    func rebuildEqualsLive(seed: Int) async throws {
        let store = try SQLiteEventStore.inMemory()
        let log = try await RandomLog.append(to: store, seed: UInt64(seed), interleaved: 2_000)
        #expect(try await store.headPosition() == EventPosition(Int64(log.events)))
        let live = try await ProjectionSnapshot.take(store)
        #expect(live.summaries.count == log.tickets)
        #expect(live.eventCounts.values.reduce(0, +) == log.events)
        let before = try await store.verify(maxProblems: 10)
        #expect(before.isClean, "live projections: \(before.problems)")

        let first = try await store.rebuildProjections()
        #expect(first.events == log.events)
        #expect(first.tickets == log.tickets)
        #expect(first.streams == log.streams)
        try await ProjectionSnapshot.take(store).expectEqual(to: live)

        let second = try await store.rebuildProjections()
        #expect(second.events == first.events)
        #expect(second.tickets == first.tickets)
        #expect(second.streams == first.streams)
        try await ProjectionSnapshot.take(store).expectEqual(to: live)
        let after = try await store.verify(maxProblems: 10)
        #expect(after.isClean, "\(after.problems)")
        #expect(after.events == log.events)
        #expect(after.tickets == log.tickets)
    }

    @Test("rebuilding an empty store gives empty projections")
    func rebuildEmpty() async throws {
        let store = try SQLiteEventStore.inMemory()
        let report = try await store.rebuildProjections()
        #expect(report.events == 0)
        #expect(report.streams == 0)
        #expect(report.tickets == 0)
        #expect(
            try await ProjectionSnapshot.take(store)
                == ProjectionSnapshot(summaries: [], states: [], statusCounts: [:], eventCounts: [:])
        )
        #expect(try await store.verify(maxProblems: 10).isClean)
    }
}

/// A random but plausible log: ``InterleavedLog``, applied in random-sized batches, with random
/// user commands and security violations (appended with `.any`) mixed in.
enum RandomLog {
    struct Totals {
        var events = 0
        var tickets = 0
        var streams = 0
    }

    static func append(to store: some EventStore, seed: UInt64, interleaved count: Int) async throws -> Totals {
        var random = SplitMix64(seed: seed &* 7_919)
        var totals = Totals()
        var created: [TicketID] = []
        // Extra events shift a stream's versions; the generator's expected versions are shifted to match.
        var extra: [StreamID: Int64] = [:]
        var streams = Set<StreamID>()
        var batch: [AppendRequest] = []
        var batchSize = Int.random(in: 1...40, using: &random)

        func flush() async throws {
            guard !batch.isEmpty else { return }
            let results = try await store.appendBatch(batch)
            totals.events += results.reduce(0) { $0 + $1.events.count }
            batch.removeAll()
            batchSize = Int.random(in: 1...40, using: &random)
        }

        for var request in InterleavedLog(count: count, seed: seed, parallel: Int.random(in: 2...12, using: &random)) {
            if case .exact(let version) = request.expectedVersion {
                request.expectedVersion = .exact(version + extra[request.stream, default: 0])
            }
            if request.expectedVersion == .noStream, let ticket = request.stream.ticketID { created.append(ticket) }
            streams.insert(request.stream)
            batch.append(request)
            if let ticket = created.randomElement(using: &random), Int.random(in: 0..<100, using: &random) < 12 {
                let stream = StreamID.ticket(ticket)
                let events = (0..<Int.random(in: 1...3, using: &random)).map { _ in randomCommand(ticket, &random) }
                extra[stream, default: 0] += Int64(events.count)
                batch.append(AppendRequest(stream: stream, expectedVersion: .any, events: events))
            }
            if Int.random(in: 0..<100, using: &random) < 2 {
                streams.insert(.system)
                batch.append(
                    AppendRequest(stream: .system, expectedVersion: .any, events: [Events.violation("api caller")])
                )
            }
            if batch.count >= batchSize { try await flush() }
        }
        try await flush()
        totals.tickets = created.count
        totals.streams = streams.count
        return totals
    }

    private static func randomCommand(_ ticket: TicketID, _ random: inout SplitMix64) -> EventToAppend {
        let event: DomainEvent =
            switch Int.random(in: 0..<7, using: &random) {
            case 0: .ticketCancelled(TicketCancelled(reason: "cancelled \(random.next() % 100)"))
            case 1: .ticketRetried(TicketRetried(reason: "retry"))
            case 2: .deadLetterRetried(DeadLetterRetried(reason: "from the DLQ"))
            case 3: .deadLetterRemoved(DeadLetterRemoved(reason: "obsolete"))
            case 4: .stageSkipped(StageSkipped(stage: .design, reason: "no design needed"))
            case 5: .ticketFailed(TicketFailed(stage: nil, reason: "worker lost"))
            default:
                .securityViolation(
                    SecurityViolation(
                        operation: "read_file",
                        subject: "/etc/passwd",
                        reason: "outside the worktree",
                        run: RunID(ticket: ticket, stage: .implement, attempt: 1)
                    )
                )
            }
        return EventToAppend(
            event,
            metadata: EventMetadata(actor: "user", traceID: random.next() % 2 == 0 ? nil : "trace-\(random.next())")
        )
    }
}
