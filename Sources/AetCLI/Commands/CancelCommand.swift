import AetCore
import AetStore
import ArgumentParser
import Foundation
import Logging

/// `aet cancel T-n [--reason TEXT]`: stops a queued or running ticket.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a queued or running ticket."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    @Option(help: ArgumentHelp("Why, recorded in the event log.", valueName: "text"))
    var reason = "cancelled by user"

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure("--reason is empty: say why the ticket is cancelled, or leave the option out.")
        }
        let context = try CommandContext.resolve(globals, command: "cancel")
        let store = try context.openStore()
        let state = try await TicketService(store: store, actor: CommandContext.actor("cancel")).cancel(
            id,
            reason: reason
        )
        context.logger.info("cancelled a ticket", metadata: [LogKey.ticketID: .string(id.description)])
        if context.json { return try context.writeJSON(state) }
        context.write("cancelled \(id): \(Format.firstLine(reason))")
    }
}
