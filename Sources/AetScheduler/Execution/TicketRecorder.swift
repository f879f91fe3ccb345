public import AetCore
import AetStore

/// Appends a ticket's events, even while the calling task is being cancelled (Ctrl-C): what a run
/// did is recorded before the process stops, never lost.
///
/// A cancel wins over a run's outcome: an append that does not name a version is made at the version
/// the ticket is at only while the ticket is not cancelled (the status check and the append are one
/// optimistic step), so nothing is recorded as done after `ticket.cancelled` (docs/pipeline.md, "Cancelling").
struct TicketRecorder: Sendable {
    let store: any EventStore
    let ticket: TicketID
    let actor: String

    /// Appends events expecting the stream at `version`; nil: at any version, unless the ticket is cancelled.
    /// - Returns: The ticket's state afterwards.
    /// - Throws: ``TicketWasCancelled`` (nil `version` only), ``StoreError``.
    @discardableResult
    func append(_ events: [DomainEvent], expecting version: Int64?, key: String? = nil) async throws -> TicketState {
        let ticket = self.ticket
        // An unstructured task does not inherit cancellation: the append completes even when the
        // run that produced these events was cancelled.
        return try await Task {
            if let version { return try await appendOnce(events, at: .exact(version), key: key) }
            return try await appendDeciding(key: key) { state in
                guard state.status != .cancelled else { throw TicketWasCancelled(ticket: ticket) }
                return events
            }
        }.value
    }

    /// The ticket's state, read even while the calling task is being cancelled.
    func current() async throws -> TicketState? {
        let store = self.store
        let ticket = self.ticket
        return try await Task { try await store.ticket(ticket) }.value
    }

    /// Appends events at any version, even after `ticket.cancelled`: only for the `run.finished` of a run
    /// stopped because its ticket was cancelled.
    /// - Returns: The ticket's state afterwards.
    @discardableResult
    func appendAfterCancel(_ events: [DomainEvent]) async throws -> TicketState {
        try await Task { try await appendOnce(events, at: .any, key: nil) }.value
    }

    /// Finishes the ticket's runs that are still recorded as running with `status`, whatever the
    /// ticket's status (a cancelled ticket's last run is recorded this way).
    /// - Returns: The ticket's state afterwards.
    @discardableResult
    func finishOpenRuns(_ status: RunStatus, reason: String) async throws -> TicketState {
        try await Task {
            try await appendDeciding(key: nil) { state in
                state.runs.filter { $0.status == .running }.map { run in
                    DomainEvent.runFinished(
                        RunFinished(
                            run: run.id, status: status, exitCode: nil, durationMilliseconds: 0, tokensIn: 0,
                            tokensOut: 0,
                            costMicros: nil, reason: reason))
                }
            }
        }.value
    }

    /// Reads the ticket and appends at its version what `decide` returns for it (nothing when empty),
    /// deciding again when someone appended first.
    private func appendDeciding(
        key: String?, _ decide: (TicketState) throws -> [DomainEvent]
    ) async throws -> TicketState {
        for _ in 0..<16 {
            guard let state = try await store.ticket(ticket) else { throw Self.disappeared(ticket) }
            let events = try decide(state)
            guard !events.isEmpty else { return state }
            do {
                return try await appendOnce(events, at: .exact(state.version), key: key)
            } catch let error as StoreError where error.isVersionConflict {
                continue
            }
        }
        throw StoreError.unavailable("\(ticket) kept changing while its events were recorded: see aet show \(ticket).")
    }

    private func appendOnce(_ events: [DomainEvent], at version: ExpectedVersion, key: String?) async throws
        -> TicketState
    {
        let metadata = EventMetadata(actor: actor)
        let batch = events.enumerated().map { index, event in
            EventToAppend(event, metadata: metadata, idempotencyKey: key.map { "\($0).\(index)" })
        }
        _ = try await store.append(batch, to: .ticket(ticket), expectedVersion: version)
        guard let state = try await store.ticket(ticket) else { throw Self.disappeared(ticket) }
        return state
    }

    private static func disappeared(_ ticket: TicketID) -> StoreError {
        StoreError.unavailable("\(ticket) disappeared from the projection: run aet verify-state.")
    }
}

/// A run's outcome was not recorded because its ticket was cancelled meanwhile.
public struct TicketWasCancelled: Error, Sendable, CustomStringConvertible {
    /// The ticket.
    public var ticket: TicketID
    public var description: String { "\(ticket) was cancelled: the run's outcome is not recorded." }
}
