public import AetCore

/// The ticket commands users issue (create, cancel, retry, DLQ), decided against the projections
/// and appended with optimistic concurrency.
///
/// ```swift
/// let service = TicketService(store: store, actor: "cli")
/// let id = try await service.create(TicketDraft(description: "add a README"))
/// ```
public struct TicketService<Store: EventStore>: Sendable {
    /// The store commands are appended to.
    public let store: Store
    /// Recorded as the metadata actor of every event.
    public let actor: String

    /// Creates a service.
    /// - Parameters:
    ///   - store: The event store.
    ///   - actor: Who issues the commands, e.g. `cli`.
    public init(store: Store, actor: String) {
        self.store = store
        self.actor = actor
    }

    /// Validates a draft and records a new ticket with the next free number.
    /// - Parameters:
    ///   - draft: The ticket as asked for.
    ///   - budget: Its budget (recorded as `ticket.budget_set` with the creation); nil or unlimited: none.
    /// - Returns: The new ticket's id.
    /// - Throws: ``ValidationFailure`` for bad input or an unknown dependency (nothing is written);
    ///   ``StoreError`` when the store fails.
    public func create(_ draft: TicketDraft, budget: TicketBudget? = nil) async throws -> TicketID {
        try draft.validate()
        for dependency in draft.dependencies where try await store.ticket(dependency) == nil {
            throw ValidationFailure(
                "ticket \(dependency) does not exist: depend only on existing tickets (see aet status).")
        }
        // Ticket numbers are allocated optimistically: two creators racing for the same number
        // conflict on the new stream, and the loser takes the next one.
        for _ in 0..<64 {
            let id = TicketID(try await store.maxTicketNumber() + 1)
            var events = [EventToAppend(.ticketCreated(TicketCreated(ticket: id, draft: draft)), metadata: metadata)]
            if let budget, !budget.isUnlimited {
                events.append(EventToAppend(.ticketBudgetSet(TicketBudgetSet(budget: budget)), metadata: metadata))
            }
            do {
                _ = try await store.append(events, to: .ticket(id), expectedVersion: .noStream)
                return id
            } catch let error as StoreError where error.isVersionConflict {
                continue
            }
        }
        throw StoreError.unavailable(
            "could not allocate a ticket number after 64 attempts: too many concurrent writers.")
    }

    /// Cancels a queued or running ticket.
    /// - Parameters:
    ///   - id: The ticket.
    ///   - reason: Why.
    /// - Returns: The ticket's state after.
    /// - Throws: ``ValidationFailure`` when it does not exist or is already finished.
    @discardableResult
    public func cancel(_ id: TicketID, reason: String = "cancelled by user") async throws -> TicketState {
        try await decide(id) { state throws(ValidationFailure) in
            guard !state.status.isTerminal else {
                throw ValidationFailure(
                    "\(id) is \(state.status.rawValue.replacingUnderscores) and cannot be cancelled: only queued or running tickets can."
                )
            }
            return [.ticketCancelled(TicketCancelled(reason: reason))]
        }
    }

    /// Puts a failed, dead-lettered or cancelled ticket back in the queue.
    /// - Parameters:
    ///   - id: The ticket.
    ///   - reason: Why.
    /// - Returns: The ticket's state after.
    /// - Throws: ``ValidationFailure`` when it does not exist or is not retryable.
    @discardableResult
    public func retry(_ id: TicketID, reason: String = "retried by user") async throws -> TicketState {
        try await decide(id) { state throws(ValidationFailure) in
            switch state.status {
            case .deadLettered: return [.deadLetterRetried(DeadLetterRetried(reason: reason))]
            case .failed, .cancelled: return [.ticketRetried(TicketRetried(reason: reason))]
            case .queued, .running, .completed, .waitingToMerge:
                throw ValidationFailure(
                    "\(id) is \(state.status.rawValue) and cannot be retried: only failed, dead-lettered or cancelled tickets can."
                )
            }
        }
    }

    /// Takes a ticket out of the dead-letter queue and queues it again.
    /// - Parameter id: The ticket.
    /// - Returns: The ticket's state after.
    /// - Throws: ``ValidationFailure`` when it is not in the DLQ.
    @discardableResult
    public func retryDeadLetter(_ id: TicketID) async throws -> TicketState {
        try await decide(id) { state throws(ValidationFailure) in
            guard state.deadLetter != nil else { throw notInDeadLetterQueue(id) }
            return [.deadLetterRetried(DeadLetterRetried(reason: "retried from the DLQ by user"))]
        }
    }

    /// Removes a ticket from the dead-letter queue without retrying it; it stays failed.
    /// - Parameter id: The ticket.
    /// - Returns: The ticket's state after.
    /// - Throws: ``ValidationFailure`` when it is not in the DLQ.
    @discardableResult
    public func removeDeadLetter(_ id: TicketID) async throws -> TicketState {
        try await decide(id) { state throws(ValidationFailure) in
            guard state.deadLetter != nil else { throw notInDeadLetterQueue(id) }
            return [.deadLetterRemoved(DeadLetterRemoved(reason: "removed from the DLQ by user"))]
        }
    }

    /// Loads a ticket or fails with a sentence for the user.
    /// - Parameter id: The ticket.
    /// - Returns: Its state.
    /// - Throws: ``ValidationFailure`` when it does not exist.
    public func existingTicket(_ id: TicketID) async throws -> TicketState {
        guard let state = try await store.ticket(id) else {
            throw ValidationFailure("ticket \(id) does not exist: see aet status for the tickets there are.")
        }
        return state
    }

    private var metadata: EventMetadata { EventMetadata(actor: actor) }

    private func notInDeadLetterQueue(_ id: TicketID) -> ValidationFailure {
        ValidationFailure("\(id) is not in the dead-letter queue: see aet dlq list.")
    }

    /// Loads, decides, appends at the loaded version; retries the decision when someone appended first.
    private func decide(
        _ id: TicketID, _ decision: (TicketState) throws(ValidationFailure) -> [DomainEvent]
    ) async throws -> TicketState {
        for _ in 0..<16 {
            let state = try await existingTicket(id)
            let events = try decision(state).map { EventToAppend($0, metadata: metadata) }
            do {
                _ = try await store.append(events, to: .ticket(id), expectedVersion: .exact(state.version))
                return try await existingTicket(id)
            } catch let error as StoreError where error.isVersionConflict {
                continue
            }
        }
        throw StoreError.unavailable("\(id) kept changing while the command was applied: try again.")
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
