import AetCore
import AetStore
import ArgumentParser
import Foundation
import Logging

/// `aet cancel T-n [--reason TEXT] [--keep-branch]`: stops a queued or running ticket and removes its worktree.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a queued or running ticket; its agent is stopped and its worktree and branch removed.",
        discussion: """
            A running ticket's agent is stopped within a second by the aet process working it (its process group: \
            SIGTERM, then SIGKILL after the 5 s grace period for an agent that ignores it); the partial work is committed to the ticket's branch, \
            the run is recorded as cancelled, and nothing else is recorded for the ticket. aet cancel waits for \
            that (up to 60 s), then removes the worktree .aet/worktrees/T-n and the branch aet/T-n; \
            --keep-branch keeps the branch. Exit status: 0 cancelled (and removed), 1 cancelled but the worktree \
            could not be removed, 2 the ticket cannot be cancelled.
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    @Option(help: ArgumentHelp("Why, recorded in the event log.", valueName: "text"))
    var reason = "cancelled by user"

    @Flag(help: "Keep the branch aet/T-n (with the partial work); the worktree is removed either way.")
    var keepBranch = false

    func run() async throws {
        _ = try TicketID(parsing: ticket)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure("--reason is empty: say why the ticket is cancelled, or leave the option out.")
        }
        let reason = reason
        try await TicketCommandRunner.run(
            ticket: ticket, globals: globals, command: "cancel", logMessage: "cancelled a ticket",
            removingWorkspace: keepBranch,
            change: { service, id in try await service.cancel(id, reason: reason) },
            sentence: { id, _ in "cancelled \(id): \(Format.firstLine(reason))" })
    }
}
