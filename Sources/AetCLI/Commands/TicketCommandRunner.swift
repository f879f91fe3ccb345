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
    ///   - keepBranch: nil: leave the ticket's worktree alone; else remove it after the change, and its
    ///     branch unless true (``TicketWorkspaceRemoval``).
    ///   - change: Applies the change and returns the ticket's new state.
    ///   - sentence: The line printed for people.
    /// - Throws: ``ValidationFailure`` for a bad id or a refused change; ``StoreError``; ``CommandFailure``
    ///   when the worktree could not be removed.
    static func run(
        ticket: String,
        globals: GlobalOptions,
        command: String,
        logMessage: Logger.Message,
        removingWorkspace keepBranch: Bool? = nil,
        change: (TicketService<SQLiteEventStore>, TicketID) async throws -> TicketState,
        sentence: (TicketID, TicketState) -> String
    ) async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: command)
        let store = try context.openStore()
        let service = TicketService(store: store, actor: CommandContext.actor(command))
        let state = try await change(service, id)
        context.logger.info(logMessage, metadata: [LogKey.ticketID: .string(id.description)])
        var removal: String?
        if let keepBranch {
            removal = try await TicketWorkspaceRemoval.remove(
                state, keepBranch: keepBranch, context: context, store: store, command: command)
        }
        if context.json { return try context.writeJSON(state) }
        var line = sentence(id, state)
        if let removal {
            let period = line.hasSuffix(".")
            line = (period ? String(line.dropLast()) : line) + "; " + removal + (period ? "." : "")
        }
        context.write(line)
    }
}
