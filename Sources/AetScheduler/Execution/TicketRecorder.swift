import AetCore
import AetStore

/// Appends a ticket's events, even while the calling task is being cancelled (Ctrl-C): what a run
/// did is recorded before the process stops, never lost.
struct TicketRecorder: Sendable {
    let store: any EventStore
    let ticket: TicketID
    let actor: String

    /// Appends events expecting the stream at `version` (nil: any version).
    /// - Returns: The ticket's state afterwards.
    @discardableResult
    func append(_ events: [DomainEvent], expecting version: Int64?, key: String? = nil) async throws -> TicketState {
        let store = self.store
        let stream = StreamID.ticket(ticket)
        let metadata = EventMetadata(actor: actor)
        let batch = events.enumerated().map { index, event in
            EventToAppend(event, metadata: metadata, idempotencyKey: key.map { "\($0).\(index)" })
        }
        let ticket = self.ticket
        // An unstructured task does not inherit cancellation: the append completes even when the
        // run that produced these events was cancelled.
        return try await Task {
            _ = try await store.append(batch, to: stream, expectedVersion: version.map { .exact($0) } ?? .any)
            guard let state = try await store.ticket(ticket) else {
                throw StoreError.unavailable("\(ticket) disappeared from the projection: run aet verify-state.")
            }
            return state
        }.value
    }
}
