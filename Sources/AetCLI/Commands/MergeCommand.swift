import AetCore
import AetScheduler
import AetStore
import ArgumentParser

/// `aet merge T-n`: lands a ticket whose finished work waits to merge, now.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Land a ticket whose finished work waits for your checkout, now.",
        discussion: """
            A ticket waits to merge when its base branch is checked out with uncommitted changes that touch \
            files the ticket changes (aet status shows which). Commit, stash or revert them, then run \
            aet merge T-n (aet process also tries again by itself). Your other uncommitted changes stay \
            exactly as they are. Exit status: 0 merged, 1 still waiting (the reason is printed) or the merge \
            failed, 2 the ticket does not wait to merge.
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    /// The result, as `--json` prints it.
    struct Report: Encodable {
        var ticket: String
        var status: String
        var merged: Bool
        var message: String
    }

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: "merge")
        let setup = try PipelineSetup.make(context, runtime: nil, command: "merge", progress: { _ in })
        defer { try? setup.store.close() }  // best effort: the process ends next
        guard let state = try await setup.store.ticket(id) else {
            throw ValidationFailure("ticket \(id) does not exist: see aet status for the tickets there are.")
        }
        guard state.status == .waitingToMerge else {
            throw ValidationFailure(
                "\(id) is \(Format.name(state.status)), not waiting to merge: aet merge lands only a ticket whose "
                    + "finished work waits for your checkout (see aet show \(id)).")
        }
        let result = try await StageExecutor(environment: setup.environment).land(state)
        let message: String
        switch result {
        case .landed(_, let summary): message = "\(id) merged: \(summary)."
        case .waiting(_, let reason):
            message =
                "\(id) still waits to merge: \(reason); resolve that (commit, stash or revert the changes), then run aet merge \(id) again."
        case .failed(let after, let reason):
            message = "\(id) could not be merged (\(reason)): it is \(Format.name(after.status)) now."
        }
        let merged = if case .landed = result { true } else { false }
        if context.json {
            try context.writeJSON(
                Report(ticket: id.description, status: result.ticket.status.rawValue, merged: merged, message: message))
        } else {
            context.write(message)
        }
        if !merged { throw ExitCode(1) }
    }
}
