public import AetCore

/// The append-only, hash-chained event log with its projections (DESIGN.md, "Event model").
///
/// Implementations: ``SQLiteEventStore`` (embedded, default); PostgreSQL comes later. One contract
/// test suite runs against every implementation.
///
/// ```swift
/// let store = try SQLiteEventStore(path: ".aet/aet.db")
/// let result = try await store.append(
///     [EventToAppend(.ticketCancelled(.init(reason: "duplicate")), metadata: .init(actor: "cli"))],
///     to: .ticket(TicketID(3)), expectedVersion: .exact(4))
/// ```
public protocol EventStore: Sendable {
    /// Appends events to one stream atomically, updating projections in the same transaction.
    /// - Parameters:
    ///   - events: At least one event.
    ///   - stream: The stream.
    ///   - expectedVersion: The optimistic-concurrency check.
    /// - Returns: The stored events (or, for a repeated idempotency key, the originals).
    /// - Throws: ``StoreError`` (`version_conflict` when someone appended first).
    func append(_ events: [EventToAppend], to stream: StreamID, expectedVersion: ExpectedVersion) async throws
        -> AppendResult

    /// Appends to several streams in one transaction: all requests succeed or none does.
    /// - Parameter requests: The per-stream appends, applied in order.
    /// - Returns: One result per request.
    /// - Throws: ``StoreError``.
    func appendBatch(_ requests: [AppendRequest]) async throws -> [AppendResult]

    /// Streams events in global order, starting after `position`, in constant memory.
    /// - Parameters:
    ///   - position: Read events with a greater position (use `EventPosition(0)` for all).
    ///   - limit: At most this many events, or nil for all.
    ///   - body: Called with each event, in order.
    /// - Throws: ``StoreError`` or what `body` throws.
    func readAll(after position: EventPosition, limit: Int?, _ body: (RecordedEvent) throws -> Void) async throws

    /// All events of one stream, in version order.
    /// - Parameter stream: The stream.
    /// - Returns: The events; empty for an unknown stream.
    /// - Throws: ``StoreError``.
    func readStream(_ stream: StreamID) async throws -> [RecordedEvent]

    /// The position of the last event, 0 when the log is empty.
    /// - Throws: ``StoreError``.
    func headPosition() async throws -> EventPosition

    /// The projected state of one ticket, with stages, runs and DLQ entry.
    /// - Parameter id: The ticket.
    /// - Returns: The state, or nil when the ticket does not exist.
    /// - Throws: ``StoreError``.
    func ticket(_ id: TicketID) async throws -> TicketState?

    /// Tickets without stages and runs, highest priority first, then oldest first.
    /// - Parameters:
    ///   - statuses: Only these statuses, or nil for all.
    ///   - limit: At most this many.
    /// - Returns: The tickets.
    /// - Throws: ``StoreError``.
    func tickets(statuses: Set<TicketStatus>?, limit: Int) async throws -> [TicketSummary]

    /// How many tickets are in each status (statuses with none are absent).
    /// - Throws: ``StoreError``.
    func statusCounts() async throws -> [TicketStatus: Int]

    /// The highest ticket number in use, 0 when there is none.
    /// - Throws: ``StoreError``.
    func maxTicketNumber() async throws -> Int

    /// How many events of each type the log holds (a projection counter).
    /// - Throws: ``StoreError``.
    func eventCounts() async throws -> [String: Int]

    /// Drops the projections and replays the whole log into them in one transaction.
    /// - Returns: What was replayed and how fast.
    /// - Throws: ``StoreError``; on error the old projections stay.
    func rebuildProjections() async throws -> RebuildReport

    /// Checks every stream's hash chain and version sequence and diffs a replay against the projections.
    /// - Parameter maxProblems: How many problems to describe (all are counted).
    /// - Returns: What was checked and every problem found.
    /// - Throws: ``StoreError`` only when the check itself cannot run.
    func verify(maxProblems: Int) async throws -> VerificationReport
}
