public import AetCore

extension StageExecutor {
    /// Records the runs of a cancelled ticket that are still open as cancelled ("the ticket was
    /// cancelled"), after its work stopped with ``TicketWasCancelled`` (`aet simple` in place).
    /// - Parameter ticket: The ticket.
    /// - Returns: Its state afterwards.
    /// - Throws: Store errors.
    @discardableResult
    public func closeCancelledRuns(of ticket: TicketID) async throws -> TicketState {
        try await TicketRecorder(store: environment.store, ticket: ticket, actor: environment.actor)
            .finishOpenRuns(.cancelled, reason: RunAttempt.cancelledReason)
    }
}
