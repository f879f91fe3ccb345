import AetBench
import AetCore
import AetStore
import AetTesting
import Foundation
import Testing

/// Runs `body` with a new, empty directory that is removed afterwards.
/// - Parameter body: Gets the directory.
/// - Returns: What `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    try await TemporaryDirectory.with(prefix: "aet-store-tests") {
        try await body(URL(fileURLWithPath: $0, isDirectory: true))
    }
}

/// The synchronous twin of ``withTemporaryDirectory(_:)``, for tests that wait on processes or threads.
func withTemporaryDirectorySync<T>(_ body: (URL) throws -> T) throws -> T {
    try TemporaryDirectory.with(prefix: "aet-store-tests") { try body(URL(fileURLWithPath: $0, isDirectory: true)) }
}

/// The database file of a store in `directory`.
func storePath(in directory: URL) -> String { directory.appendingPathComponent("aet.db").path }

/// Events to build small logs by hand.
enum Events {
    static let metadata = EventMetadata(actor: "test")

    static func created(_ number: Int, _ description: String? = nil, priority: Int = 0) -> EventToAppend {
        let draft = TicketDraft(description: description ?? "ticket \(number)", mode: .full, priority: priority)
        return EventToAppend(.ticketCreated(TicketCreated(ticket: TicketID(number), draft: draft)), metadata: metadata)
    }

    static func stageStarted(_ stage: StageName = .implement, attempt: Int = 1) -> EventToAppend {
        EventToAppend(.stageStarted(StageStarted(stage: stage, attempt: attempt)), metadata: metadata)
    }

    static func cancelled(_ reason: String = "not needed") -> EventToAppend {
        EventToAppend(.ticketCancelled(TicketCancelled(reason: reason)), metadata: metadata)
    }

    static func completed(_ summary: String = "merged") -> EventToAppend {
        EventToAppend(.ticketCompleted(TicketCompleted(summary: summary)), metadata: metadata)
    }

    static func violation(_ subject: String, run: RunID? = nil) -> EventToAppend {
        EventToAppend(
            .securityViolation(
                SecurityViolation(operation: "write_file", subject: subject, reason: "outside the worktree", run: run)
            ),
            metadata: metadata
        )
    }

    static func keyed(_ event: EventToAppend, _ key: String) -> EventToAppend {
        var event = event
        event.idempotencyKey = key
        return event
    }
}

extension EventStore {
    /// Appends `count` events of ``InterleavedLog``, `batch` requests per transaction.
    /// - Returns: The tickets the log created.
    @discardableResult
    func appendInterleaved(
        count: Int,
        seed: UInt64,
        batch: Int = 64,
        firstTicket: Int = 1
    ) async throws -> Set<TicketID> {
        var tickets = Set<TicketID>()
        var pending: [AppendRequest] = []
        for request in InterleavedLog(count: count, seed: seed, firstTicket: firstTicket) {
            if let ticket = request.stream.ticketID { tickets.insert(ticket) }
            pending.append(request)
            if pending.count == batch {
                _ = try await appendBatch(pending)
                pending.removeAll()
            }
        }
        if !pending.isEmpty { _ = try await appendBatch(pending) }
        return tickets
    }

    /// Every event of the log, in position order.
    func allEvents(after position: EventPosition = EventPosition(0), limit: Int? = nil) async throws -> [RecordedEvent]
    {
        var events: [RecordedEvent] = []
        try await readAll(after: position, limit: limit) { events.append($0) }
        return events
    }
}

/// Runs `body`, expecting it to throw a ``StoreError`` with the given short code.
/// - Returns: The error, for further checks.
@discardableResult
func expectStoreError(
    _ code: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> StoreError? {
    do {
        try await body()
        Issue.record("expected StoreError(\(code)) but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        #expect(error.shortDescription == code, "\(String(reflecting: error))", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record(
            "expected StoreError(\(code)) but got \(String(reflecting: error))",
            sourceLocation: sourceLocation
        )
        return nil
    }
}
