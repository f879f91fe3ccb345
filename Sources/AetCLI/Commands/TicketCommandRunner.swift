import AetCore
import AetStore
import Logging

/// The shared flow of the commands that change one ticket (`cancel`, `retry`, `dlq retry`,
/// `dlq remove`): parse the id, open the store, apply the change through ``TicketService``, log
/// it, and print the new state as JSON or one sentence.
enum TicketCommandRunner {
    /// Runs one ticket change.
    /// - Parameters:
    ///   - ticket: The ticket id as typed.
    ///   - globals: The global options.
    ///   - command: The command's name, for log metadata and the event actor.
    ///   - logMessage: What the log line says happened.
    ///   - change: Applies the change and returns the ticket's new state.
    ///   - sentence: The line printed for people.
    /// - Throws: ``ValidationFailure`` for a bad id or a refused change; ``StoreError``.
    static func run(
        ticket: String,
        globals: GlobalOptions,
        command: String,
        logMessage: Logger.Message,
        change: (TicketService<SQLiteEventStore>, TicketID) async throws -> TicketState,
        sentence: (TicketID, TicketState) -> String
    ) async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: command)
        let service = TicketService(store: try context.openStore(), actor: CommandContext.actor(command))
        let state = try await change(service, id)
        context.logger.info(logMessage, metadata: [LogKey.ticketID: .string(id.description)])
        if context.json { return try context.writeJSON(state) }
        context.write(sentence(id, state))
    }
}
