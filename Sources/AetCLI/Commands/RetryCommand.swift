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
        try await TicketCommandRunner.run(
            ticket: ticket, globals: globals, command: "retry", logMessage: "retried a ticket",
            change: { service, id in try await service.retry(id) },
            sentence: { id, state in "\(id) is queued again (attempt \(state.attempt))." })
    }
}
