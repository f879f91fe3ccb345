import AetCore
import AetStore
import ArgumentParser
import Logging

/// `aet retry T-n`: puts a failed, dead-lettered or cancelled ticket back in the queue.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue a failed, dead-lettered or cancelled ticket again."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: "retry")
        let store = try context.openStore()
        let state = try await TicketService(store: store, actor: CommandContext.actor("retry")).retry(id)
        context.logger.info("retried a ticket", metadata: [LogKey.ticketID: .string(id.description)])
        if context.json { return try context.writeJSON(state) }
        context.write("\(id) is queued again (attempt \(state.attempt)).")
    }
}
