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
        _ = try TicketID(parsing: ticket)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure("--reason is empty: say why the ticket is cancelled, or leave the option out.")
        }
        let reason = reason
        try await TicketCommandRunner.run(
            ticket: ticket, globals: globals, command: "cancel", logMessage: "cancelled a ticket",
            change: { service, id in try await service.cancel(id, reason: reason) },
            sentence: { id, _ in "cancelled \(id): \(Format.firstLine(reason))" })
    }
}
